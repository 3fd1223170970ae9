// Lesson 04, TCP client: the checks `learn check` runs against the learner's file.
// Servers are real: listeners on lo, peers in forked processes (Harness.Peer) that read slowly,
// send one byte per segment or answer only after the client's half-close, and Python's
// http.server (servers/http/launch). Names resolve through a private /etc/hosts, bind-mounted
// in this check's own mount namespace.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("connect-numeric", Text("connectTo connects to 127.0.0.1 and ::1",
                                      ko: "connectTo가 127.0.0.1과 ::1에 연결한다")) {
            for host in ["127.0.0.1", "::1"] {
                let listener = try L04.listener(on: host)
                try L04.expectConnects(host: host, port: listener.endpoint.port, listener: listener)
            }
        },

        Check("connect-fallback", Text("connectTo tries the next address when ::1 refuses",
                                       ko: "::1이 거절하면 connectTo가 다음 주소로 넘어간다")) {
            try L04.privateNames()
            let listener = try L04.listener(on: loopback)
            try L04.expectConnects(host: L04.dualName, port: listener.endpoint.port, listener: listener)
        },

        Check("connect-refused", Text("Every address refuses: connectTo throws ECONNREFUSED, leaks nothing",
                                      ko: "모든 주소가 거절하면 connectTo가 ECONNREFUSED를 던지고 아무것도 새지 않는다")) {
            try L04.privateNames()
            let port = try L04.listener(on: loopback).endpoint.port   // closed again at once
            let before = openDescriptors()
            let outcome = Result { try connectTo(host: L04.dualName, port: port) }
            let left = openDescriptors().subtracting(before)
            defer { for fd in left { close(fd) } }
            switch outcome {
            case .success(let fd):
                throw Failure(Text(
                    "connectTo(\"\(L04.dualName)\", \(port)) returned \(fd), but nothing listens there.",
                    ko: "connectTo(\"\(L04.dualName)\", \(port))가 \(fd)를 돌려줬지만 거기서 듣는 쪽은 없습니다."))
            case .failure(let error):
                guard let error = error as? SocketError, error.code == ECONNREFUSED else {
                    throw Failure(Text(
                        "Both addresses of \(L04.dualName) refuse port \(port); connectTo threw "
                            + "\(quoted("\(error)")), expected the last attempt's SocketError, ECONNREFUSED.",
                        ko: "\(L04.dualName)의 두 주소 모두 \(port)번 포트를 거절합니다. connectTo가 "
                            + "\(quoted("\(error)"))를 던졌는데, 기대값은 마지막 시도의 SocketError(ECONNREFUSED)입니다."))
                }
            }
            try expect(left.isEmpty, Text(
                "After connectTo failed on both addresses, \(left.count) socket(s) stayed open: close each "
                    + "socket whose connect failed before trying the next address.",
                ko: "connectTo가 두 주소 모두에서 실패한 뒤 소켓 \(left.count)개가 열린 채 남았습니다. connect가 "
                    + "실패한 소켓은 다음 주소로 넘어가기 전에 닫으세요."))
            do {
                let fd = try connectTo(host: "no.such.host.invalid", port: 80)
                close(fd)
                throw Failure(Text("connectTo(\"no.such.host.invalid\", 80) returned a socket.",
                                   ko: "connectTo(\"no.such.host.invalid\", 80)가 소켓을 돌려줬습니다."))
            } catch is LookupError {
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(Text(
                    "connectTo(\"no.such.host.invalid\", 80) threw \(quoted("\(error)")), expected a LookupError "
                        + "(getaddrinfo returns an EAI_* code, not -1 and errno).",
                    ko: "connectTo(\"no.such.host.invalid\", 80)가 \(quoted("\(error)"))를 던졌습니다. 기대값은 "
                        + "LookupError입니다(getaddrinfo는 -1과 errno가 아니라 EAI_* 코드를 돌려줍니다)."))
            }
        },

        Check("send-all-slow-reader", Text("sendAll delivers 512 KB to a slow reader through short sends",
                                           ko: "sendAll이 짧은 send를 거듭해 느린 쪽에 512KB를 모두 전한다")) {
            var generator = SystemRandomNumberGenerator()
            let payload = (0..<(512 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let (client, server) = try L04.pair()
            defer { close(client) }
            // A tiny send buffer and a non-blocking socket: most sends take only part, and
            // some fail with EAGAIN until the reader has made room.
            var small: Int32 = 4096
            setsockopt(client, SOL_SOCKET, SO_SNDBUF, &small, socklen_t(MemoryLayout<Int32>.size))
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            let reader = try Peer { report in
                close(client)
                var got: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 8192)
                while true {
                    let n = recv(server, &buffer, buffer.count, 0)
                    if n <= 0 { break }
                    got += buffer[0..<n]
                    usleep(200)
                }
                let same = zip(got, payload).prefix { $0 == $1 }.count
                report("\(got.count) \(same)")
            }
            close(server)
            try learnerCall("sendAll(fd, 512 KB)") { try sendAll(client, payload) }
            shutdown(client, Int32(SHUT_WR))
            let line = reader.lines(timeout: 4).first ?? ""
            let numbers = line.split(separator: " ").compactMap { Int($0) }
            try expect(numbers.count == 2, Text(
                "(set-up) the reader reported nothing.", ko: "(준비) 읽는 쪽이 아무것도 알리지 않았습니다."))
            try expect(numbers[0] == payload.count && numbers[1] == payload.count, Text(
                "sendAll returned, but the reader got \(numbers[0]) of \(payload.count) bytes"
                    + (numbers[1] < numbers[0] ? ", differing from byte \(numbers[1]) on" : "")
                    + ". A send on this non-blocking socket takes only what fits: go on from where it "
                    + "stopped, and on EAGAIN wait with poll(POLLOUT) and try again.",
                ko: "sendAll이 돌아왔지만 읽는 쪽은 \(payload.count)바이트 중 \(numbers[0])바이트를 받았습니다"
                    + (numbers[1] < numbers[0] ? "(\(numbers[1])번째 바이트부터 다름)" : "")
                    + ". 이 논블로킹 소켓의 send는 들어가는 만큼만 받아들입니다. 멈춘 곳부터 이어 보내고, "
                    + "EAGAIN이면 poll(POLLOUT)로 기다렸다가 다시 하세요."))
        },

        Check("send-all-closed-peer", Text("sendAll to a peer that has gone throws, not SIGPIPE",
                                           ko: "사라진 상대에게 sendAll하면 SIGPIPE가 아니라 오류를 던진다")) {
            // As in a program of your own: SIGPIPE kills unless MSG_NOSIGNAL (or SIG_IGN) says otherwise.
            signal(SIGPIPE, SIG_DFL)
            let (client, server) = try L04.pair()
            defer { close(client) }
            // Unread data makes close send a reset; the next sends fail with EPIPE or ECONNRESET.
            writeAll(client, Array("unread".utf8))
            usleep(20_000)
            close(server)
            usleep(20_000)
            let payload = [UInt8](repeating: 0x55, count: 1 << 20)
            do {
                try sendAll(client, payload)
                throw Failure(Text(
                    "The peer had closed the connection, yet sendAll of 1 MB returned as if all was sent.",
                    ko: "상대가 연결을 닫았는데도 sendAll(1MB)이 모두 보낸 것처럼 돌아왔습니다."))
            } catch let failure as Failure {
                throw failure
            } catch {
                // Any error: EPIPE or ECONNRESET.
            }
        },

        Check("receive-all-bytewise", Text("receiveAll collects a reply sent one byte per segment",
                                           ko: "receiveAll이 한 세그먼트에 한 바이트씩 온 답을 다 모은다")) {
            let message = Array("Streams have no message boundaries: 한 바이트씩.".utf8)
            let (client, server) = try L04.pair()
            defer { close(client) }
            var on: Int32 = 1
            setsockopt(server, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            let sender = try Peer { _ in
                close(client)
                for byte in message {
                    var one = byte
                    _ = send(server, &one, 1, Int32(MSG_NOSIGNAL))
                    usleep(1000)
                }
                close(server)
            }
            close(server)
            let got = try learnerCall("receiveAll(fd)") { try receiveAll(client) }
            sender.stop()
            try expect(got == message, Text(
                "The peer sent \(message.count) bytes, one per segment, then closed; receiveAll returned "
                    + "\(got.count)"
                    + (got.count < message.count ? ". One recv returns what has arrived so far, here often one "
                        + "byte: call it again until it returns 0." : "."),
                ko: "상대가 \(message.count)바이트를 한 세그먼트에 한 바이트씩 보내고 닫았는데, receiveAll은 "
                    + "\(got.count)바이트를 돌려줬습니다"
                    + (got.count < message.count ? ". recv 한 번은 지금까지 도착한 만큼, 여기서는 흔히 1바이트를 "
                        + "돌려줍니다. 0을 돌려줄 때까지 다시 부르세요." : ".")))
        },

        Check("receive-all-ends", Text("receiveAll returns at the end of the stream, nothing for nothing",
                                       ko: "receiveAll이 스트림 끝에서 돌아오고, 아무것도 없으면 빈 결과를 준다")) {
            for size in [0, 200_000] {
                let (client, server) = try L04.pair()
                defer { close(client) }
                let payload = [UInt8](repeating: 0x42, count: size)
                let sender = try Peer { _ in
                    close(client)
                    try? sendAllBytes(server, payload)
                    close(server)
                }
                close(server)
                let got = try learnerCall("receiveAll(fd) for \(size) bytes") { try receiveAll(client) }
                sender.stop()
                try expect(got.count == size, Text(
                    "The peer sent \(size) bytes and closed; receiveAll returned \(got.count).",
                    ko: "상대가 \(size)바이트를 보내고 닫았는데 receiveAll은 \(got.count)바이트를 돌려줬습니다."))
            }
        },

        Check("half-close", Text("exchange shuts down its sending side, then reads the answer",
                                 ko: "exchange가 보내는 쪽을 닫고(shutdown) 나서 답을 읽는다")) {
            let listener = try L04.listener(on: loopback)
            let request = Array("a request that ends when the client says so\n".utf8)
            let server = try Peer { report in
                // Answers only once the client's end of stream has come, or says why not.
                // (No client within 3 s: the learner's call failed; do not outlive the check.)
                guard waitReadable(listener.fd, timeout: 3), let (fd, _) = try? listener.accept() else { return }
                var got: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                var ended = false
                let deadline = monotonicSeconds() + 2
                while monotonicSeconds() < deadline {
                    guard waitReadable(fd, timeout: deadline - monotonicSeconds()) else { break }
                    let n = recv(fd, &buffer, buffer.count, 0)
                    if n == 0 { ended = true; break }
                    if n < 0 { break }
                    got += buffer[0..<n]
                }
                let answer = ended ? "got \(got.count) bytes" : "NO-END after \(got.count) bytes"
                try? sendAllBytes(fd, Array(answer.utf8))
                close(fd)
                report(answer)
            }
            let got = try learnerCall("exchange(_:host:port:)") {
                try exchange(request, host: loopback, port: listener.endpoint.port)
            }
            _ = server.lines(timeout: 3)
            let text = String(decoding: got, as: UTF8.self)
            if text.hasPrefix("NO-END") {
                throw Failure(Text(
                    "The server waited 2 s for the end of the request, and it never came. After sending, "
                        + "call shutdown(fd, SHUT_WR): the server's recv then returns 0, while your side can "
                        + "still read the answer.",
                    ko: "서버가 요청의 끝을 2초 기다렸지만 오지 않았습니다. 다 보냈으면 shutdown(fd, SHUT_WR)을 "
                        + "부르세요. 그러면 서버의 recv가 0을 돌려주고, 여러분 쪽은 여전히 답을 읽을 수 있습니다."))
            }
            try expect(text == "got \(request.count) bytes", Text(
                "exchange returned \(quoted(text)), expected \"got \(request.count) bytes\": the server "
                    + "counts what it received.",
                ko: "exchange가 \(quoted(text))를 돌려줬습니다. 기대값은 \"got \(request.count) bytes\"입니다. "
                    + "서버는 받은 바이트 수를 세어 답합니다."))
        },

        Check("http-get", Text("httpGet fetches a file from Python's http.server",
                               ko: "httpGet이 파이썬 http.server에서 파일을 받아 온다")) {
            let http = try server("http")
            let expected = try L04.file(http.root + "/hello.txt")
            try expect(!expected.isEmpty, Text("(set-up) the server's hello.txt is empty.",
                                               ko: "(준비) 서버의 hello.txt가 비어 있습니다."))
            let got = try learnerCall("httpGet(host: \"127.0.0.1\", port: \(http.port), path: \"/hello.txt\")") {
                try httpGet(host: http.host, port: http.port, path: "/hello.txt")
            }
            try L04.expectResponse(got, status: 200, body: expected, path: "/hello.txt")
        },

        Check("http-big-and-missing", Text("httpGet brings 1 MB whole, and reports 404 for a missing file",
                                           ko: "httpGet이 1MB를 통째로 가져오고, 없는 파일에는 404를 알린다")) {
            let http = try server("http")
            let big = try L04.file(http.root + "/big.bin")
            let got = try learnerCall("httpGet(path: \"/big.bin\")") {
                try httpGet(host: http.host, port: http.port, path: "/big.bin")
            }
            try L04.expectResponse(got, status: 200, body: big, path: "/big.bin")
            let missing = try learnerCall("httpGet(path: \"/no-such-file\")") {
                try httpGet(host: http.host, port: http.port, path: "/no-such-file")
            }
            try expect(missing.status == 404 && !missing.body.isEmpty, Text(
                "GET /no-such-file: httpGet returned status \(missing.status) and \(missing.body.count) bytes; "
                    + "http.server answers \"HTTP/1.0 404 File not found\" with an error page.",
                ko: "GET /no-such-file: httpGet이 상태 \(missing.status)와 \(missing.body.count)바이트를 "
                    + "돌려줬습니다. http.server는 \"HTTP/1.0 404 File not found\"와 오류 페이지로 답합니다."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L04 {
        /// A name only this check's /etc/hosts knows: IPv6 loopback first, then IPv4.
        static let dualName = "dual.learn.test"

        static func listener(on host: String) throws -> TCPListener {
            do { return try TCPListener(on: host) } catch {
                throw NotRun(Text("(set-up) a listener on \(host): \(error)",
                                  ko: "(준비) \(host)에서 듣는 소켓: \(error)"))
            }
        }

        static func pair() throws -> (Int32, Int32) {
            do { return try tcpPair() } catch {
                throw NotRun(Text("(set-up) a TCP connection on 127.0.0.1: \(error)",
                                  ko: "(준비) 127.0.0.1의 TCP 연결: \(error)"))
            }
        }

        /// This check's own /etc/hosts, where dualName resolves to ::1, then 127.0.0.1.
        static func privateNames() throws {
            try usePrivateHostsFile("127.0.0.1 localhost\n::1 localhost\n::1 \(dualName)\n127.0.0.1 \(dualName)\n")
            let order = streamAddresses(dualName)
            guard order == ["::1", "127.0.0.1"] else {
                throw NotRun(Text("(set-up) getaddrinfo(\"\(dualName)\") gives \(order), not [::1, 127.0.0.1] "
                                      + "(a name service other than /etc/hosts answers here?).",
                                  ko: "(준비) getaddrinfo(\"\(dualName)\")의 결과가 [::1, 127.0.0.1]이 아니라 \(order)"
                                      + "입니다(/etc/hosts가 아닌 이름 서비스가 답하나요?)."))
            }
        }

        /// connectTo(host, port) must return a new descriptor connected to `listener`, and
        /// leave no other descriptor open.
        static func expectConnects(host: String, port: UInt16, listener: TCPListener) throws {
            let call = "connectTo(host: \"\(host)\", port: \(port))"
            let before = openDescriptors()
            let fd = try learnerCall(call) { try connectTo(host: host, port: port) }
            let opened = openDescriptors().subtracting(before)
            defer { for extra in opened { close(extra) } }
            try expect(opened.contains(fd), Text(
                "\(call) returned \(fd), which is not a socket it opened.",
                ko: "\(call)이 \(fd)를 돌려줬는데, 이 함수가 연 소켓이 아닙니다."))
            try expect(opened.count == 1, Text(
                "\(call) connected, but left \(opened.count - 1) more socket(s) open: close the socket of "
                    + "every attempt that failed (here ::1, where nothing listens).",
                ko: "\(call)이 연결은 했지만 소켓을 \(opened.count - 1)개 더 열어 두었습니다. 실패한 시도의 "
                    + "소켓은 닫으세요(여기서는 듣는 쪽이 없는 ::1)."))
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let status = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
            }
            let peer = status == 0 ? endpoint(storage) : nil
            try expect(peer == listener.endpoint, Text(
                "\(call) returned a socket whose peer is \(peer.map { "\($0)" } ?? "nobody (not connected)"), "
                    + "expected \(listener.endpoint).",
                ko: "\(call)이 돌려준 소켓의 상대는 \(peer.map { "\($0)" } ?? "없음(연결 안 됨)")입니다. 기대값은 "
                    + "\(listener.endpoint)입니다."))
            // The listener's side sees the same connection.
            let accepted = try listener.accept()
            close(accepted.fd)
        }

        static func file(_ path: String) throws -> [UInt8] {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw NotRun(Text("(set-up) \(path): \(String(cString: strerror(errno)))",
                                  ko: "(준비) \(path): \(String(cString: strerror(errno)))"))
            }
            defer { close(fd) }
            return readToEnd(fd, timeout: 5)
        }

        static func expectResponse(_ got: (status: Int, body: [UInt8]), status: Int, body: [UInt8],
                                   path: String) throws {
            try expect(got.status == status, Text(
                "GET \(path): httpGet returned status \(got.status), expected \(status) (the number after "
                    + "\"HTTP/1.0\" in the status line).",
                ko: "GET \(path): httpGet이 상태 \(got.status)를 돌려줬습니다. 기대값은 \(status)입니다"
                    + "(상태 줄에서 \"HTTP/1.0\" 다음의 숫자)."))
            if got.body == body { return }
            var why = Text(" The body is every byte after the empty line (CR LF CR LF) that ends the headers.",
                           ko: " 본문은 헤더를 끝내는 빈 줄(CR LF CR LF) 다음의 모든 바이트입니다.")
            if got.body.count < body.count && Array(body.prefix(got.body.count)) == got.body {
                why = Text(" Only the beginning came: read until the server closes (recv returns 0).",
                           ko: " 앞부분만 왔습니다. 서버가 닫을 때까지(recv가 0을 돌려줄 때까지) 읽으세요.")
            } else if got.body.count == body.count + 2 || got.body.count == body.count + 4 {
                why = Text(" The empty line's CR LF belongs to the headers, not to the body.",
                           ko: " 빈 줄의 CR LF는 본문이 아니라 헤더에 속합니다.")
            }
            throw Failure(Text(
                "GET \(path): the body has \(got.body.count) bytes, but the file has \(body.count)." + why.en,
                ko: "GET \(path): 본문이 \(got.body.count)바이트인데 파일은 \(body.count)바이트입니다." + why.ko))
        }
    }
}
