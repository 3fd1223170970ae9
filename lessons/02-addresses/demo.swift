// Lesson 02, addresses: the demo. Text becomes an endpoint and back (parseEndpoint,
// description), an endpoint becomes the bytes of a sockaddr (makeSocketAddress), shown byte by
// byte, and the kernel's own addresses are read back (readSocketAddress): the port it picks
// for port 0, and an IPv4 sender seen by an IPv6 socket as an IPv4-mapped address.
import Glibc

@main
enum AddressesDemo {
    typealias Text = Harness.Text

    static func main() throws {
        parsing()
        try bytes()
        try kernelAddresses()
    }

    static func parsing() {
        Harness.say("parseEndpoint, then description:", ko: "parseEndpoint 다음 description:")
        var rows = [Text("text|host|port|description", ko: "글|host|port|description").string
            .split(separator: "|").map(String.init)]
        for text in ["1.2.3.4:80", "[::1]:8080", "[2001:DB8:0:0::1]:443", "[::FFFF:10.0.0.1]:53",
                     "[fe80::1%lo]:9", "[0:0:0:0:0:0:0:0]:0"] {
            do {
                let endpoint = try parseEndpoint(text)
                rows.append([text, endpoint.host, "\(endpoint.port)", endpoint.description])
            } catch {
                rows.append([text, "\(error)", "", ""])
            }
        }
        Harness.printTable(rows)
        Harness.say("", ko: "")
        Harness.say("Text it refuses:", ko: "거절하는 글:")
        for text in ["1.2.3.4:65536", "1.2.3.4", "::1:80", "[1.2.3.4]:80", "[fe80::1%eth9]:9"] {
            do {
                let endpoint = try parseEndpoint(text)
                Harness.say("  \(text) -> \(endpoint) (accepted?)", ko: "  \(text) -> \(endpoint) (받아들임?)")
            } catch {
                Harness.say("  " + pad(text, 18) + "\(error)", ko: "  " + pad(text, 18) + "\(error)")
            }
        }
        Harness.say("", ko: "")
    }

    /// The bytes of the sockaddr_in and sockaddr_in6 that makeSocketAddress builds.
    static func bytes() throws {
        for endpoint in [IPEndpoint(host: "1.2.3.4", port: 80), IPEndpoint(host: "fe80::1%lo", port: 443)] {
            var built = try makeSocketAddress(for: endpoint)
            let all = withUnsafeBytes(of: &built.storage) { Array($0.prefix(Int(built.length))) }
            let kind = endpoint.host.contains(":") ? "sockaddr_in6" : "sockaddr_in"
            Harness.say("makeSocketAddress(for: \(endpoint)): a \(kind), \(built.length) bytes in memory:",
                ko: "makeSocketAddress(for: \(endpoint)): \(kind), 메모리 속 \(built.length)바이트:")
            let parts: [(Int, Int, String, Text)] = kind == "sockaddr_in"
                ? [(0, 2, "sin_family", Text("AF_INET, this machine's order", ko: "AF_INET, 이 컴퓨터의 순서")),
                   (2, 2, "sin_port", Text("80 = 0x0050, network order", ko: "80 = 0x0050, 네트워크 순서")),
                   (4, 4, "sin_addr", Text("1.2.3.4, network order", ko: "1.2.3.4, 네트워크 순서")),
                   (8, 8, "sin_zero", Text("padding", ko: "채움"))]
                : [(0, 2, "sin6_family", Text("AF_INET6", ko: "AF_INET6")),
                   (2, 2, "sin6_port", Text("443 = 0x01BB, network order", ko: "443 = 0x01BB, 네트워크 순서")),
                   (4, 4, "sin6_flowinfo", Text("", ko: "")),
                   (8, 16, "sin6_addr", Text("fe80::1", ko: "fe80::1")),
                   (24, 4, "sin6_scope_id", Text("lo's index, this machine's order",
                                                 ko: "lo의 번호, 이 컴퓨터의 순서"))]
            for (start, count, field, what) in parts where start + count <= all.count {
                let hex = all[start..<start + count].map(hexByte).joined(separator: " ")
                let line = "  " + pad(field, 14) + hex + (what.string.isEmpty ? "" : "  " + what.string)
                Harness.say(line, ko: line)
            }
        }
        let port: UInt16 = 80
        Harness.say("Read as a plain UInt16 on this machine, those port bytes 00 50 are \(port.bigEndian);",
            ko: "포트 바이트 00 50을 이 컴퓨터에서 그냥 UInt16으로 읽으면 \(port.bigEndian)입니다.")
        Harness.say("UInt16(bigEndian:) turns them back into \(UInt16(bigEndian: port.bigEndian)).",
            ko: "UInt16(bigEndian:)이 다시 \(UInt16(bigEndian: port.bigEndian))으로 되돌립니다.")
        Harness.say("", ko: "")
    }

    /// Addresses the kernel fills in: a port chosen for port 0, an IPv4-mapped sender.
    static func kernelAddresses() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var any = try makeSocketAddress(for: try parseEndpoint("127.0.0.1:0"))
        _ = withUnsafePointer(to: &any.storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, any.length) }
        }
        let chosen = try readSocketAddress(name(of: fd))
        Harness.say("bind 127.0.0.1:0; getsockname says \(chosen), a port the kernel chose.",
            ko: "127.0.0.1:0에 bind하면 getsockname은 \(chosen): 커널이 고른 포트입니다.")

        // A dual-stack IPv6 socket hears IPv4 too, and sees IPv4 senders as ::ffff:a.b.c.d.
        let six = socket(AF_INET6, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(six) }
        var off: Int32 = 0
        setsockopt(six, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &off, socklen_t(MemoryLayout<Int32>.size))
        var wildcard = try makeSocketAddress(for: IPEndpoint(host: "::", port: 0))
        _ = withUnsafePointer(to: &wildcard.storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(six, $0, wildcard.length) }
        }
        let listening = try readSocketAddress(name(of: six))
        var target = try makeSocketAddress(for: IPEndpoint(host: "127.0.0.1", port: listening.port))
        let message = Array("hi".utf8)
        _ = message.withUnsafeBytes { bytes in
            withUnsafePointer(to: &target.storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, bytes.baseAddress, bytes.count, 0, $0, target.length)
                }
            }
        }
        var from = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = withUnsafeMutablePointer(to: &from) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                recvfrom(six, &buffer, buffer.count, Int32(MSG_DONTWAIT), $0, &length)
            }
        }
        Harness.say("That socket sent \(n > 0 ? n : 0) bytes to an AF_INET6 socket on \(listening)",
            ko: "그 소켓이 \(listening)의 AF_INET6 소켓(IPV6_V6ONLY 끔)으로")
        Harness.say("(IPV6_V6ONLY off), whose recvfrom says they came from",
            ko: "\(n > 0 ? n : 0)바이트를 보냈고, 받는 쪽 recvfrom이 알려 준 보낸 곳은")
        let sender = n > 0 ? (try? readSocketAddress(from)).map { "\($0)" } ?? "?" : "-"
        Harness.say("  \(sender)", ko: "  \(sender)")
        Harness.say("an IPv4-mapped IPv6 address, in a \(length)-byte sockaddr_in6.",
            ko: "IPv4 매핑 IPv6 주소이고, \(length)바이트짜리 sockaddr_in6에 담겨 옵니다.")
    }

    static func name(of fd: Int32) -> sockaddr_storage {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return storage
    }

    /// Padded with spaces to `width` characters (the hex columns are ASCII).
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
