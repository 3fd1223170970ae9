// Lesson 14, socket helpers: the demo. Who this host is, what /etc/services and
// getaddrinfo say, both ends of a TCP connection on 127.0.0.1 seen from each side,
// and lines read from a socket through a FILE stream.
import Glibc

@main
enum SocketHelpersDemo {
    typealias Text = Harness.Text

    static func main() throws {
        thisHost()
        services()
        try addresses()
        try connection()
    }

    // MARK: who am I

    static func thisHost() {
        heading("This host", ko: "이 호스트")
        let name = hostName()
        let first = (try? resolve(name))?.first ?? "?"
        Harness.say("  hostName()                \(name)", ko: "  hostName()                \(name)")
        Harness.say("  resolve(hostName())[0]    \(first)", ko: "  resolve(hostName())[0]    \(first)")
        Harness.say("  fullyQualifiedName(\"\")    \(fullyQualifiedName(""))",
            ko: "  fullyQualifiedName(\"\")    \(fullyQualifiedName(""))")
        Harness.say("  (getfqdn looks \(first) up in reverse and takes the first name",
            ko: "  (getfqdn은 이 주소를 거꾸로 찾아, 나온 이름 가운데 점이 든 첫")
        Harness.say("   with a dot, else the first name: /etc/hosts and DNS decide.)",
            ko: "   이름을, 없으면 첫 이름을 답합니다. /etc/hosts와 DNS에 달렸습니다.)")
    }

    // MARK: where is it: services

    static func services() {
        heading("Services, from /etc/services (getservbyname)",
                ko: "서비스: /etc/services에서 (getservbyname)")
        for (name, proto) in [("http", "tcp"), ("www", "tcp"), ("domain", "udp"),
                              ("ssh", "tcp"), ("http", "udp"), ("no-such-thing", "tcp")] {
            let question = pad("port(ofService: \"\(name)\", protocol: \"\(proto)\")", 50)
            let answer = port(ofService: name, protocol: proto).map(String.init) ?? "nil"
            Harness.say("  \(question) \(answer)", ko: "  \(question) \(answer)")
        }
        if let entry = getservbyname("http", "tcp") {
            let raw = UInt16(truncatingIfNeeded: entry.pointee.s_port)
            Harness.say("", ko: "")
            Harness.say("  s_port for http/tcp as stored: \(raw) (0x\(hex(raw))). It is in network",
                ko: "  http/tcp의 s_port에 든 그대로의 값: \(raw) (0x\(hex(raw))). 네트워크 바이트")
            Harness.say("  byte order; UInt16(bigEndian:) reads it as \(UInt16(bigEndian: raw)).",
                ko: "  순서라서 UInt16(bigEndian:)으로 읽어야 \(UInt16(bigEndian: raw))입니다.")
        }
    }

    // MARK: where is it: addresses

    static func addresses() throws {
        heading("Names to addresses (getaddrinfo)", ko: "이름에서 주소로 (getaddrinfo)")
        for host in ["localhost", "127.0.0.1", "::1", "no.such.host.invalid"] {
            let question = pad("resolve(\"\(host)\")", 30)
            do {
                let found = try resolve(host)
                Harness.say("  \(question) \(found)", ko: "  \(question) \(found)")
            } catch {
                Harness.say("  \(question) throws:", ko: "  \(question) 오류:")
                Harness.say("    \(error)", ko: "    \(error)")
            }
        }
        Harness.say("", ko: "")
        Harness.say("What getaddrinfo itself returns, one line per addrinfo:",
            ko: "getaddrinfo가 실제로 돌려주는 것, addrinfo 하나에 한 줄:")
        for (host, service) in [("localhost", nil), ("localhost", "http")] as [(String, String?)] {
            let call = service.map { "getaddrinfo(\"\(host)\", \"\($0)\")" } ?? "getaddrinfo(\"\(host)\", nil)"
            Harness.say("  \(call), no ai_socktype:", ko: "  \(call), ai_socktype 없이:")
            for line in rawAddrinfo(host, service) { Harness.say("    \(line)", ko: "    \(line)") }
        }
        Harness.say("  One address, once per socket type. A service name fills in the",
            ko: "  주소 하나가 소켓 종류마다 한 번씩 나옵니다. 서비스 이름을 주면 포트가")
        Harness.say("  port, and keeps only the types /etc/services lists for it.",
            ko: "  채워지고, /etc/services에 있는 종류만 남습니다.")
    }

    /// Every addrinfo for host (and service), as family, type, protocol, address, port.
    static func rawAddrinfo(_ host: String, _ service: String?) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, service, &hints, &list)
        guard status == 0 else { return [String(cString: gai_strerror(status))] }
        defer { freeaddrinfo(list) }
        var lines: [String] = []
        var node = list
        while let entry = node?.pointee {
            node = entry.ai_next
            guard let address = entry.ai_addr else { continue }
            var storage = sockaddr_storage()
            withUnsafeMutableBytes(of: &storage) {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(entry.ai_addrlen)))
            }
            let family = entry.ai_family == AF_INET6 ? "AF_INET6" : "AF_INET "
            let type: String
            switch entry.ai_socktype {
            case Int32(SOCK_STREAM.rawValue): type = "SOCK_STREAM"
            case Int32(SOCK_DGRAM.rawValue): type = "SOCK_DGRAM "
            default: type = "SOCK_RAW   "
            }
            let endpoint = Harness.endpoint(storage).map { "\($0)" } ?? "?"
            lines.append("\(family)  \(type)  protocol \(pad(String(entry.ai_protocol), 2))  \(endpoint)")
        }
        return lines
    }

    // MARK: who are you: a TCP connection

    static func connection() throws {
        heading("A TCP connection on 127.0.0.1", ko: "127.0.0.1의 TCP 연결")
        let listener = try listenOnLoopbackAnyPort()
        defer { close(listener) }
        let server = try localEndpoint(of: listener)
        Harness.say("  The server bound 127.0.0.1 port 0 (\"any free port\") and listens.",
            ko: "  서버는 127.0.0.1의 0번 포트(\"아무 빈 포트\")에 bind하고 listen합니다.")
        Harness.say("  localEndpoint(listener)   \(show(server))   <- the port the kernel chose",
            ko: "  localEndpoint(listener)   \(show(server))   <- 커널이 고른 포트")
        do {
            _ = try peerEndpoint(of: listener)
        } catch {
            Harness.say("  peerEndpoint(listener)    throws (nobody on the other end):",
                ko: "  peerEndpoint(listener)    오류 (상대가 없음):")
            Harness.say("    \(error)", ko: "    \(error)")
        }

        let client = try Harness.tcpConnect(to: Harness.Endpoint(host: server.host, port: server.port))
        defer { close(client) }
        let (accepted, _) = try accept(listener)
        defer { close(accepted) }

        Harness.say("", ko: "")
        Harness.say("  The client connected. Each end sees the other as its mirror image:",
            ko: "  클라이언트가 연결했습니다. 두 끝은 서로를 거울처럼 봅니다.")
        let rows = [
            ("client", try localEndpoint(of: client), try peerEndpoint(of: client)),
            ("server", try localEndpoint(of: accepted), try peerEndpoint(of: accepted)),
        ]
        Harness.say("    \(pad("", 10)) \(pad("localEndpoint (getsockname)", 28)) peerEndpoint (getpeername)",
            ko: "    \(pad("", 10)) \(pad("localEndpoint (getsockname)", 28)) peerEndpoint (getpeername)")
        for (who, local, peer) in rows {
            let name = who == "client" ? Text("client", ko: "클라이언트") : Text("server", ko: "서버")
            Harness.say("    \(pad(name.en, 10)) \(pad(show(local), 28)) \(show(peer))",
                ko: "    \(pad(name.ko, 10)) \(pad(show(local), 28)) \(show(peer))")
        }
        Harness.say("  The client never called bind: connect gave it a free port of its own.",
            ko: "  클라이언트는 bind를 부른 적이 없습니다. 빈 포트는 connect가 붙여 줬습니다.")

        try readThroughFile(client: client, server: accepted)
    }

    // MARK: makefile: lines through a FILE stream

    static func readThroughFile(client: Int32, server: Int32) throws {
        heading("Lines through a FILE stream (makefile)", ko: "FILE 스트림으로 줄 읽기 (makefile)")
        let request = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n안녕\nno newline here"
        Harness.say("  The client sends", ko: "  클라이언트가 보내는 것:")
        Harness.say("    \(quoted(request))", ko: "    \(quoted(request))")
        Harness.say("  and shuts down its sending side (the server then sees the end).",
            ko: "  그리고 보내는 쪽을 닫습니다(shutdown). 그러면 서버는 끝을 봅니다.")
        Harness.writeAll(client, Array(request.utf8))
        shutdown(client, Int32(SHUT_WR))

        let lines = try readLines(from: server)
        Harness.say("  readLines(from: server) gave \(lines.count) lines:",
            ko: "  readLines(from: server)가 돌려준 줄 \(lines.count)개:")
        for (number, line) in lines.enumerated() {
            Harness.say("    \(number + 1): \(quoted(line))", ko: "    \(number + 1): \(quoted(line))")
        }
        let open = fcntl(server, F_GETFD) != -1
        Harness.say("  fcntl(server, F_GETFD) afterwards: \(open ? "ok, still open" : "failed, closed!")",
            ko: "  그 뒤 fcntl(server, F_GETFD): \(open ? "성공, 아직 열려 있음" : "실패, 닫혔음!")")

        let reply = "HTTP/1.0 200 OK\r\n\r\n"
        Harness.writeAll(server, Array(reply.utf8))
        shutdown(server, Int32(SHUT_WR))
        let back = String(decoding: Harness.readToEnd(client, timeout: 2), as: UTF8.self)
        Harness.say("  The server answers on the same fd; the client reads",
            ko: "  서버가 같은 fd로 답하고, 클라이언트가 읽은 것:")
        Harness.say("    \(quoted(back))", ko: "    \(quoted(back))")
        Harness.say("  fclose closed only the dup that the FILE stream owned.",
            ko: "  fclose가 닫은 것은 FILE 스트림이 가진 dup뿐입니다.")
    }

    // MARK: small helpers

    /// A TCP socket listening on 127.0.0.1, port 0: the kernel picks the port at bind.
    static func listenOnLoopbackAnyPort() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Harness.OSError(call: "socket", code: errno) }
        var address = try Harness.socketAddress(Harness.loopback, 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 4) == 0 else {
            let code = errno
            close(fd)
            throw Harness.OSError(call: "bind/listen", code: code)
        }
        return fd
    }

    static func accept(_ listener: Int32) throws -> (Int32, Void) {
        let fd = Glibc.accept(listener, nil, nil)
        guard fd >= 0 else { throw Harness.OSError(call: "accept", code: errno) }
        return (fd, ())
    }

    static func show(_ endpoint: (host: String, port: UInt16)) -> String {
        "\(endpoint.host):\(endpoint.port)"
    }

    static func quoted(_ text: String) -> String { Harness.quoted(text) }

    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// Pads to `width` terminal columns (a Hangul syllable takes two).
    static func pad(_ text: String, _ width: Int) -> String {
        let columns = text.unicodeScalars.reduce(0) { total, scalar in
            total + ((0xAC00...0xD7A3).contains(scalar.value) || (0x1100...0x115F).contains(scalar.value) ? 2 : 1)
        }
        return text + String(repeating: " ", count: max(0, width - columns))
    }

    static func heading(_ en: String, ko: String) {
        Harness.say("", ko: "")
        Harness.say("== \(en) ==", ko: "== \(ko) ==")
    }

}
