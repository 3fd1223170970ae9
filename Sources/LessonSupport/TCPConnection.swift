import Glibc

extension Harness {
    /// A numeric address and a port, the address written as inet_ntop writes it.
    struct Endpoint: Equatable, CustomStringConvertible {
        let host: String
        let port: UInt16

        /// "127.0.0.1:40123", or "[::1]:40123" for IPv6.
        var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

        /// The family the address belongs to: AF_INET6 when it has a colon.
        var family: Int32 { host.contains(":") ? AF_INET6 : AF_INET }
    }

    /// A sockaddr_in or sockaddr_in6 for a numeric address and a port, and its length.
    static func socketAddress(any host: String, _ port: UInt16) throws -> (sockaddr_storage, socklen_t) {
        var storage = sockaddr_storage()
        if host.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                throw Failure(Text("\"\(host)\" is not an IPv6 address.", ko: "\"\(host)\"는 IPv6 주소가 아닙니다."))
            }
            withUnsafeMutableBytes(of: &storage) { target in
                withUnsafeBytes(of: &address) { target.copyMemory(from: $0) }
            }
            return (storage, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
        var address = try socketAddress(host, port)
        withUnsafeMutableBytes(of: &storage) { target in
            withUnsafeBytes(of: &address) { target.copyMemory(from: $0) }
        }
        return (storage, socklen_t(MemoryLayout<sockaddr_in>.size))
    }

    /// The endpoint in a sockaddr_in or sockaddr_in6; nil for any other family.
    static func endpoint(_ storage: sockaddr_storage) -> Endpoint? {
        var copy = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(storage.ss_family) {
        case AF_INET:
            var address = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in.self) }
            inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count))
            return Endpoint(host: String(cString: text), port: UInt16(bigEndian: address.sin_port))
        case AF_INET6:
            var address = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in6.self) }
            inet_ntop(AF_INET6, &address.sin6_addr, &text, socklen_t(text.count))
            return Endpoint(host: String(cString: text), port: UInt16(bigEndian: address.sin6_port))
        default:
            return nil
        }
    }

    /// A listening TCP socket on a numeric loopback address and a random port; closed when it
    /// goes away.
    final class TCPListener {
        let fd: Int32
        /// The address and port it was bound to (known without asking getsockname).
        let endpoint: Endpoint

        /// Binds `host` (127.0.0.1, ::1) on a random free port; another one when a port is taken.
        init(on host: String = Harness.loopback) throws {
            let family: Int32 = host.contains(":") ? AF_INET6 : AF_INET
            var lastError: Error = Failure(Text("no free port", ko: "빈 포트가 없습니다"))
            for _ in 0..<20 {
                let port = randomPort()
                let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
                guard fd >= 0 else { throw OSError(call: "socket", code: errno) }
                var (address, length) = try socketAddress(any: host, port)
                let bound = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
                }
                if bound == 0 && listen(fd, 16) == 0 {
                    self.fd = fd
                    self.endpoint = Endpoint(host: host, port: port)
                    return
                }
                let code = errno
                close(fd)
                lastError = OSError(call: bound == 0 ? "listen" : "bind", code: code)
                if code != EADDRINUSE { break }
            }
            throw lastError
        }

        deinit { close(fd) }

        /// The next connection and the peer's endpoint as accept reported it.
        func accept() throws -> (fd: Int32, peer: Endpoint) {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let connection = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(fd, $0, &length) }
            }
            guard connection >= 0 else { throw OSError(call: "accept", code: errno) }
            guard let peer = Harness.endpoint(storage) else {
                close(connection)
                throw OSError(call: "accept", code: EAFNOSUPPORT)
            }
            return (connection, peer)
        }
    }

    /// A new TCP socket connected to `endpoint` (blocking connect), or an OSError.
    static func tcpConnect(to endpoint: Endpoint) throws -> Int32 {
        let fd = socket(endpoint.family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw OSError(call: "socket", code: errno) }
        var (address, length) = try socketAddress(any: endpoint.host, endpoint.port)
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        guard status == 0 else {
            let code = errno
            close(fd)
            throw OSError(call: "connect", code: code)
        }
        return fd
    }

    /// Both ends of one TCP connection on a loopback address, and the listener they came from.
    /// What each end's address is, the harness knows on its own: the server end's from the
    /// bind, the client end's from accept. Every socket is closed when this goes away.
    final class TCPConnection {
        let listener: TCPListener
        /// The end that called connect.
        let client: Int32
        /// The end accept returned.
        let server: Int32
        /// The client end's address and port, as accept reported them.
        let clientEndpoint: Endpoint
        var serverEndpoint: Endpoint { listener.endpoint }

        init(on host: String = Harness.loopback) throws {
            listener = try TCPListener(on: host)
            client = try tcpConnect(to: listener.endpoint)
            do {
                (server, clientEndpoint) = try listener.accept()
            } catch {
                close(client)
                throw error
            }
        }

        deinit {
            close(client)
            close(server)
        }
    }

    /// Everything `fd` delivers up to its end of stream (or an error), waiting at most
    /// `timeout` seconds in all.
    static func readToEnd(_ fd: Int32, timeout: Double) -> [UInt8] {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let deadline = monotonicSeconds() + timeout
        while true {
            let left = deadline - monotonicSeconds()
            if left <= 0 { return all }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(left * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return all }
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return all }
            all.append(contentsOf: buffer[0..<n])
        }
    }
}
