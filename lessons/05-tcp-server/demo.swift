// Lesson 05, a TCP server: the demo. listenTCP on port 0 and the port it reports; three
// clients queued before the first accept, served in order by serve; the TIME_WAIT a server's
// close leaves, and the restart SO_REUSEADDR allows; an IPv6 listener with and without
// IPV6_V6ONLY.
import Glibc

@main
enum TCPServerDemo {
    typealias Text = Harness.Text

    static func main() throws {
        let (listener, port) = try listenTCP(on: Harness.loopback, port: 0, backlog: 8)
        Harness.say("listenTCP(on: \"127.0.0.1\", port: 0, backlog: 8)",
            ko: "listenTCP(on: \"127.0.0.1\", port: 0, backlog: 8)")
        Harness.say("  -> listening on port \(port), the one the kernel chose.",
            ko: "  -> 포트 \(port)에서 리슨 중. 커널이 고른 포트입니다.")
        try showQueue(listener, port)
        close(listener)
        try showRestart()
        showIPv6()
    }

    /// Three clients connect and send before anyone accepts; serve then takes them in turn.
    static func showQueue(_ listener: Int32, _ port: UInt16) throws {
        let endpoint = Harness.Endpoint(host: Harness.loopback, port: port)
        var clients: [Int32] = []
        for _ in 1...3 { clients.append(try Harness.tcpClient(endpoint)) }
        print("")
        Harness.say("Three clients called connect, and each connect returned. Nobody has called",
            ko: "클라이언트 셋이 connect를 불렀고 셋 다 돌아왔습니다. 아직 아무도 accept를")
        Harness.say("accept yet: the kernel finished each handshake and keeps it in the queue.",
            ko: "부르지 않았습니다. 커널이 핸드셰이크를 끝내고 연결을 큐에 넣어 두었습니다.")
        Harness.say("  TCP sockets on port \(port): \(describe(Harness.tcpStates(localPort: port)))",
            ko: "  포트 \(port)의 TCP 소켓: \(describe(Harness.tcpStates(localPort: port)))")
        for (index, fd) in clients.enumerated() {
            try Harness.sendAllBytes(fd, Array("hello from \(index + 1)\nbye from \(index + 1)\n".utf8))
            shutdown(fd, Int32(SHUT_WR))
        }
        Harness.say("Each sends two lines and shuts down its sending side. The kernel takes the bytes",
            ko: "클라이언트마다 두 줄을 보내고 보내는 쪽을 닫습니다. 아무도 accept하지 않았어도")
        Harness.say("and the FIN for the queued connections, which go to CLOSE-WAIT:",
            ko: "커널은 큐에 있는 연결의 바이트와 FIN을 받아 두고, 연결은 CLOSE-WAIT가 됩니다:")
        Harness.say("  TCP sockets on port \(port): \(describe(Harness.tcpStates(localPort: port)))",
            ko: "  포트 \(port)의 TCP 소켓: \(describe(Harness.tcpStates(localPort: port)))")
        print("")
        Harness.say("serve(listener, clients: 3, transform: uppercased), one client after another:",
            ko: "serve(listener, clients: 3, transform: uppercased), 클라이언트를 하나씩 차례로:")
        try serve(listener, clients: 3) { line in
            Harness.say("  transform(\"\(line)\")", ko: "  transform(\"\(line)\")")
            return line.uppercased()
        }
        for (index, fd) in clients.enumerated() {
            let got = Harness.readStream(fd, timeout: 1)
            let lines = got.text.split(separator: "\n").map { "\"\($0)\"" }.joined(separator: ", ")
            let end = got.ended ? Text(", then the end of stream", ko: ", 그리고 스트림 끝") : Text("", ko: "")
            Harness.say("  client \(index + 1) received \(lines)\(end.en)",
                ko: "  클라이언트 \(index + 1) 수신: \(lines)\(end.ko)")
            close(fd)
        }
    }

    /// A connection the server closes first leaves TIME_WAIT on the server's port.
    static func showRestart() throws {
        let (first, port) = try listenTCP(on: Harness.loopback, port: 0, backlog: 8)
        let client = try Harness.tcpConnect(to: Harness.Endpoint(host: Harness.loopback, port: port))
        let connection = accept(first, nil, nil)
        close(connection)
        _ = Harness.readStream(client, timeout: 1)
        close(client)
        close(first)
        var states = Harness.tcpStates(localPort: port)
        for _ in 0..<100 where !states.contains("06") {
            usleep(10_000)
            states = Harness.tcpStates(localPort: port)
        }
        print("")
        Harness.say("A server on port \(port) closed a connection first, then closed its listener.",
            ko: "포트 \(port)의 서버가 연결을 먼저 닫고, 리슨 소켓도 닫았습니다.")
        Harness.say("  TCP sockets on port \(port) now: \(describe(states))",
            ko: "  지금 포트 \(port)의 TCP 소켓: \(describe(states))")
        let plain = bindPlain(port)
        Harness.say("  a new socket without SO_REUSEADDR: bind -> \(plain)",
            ko: "  SO_REUSEADDR 없는 새 소켓: bind -> \(plain)")
        do {
            let (again, _) = try listenTCP(on: Harness.loopback, port: port, backlog: 8)
            Harness.say("  listenTCP(on: \"127.0.0.1\", port: \(port), ...), SO_REUSEADDR: listening",
                ko: "  listenTCP(on: \"127.0.0.1\", port: \(port), ...), SO_REUSEADDR: 리슨 중")
            close(again)
        } catch {
            Harness.say("  listenTCP(on: \"127.0.0.1\", port: \(port), ...) threw: \(error)",
                ko: "  listenTCP(on: \"127.0.0.1\", port: \(port), ...)의 오류: \(error)")
        }
    }

    /// One socket on :: can take IPv4 clients too, unless IPV6_V6ONLY says otherwise.
    static func showIPv6() {
        print("")
        Harness.say("An IPv6 listener on [::], then a client connecting to 127.0.0.1 on its port:",
            ko: "[::]에서 듣는 IPv6 소켓에 클라이언트가 127.0.0.1로 연결하면:")
        for only in [Int32(0), 1] {
            guard let (fd, port) = listen6(v6only: only) else {
                Harness.say("  IPv6 is not available here: \(Harness.errnoText("bind"))",
                    ko: "  여기서는 IPv6를 쓸 수 없습니다: \(Harness.errnoText("bind"))")
                return
            }
            defer { close(fd) }
            var result: String
            do {
                let client = try Harness.tcpConnect(to: Harness.Endpoint(host: Harness.loopback, port: port))
                defer { close(client) }
                var storage = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let connection = withUnsafeMutablePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(fd, $0, &length) }
                }
                defer { close(connection) }
                let peer = Harness.endpoint(storage)?.description ?? "?"
                result = Text("accepted, the peer is \(peer)", ko: "accept됨, 상대 주소 \(peer)").string
            } catch {
                result = Text("connect failed: \(error)", ko: "connect 실패: \(error)").string
            }
            Harness.say("  IPV6_V6ONLY \(only): \(result)", ko: "  IPV6_V6ONLY \(only): \(result)")
        }
        Harness.say("With 0 (Linux's default) IPv4 clients arrive as IPv4-mapped addresses,",
            ko: "0(리눅스 기본값)이면 IPv4 클라이언트가 IPv4 매핑 주소")
        Harness.say("::ffff:a.b.c.d; with 1 the socket takes IPv6 clients only.",
            ko: "::ffff:a.b.c.d로 들어옵니다. 1이면 IPv6 클라이언트만 받습니다.")
    }

    static func listen6(v6only: Int32) -> (Int32, UInt16)? {
        let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var flag = v6only
        setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &flag, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_addr = in6addr_any
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
        var actual = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, listen(fd, 4) == 0 else { close(fd); return nil }
        return (fd, UInt16(bigEndian: actual.sin6_port))
    }

    static func bindPlain(_ port: UInt16) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        guard var address = try? Harness.socketAddress(Harness.loopback, port) else { return "?" }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return status == 0 ? "0" : "-1, " + String(cString: strerror(errno))
    }

    /// /proc/net/tcp's state codes as ss names them.
    static func describe(_ states: [String]) -> String {
        let names = ["01": "ESTAB", "02": "SYN-SENT", "03": "SYN-RECV", "04": "FIN-WAIT-1", "05": "FIN-WAIT-2",
                     "06": "TIME-WAIT", "07": "CLOSE", "08": "CLOSE-WAIT", "09": "LAST-ACK", "0A": "LISTEN",
                     "0B": "CLOSING"]
        var counts: [(String, Int)] = []
        for state in states {
            let name = names[state] ?? state
            if let index = counts.firstIndex(where: { $0.0 == name }) { counts[index].1 += 1 } else { counts.append((name, 1)) }
        }
        return counts.isEmpty ? "-" : counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }
}
