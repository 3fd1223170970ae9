import Glibc

extension Harness {
    /// The interface address every check and demo pins multicast to. Checks and demos run in a
    /// private network namespace where `lo` is the only interface, so nothing leaves the machine.
    static let loopback = "127.0.0.1"

    /// A random group in 239.255.0.0/16 (the local administratively scoped range), so two runs
    /// at the same time never share a group.
    static func randomGroup() -> String {
        "239.255.\(Int.random(in: 0...255)).\(Int.random(in: 1...254))"
    }

    /// A random port above the well-known and registered crowd and below Linux's ephemeral range.
    static func randomPort() -> UInt16 {
        UInt16.random(in: 20000...60999)
    }

    /// An IPv4 address in network byte order, or nil when inet_pton rejects it.
    static func ipv4(_ text: String) -> in_addr? {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1 ? address : nil
    }

    static func ipv4Text(_ address: in_addr) -> String {
        var copy = address
        var buffer = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &copy, &buffer, socklen_t(buffer.count))
        return String(cString: buffer)
    }

    static func socketAddress(_ host: String, _ port: UInt16) throws -> sockaddr_in {
        guard let address = ipv4(host) else {
            throw Failure(Text("\"\(host)\" is not an IPv4 address.", ko: "\"\(host)\"는 IPv4 주소가 아닙니다."))
        }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        socketAddress.sin_addr = address
        return socketAddress
    }

    /// The errno of the last failed call as readable text, for messages.
    static func errnoText(_ call: String) -> String {
        "\(call): \(String(cString: strerror(errno)))"
    }
}
