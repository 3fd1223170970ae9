// Lesson 04, TCP client: the demo. getaddrinfo's list for localhost and connectTo's fallback
// past an address that refuses; a stream that merges three sends into one read; sendAll
// through a tiny buffer; exchange with a server that answers after the half-close; and
// httpGet against Python's http.server, with the raw answer shown first.
import Glibc

@main
enum TCPClientDemo {
    typealias Text = Harness.Text

    static func main() throws {
        try fallback()
        try boundaries()
        try sendingAll()
        try halfClose()
        try http()
    }

    static func fallback() throws {
        let listener = try Harness.TCPListener(on: Harness.loopback)
        let port = listener.endpoint.port
        // A name of the demo's own, in an /etc/hosts only this process sees: ::1 first.
        let name = (try? Harness.usePrivateHostsFile("::1 dual.learn.test\n127.0.0.1 dual.learn.test\n")) != nil
            ? "dual.learn.test" : "localhost"
        let addresses = Harness.streamAddresses(name)
        Harness.say("getaddrinfo(\"\(name)\", AF_UNSPEC, SOCK_STREAM) gives \(addresses.joined(separator: ", ")).",
            ko: "getaddrinfo(\"\(name)\", AF_UNSPEC, SOCK_STREAM)의 답: \(addresses.joined(separator: ", ")).")
        Harness.say("A server listens on 127.0.0.1:\(port) only. Trying each address in turn:",
            ko: "서버는 127.0.0.1:\(port)에서만 듣습니다. 주소를 차례로 시도하면:")
        for address in addresses {
            let target = Harness.Endpoint(host: address, port: port)
            do {
                let fd = try Harness.tcpConnect(to: target)
                close(fd)
                Harness.say("  \(target): connected", ko: "  \(target): 연결됨")
                _ = try? listener.accept()
            } catch {
                Harness.say("  \(target): \(error)", ko: "  \(target): \(error)")
            }
        }
        let fd = try connectTo(host: name, port: port)
        defer { close(fd) }
        Harness.say("connectTo(host: \"\(name)\", port: \(port)) does the same, and returns",
            ko: "connectTo(host: \"\(name)\", port: \(port))도 똑같이 해서, 돌려준 소켓의")
        Harness.say("  a socket connected to \(peer(of: fd)).", ko: "  상대는 \(peer(of: fd))입니다.")
        Harness.say("", ko: "")
    }

    static func boundaries() throws {
        let (client, server) = try Harness.tcpPair()
        defer { close(client) }
        for part in ["one", "two", "three"] { try Harness.sendAllBytes(server, Array(part.utf8)) }
        close(server)
        usleep(20_000)
        var buffer = [UInt8](repeating: 0, count: 100)
        let n = recv(client, &buffer, buffer.count, 0)
        Harness.say("The server sent \"one\", \"two\", \"three\" in three sends; one recv then returned",
            ko: "서버가 send 세 번으로 \"one\", \"two\", \"three\"를 보냈고, recv 한 번이 돌려준 것은")
        Harness.say("  \(n) bytes, \"\(String(decoding: buffer[0..<max(n, 0)], as: UTF8.self))\".",
            ko: "  \(n)바이트 \"\(String(decoding: buffer[0..<max(n, 0)], as: UTF8.self))\"입니다.")
        Harness.say("A stream keeps the bytes and their order, not the sends.",
            ko: "스트림은 바이트와 그 순서를 지킬 뿐, send의 경계는 지키지 않습니다.")
        Harness.say("", ko: "")
    }

    static func sendingAll() throws {
        let (client, server) = try Harness.tcpPair()
        defer { close(client) }
        var small: Int32 = 4096
        setsockopt(client, SOL_SOCKET, SO_SNDBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
        let payload = [UInt8](repeating: 0x23, count: 256 * 1024)
        let reader = try Harness.Peer { report in
            close(client)
            report("\(Harness.readStream(server, timeout: 5).bytes.count)")
        }
        close(server)
        // One try by hand: how much does a single send take?
        let first = payload.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        Harness.say("A non-blocking socket with SO_SNDBUF 4096: one send of 256 KB took \(first) bytes.",
            ko: "SO_SNDBUF 4096인 논블로킹 소켓: 256KB를 한 번 send하면 \(first)바이트만 들어감.")
        let started = Harness.monotonicSeconds()
        try sendAll(client, Array(payload[max(first, 0)...]))
        shutdown(client, Int32(SHUT_WR))
        let total = reader.lines(timeout: 5).first ?? "?"
        let milliseconds = Int((Harness.monotonicSeconds() - started) * 1000)
        Harness.say("sendAll sent the rest; the reader got \(total) of \(payload.count) bytes (\(milliseconds) ms).",
            ko: "나머지는 sendAll이 보냈고, 읽는 쪽은 \(payload.count)바이트 중 \(total)바이트를 받음(\(milliseconds)ms).")
        Harness.say("", ko: "")
    }

    static func halfClose() throws {
        let listener = try Harness.TCPListener(on: Harness.loopback)
        let server = try Harness.Peer { report in
            // Reads the whole request (to the client's end of stream), then answers.
            guard Harness.waitReadable(listener.fd, timeout: 3), let (fd, _) = try? listener.accept() else { return }
            let request = Harness.readStream(fd, timeout: 3)
            let answer = request.ended
                ? "\(request.bytes.count) bytes, then your SHUT_WR; answering now: "
                    + String(decoding: request.bytes, as: UTF8.self).uppercased()
                : "no end of request came"
            try? Harness.sendAllBytes(fd, Array(answer.utf8))
            close(fd)
            report("done")
        }
        let reply = try exchange(Array("hello, server".utf8), host: Harness.loopback, port: listener.endpoint.port)
        _ = server.lines(timeout: 3)
        Harness.say("exchange(\"hello, server\") with a server that reads to the end before it answers:",
            ko: "끝까지 읽은 다음에야 답하는 서버와 exchange(\"hello, server\"):")
        Harness.say("  \"\(String(decoding: reply, as: UTF8.self))\"",
            ko: "  \"\(String(decoding: reply, as: UTF8.self))\"")
        Harness.say("", ko: "")
    }

    static func http() throws {
        let web = try Harness.server("http")
        Harness.say("Python's http.server on 127.0.0.1:\(web.port). The raw answer to a GET, via exchange:",
            ko: "파이썬 http.server가 127.0.0.1:\(web.port)에 있습니다. exchange로 보낸 GET의 날것 답:")
        let request = "GET /hello.txt HTTP/1.0\r\nHost: 127.0.0.1:\(web.port)\r\n\r\n"
        let raw = try exchange(Array(request.utf8), host: web.host, port: web.port)
        // Split on the LF bytes: in a Swift String, CR LF is one Character, not two.
        let lines = raw.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        for line in lines.dropLast() {
            // CR shown as \r, each LF ending its line as \n.
            let shown = "  | " + Harness.quoted(line).dropFirst().dropLast() + "\\n"
            Harness.say(shown, ko: shown)
        }
        for path in ["/hello.txt", "/big.bin", "/no-such-file"] {
            let (status, body) = try httpGet(host: web.host, port: web.port, path: path)
            Harness.say("httpGet(path: \"\(path)\"): status \(status), body \(body.count) bytes",
                ko: "httpGet(path: \"\(path)\"): 상태 \(status), 본문 \(body.count)바이트")
        }
    }

    static func peer(of fd: Int32) -> String {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
        }
        return status == 0 ? Harness.endpoint(storage).map { "\($0)" } ?? "?" : "nobody"
    }
}
