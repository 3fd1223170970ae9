// Lesson 05, a TCP server: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("port-zero", Text("listenTCP with port 0 listens and reports the port the kernel chose",
                                ko: "listenTCP에 포트 0을 주면 리슨하고 커널이 고른 포트를 알려 준다")) {
            let (fd, port) = try L05.listen(loopback, 0)
            defer { close(fd) }
            try L05.expectListening(fd, loopback, port, call: "listenTCP(on: \"\(loopback)\", port: 0, backlog: 8)")
        },

        Check("given-port", Text("listenTCP listens on the address and port it is given",
                                 ko: "listenTCP가 받은 주소와 포트에서 리슨한다")) {
            let address = "127.0.0.2"
            let wanted = try L05.freePort(address)
            let (fd, port) = try L05.listen(address, wanted)
            defer { close(fd) }
            let call = "listenTCP(on: \"\(address)\", port: \(wanted), backlog: 8)"
            try expect(port == wanted, Text(
                "\(call) reported port \(port), expected \(wanted): the port it was asked for.",
                ko: "\(call)이 알려 준 포트는 \(port)입니다. 기대값은 요청한 포트 \(wanted)입니다."))
            try L05.expectListening(fd, address, port, call: call)
        },

        Check("queued-in-order", Text("Clients that queue before the first accept are served in order, each to its end",
                                      ko: "첫 accept 전에 줄 선 클라이언트들을 순서대로, 하나씩 끝까지 처리한다")) {
            let listener = try L05.setup(Text("listen on \(loopback)", ko: "\(loopback)에서 리슨")) {
                try TCPListener()
            }
            // Four clients connect, send their lines and half-close before serve runs: the
            // kernel completes each handshake and keeps it in the listen queue.
            var clients: [Int32] = []
            defer { for fd in clients { close(fd) } }
            for number in 1...4 {
                let fd = try L05.setup(Text("connect client \(number)", ko: "클라이언트 \(number) 연결")) {
                    try tcpClient(listener.endpoint)
                }
                clients.append(fd)
                try L05.setup(Text("send client \(number)'s lines", ko: "클라이언트 \(number)의 줄 보내기")) {
                    try sendAllBytes(fd, Array("client \(number) hello\nclient \(number) bye\n".utf8))
                    shutdown(fd, Int32(SHUT_WR))
                }
            }
            let before = openDescriptorCount()
            var heard: [String] = []
            try learnerCall("serve(listener, clients: 3, transform: uppercased)") {
                try serve(listener.fd, clients: 3) { line in
                    heard.append(line)
                    return line.uppercased()
                }
            }
            let order = (1...3).flatMap { ["client \($0) hello", "client \($0) bye"] }
            try expect(heard == order, Text(
                "transform was called with \(L05.show(heard)); expected \(L05.show(order)): every line of "
                    + "the first client, then the second's, then the third's.",
                ko: "transform이 받은 줄: \(L05.show(heard, korean: true)). 기대값은 \(L05.show(order))입니다. 첫 클라이언트의 "
                    + "줄을 모두 처리한 다음 두 번째, 그다음 세 번째 클라이언트 차례입니다."))
            for number in 1...3 {
                let got = readStream(clients[number - 1], timeout: 1)
                let expected = "CLIENT \(number) HELLO\nCLIENT \(number) BYE\n"
                try expect(got.text == expected, Text(
                    "Client \(number) received \(L05.quote(got.text)); expected \(L05.quote(expected)).",
                    ko: "클라이언트 \(number)가 받은 것: \(L05.quote(got.text)). 기대값은 \(L05.quote(expected))입니다."))
                try expect(got.ended, Text(
                    "Client \(number) got its answers but no end of stream: close each connection once its "
                        + "client has closed its side.",
                    ko: "클라이언트 \(number)가 답은 받았지만 스트림의 끝을 받지 못했습니다. 클라이언트가 "
                        + "자기 쪽을 닫으면 그 연결을 닫으세요."))
            }
            let after = openDescriptorCount()
            try expect(after <= before, Text(
                "serve returned with \(after - before) more descriptor(s) open than before: close every "
                    + "connection accept gave you.",
                ko: "serve가 끝났는데 열린 디스크립터가 전보다 \(after - before)개 많습니다. accept가 돌려준 "
                    + "연결은 모두 닫으세요."))
            var entry = pollfd(fd: clients[3], events: Int16(POLLIN), revents: 0)
            try expect(poll(&entry, 1, 0) == 0, Text(
                "serve(..., clients: 3, ...) also answered or closed the fourth client: it must accept "
                    + "exactly 3 connections, then return.",
                ko: "serve(..., clients: 3, ...)가 네 번째 클라이언트에게도 답하거나 연결을 닫았습니다. 연결을 "
                    + "정확히 3개만 accept하고 돌아와야 합니다."))
            let fourth = try? listener.accept()
            try expect(fourth != nil, Text(
                "After serve returned, the listener no longer accepts (the fourth client waits in its queue): "
                    + "leave the listening socket open; it belongs to the caller.",
                ko: "serve가 끝난 뒤 리슨 소켓이 더는 accept하지 못합니다(네 번째 클라이언트가 큐에서 기다리는 "
                    + "중). 리슨 소켓은 호출한 쪽의 것이니 닫지 마세요."))
            if let fourth { close(fourth.fd) }
        },

        Check("lines-in-pieces", Text("Each line is answered as soon as it is whole, however the bytes arrive",
                                      ko: "바이트가 어떻게 나뉘어 오든 줄이 완성되는 즉시 답한다")) {
            let listener = try L05.setup(Text("listen on \(loopback)", ko: "\(loopback)에서 리슨")) {
                try TCPListener()
            }
            let endpoint = listener.endpoint
            // The client waits for each answer before it sends more, as a person at a prompt would.
            let steps: [(pieces: [[UInt8]], answers: [String], shown: String)] = [
                ([Array("ping\n".utf8)], ["PING"], "\"ping\\n\""),
                ([Array("hel".utf8), Array("lo\n".utf8)], ["HELLO"], "\"hel\" + \"lo\\n\""),
                ([Array("one\ntwo\nthr".utf8), Array("ee\n".utf8)], ["ONE", "TWO", "THREE"],
                 "\"one\\ntwo\\nthr\" + \"ee\\n\""),
                L05.splitInsideCharacter("안녕하세요"),
            ]
            let client = try L05.setup(Text("start a client", ko: "클라이언트 시작")) {
                try Peer { report in
                    guard let fd = try? tcpClient(endpoint) else { return report("connect failed") }
                    defer { close(fd) }
                    for step in steps {
                        for (index, piece) in step.pieces.enumerated() {
                            if index > 0 { usleep(40_000) }
                            guard (try? sendAllBytes(fd, piece)) != nil else { return report("send failed") }
                        }
                        for answer in step.answers {
                            let line = readLine(fd, timeout: 1.5)
                            guard line.bytes.last == UInt8(ascii: "\n") else {
                                let partial = line.bytes.isEmpty ? "" : " after " + L05.quote(line.text)
                                return report("missing " + answer + partial + (line.ended ? ", closed" : ""))
                            }
                            report("got " + String(decoding: line.bytes.dropLast(), as: UTF8.self))
                        }
                    }
                    shutdown(fd, Int32(SHUT_WR))
                    let rest = readStream(fd, timeout: 1)
                    report(rest.ended ? "end " + L05.quote(rest.text) : "no end")
                }
            }
            try learnerCall("serve(listener, clients: 1, transform: uppercased)") {
                try serve(listener.fd, clients: 1) { $0.uppercased() }
            }
            let transcript = client.lines(timeout: 2)
            let expected = steps.flatMap(\.answers).map { "got " + $0 } + ["end \"\""]
            let sent = steps.map(\.shown).joined(separator: ", ")
            var hint = Text("", ko: "")
            if let missing = transcript.last, missing.hasPrefix("missing") {
                hint = Text(" The client waited 1.5 s for the answer to a complete line and got none or part: answer each "
                                + "line as soon as its \"\\n\" arrives, not when the client closes.",
                            ko: " 클라이언트가 완성된 줄의 답을 1.5초 기다렸지만 오지 않았습니다. 클라이언트가 닫을 때가 "
                                + "아니라 \"\\n\"이 도착하는 즉시 그 줄에 답하세요.")
            } else if transcript.contains(where: { $0.contains("\u{FFFD}") }) {
                hint = Text(" A \u{FFFD} means bytes were decoded before the character was whole: keep bytes until "
                                + "the \"\\n\", then decode the line.",
                            ko: " \u{FFFD}는 글자가 다 오기 전에 바이트를 문자열로 바꿨다는 뜻입니다. \"\\n\"이 올 때까지 "
                                + "바이트로 모았다가 줄 단위로 바꾸세요.")
            }
            try expect(transcript == expected, Text(
                "The client sent (+ is a segment boundary, and it waited for the answers after each item) "
                    + "\(sent). It saw: "
                    + "\(transcript.joined(separator: "; ")); expected \(expected.joined(separator: "; "))." + hint.en,
                ko: "클라이언트가 보낸 것(+는 세그먼트 경계, 항목마다 답을 기다림): \(sent). 본 것: "
                    + "\(transcript.joined(separator: "; ")). 기대값: \(expected.joined(separator: "; "))." + hint.ko))
        },

        Check("restart-time-wait", Text("A server restarts on its port while an old connection is in TIME_WAIT",
                                        ko: "옛 연결이 TIME_WAIT에 있어도 서버가 같은 포트로 다시 시작한다")) {
            let (first, _) = try L05.listen(loopback, 0)
            // The port the kernel gave it (the first check is the one about the port reported).
            let port = boundAddress(first)?.port ?? 0
            var firstOpen = true
            defer { if firstOpen { close(first) } }
            let reuse = (try? intOption(first, level: SOL_SOCKET, name: SO_REUSEADDR)) ?? 0
            // One connection, closed by the server first: the server's side of it goes to
            // TIME_WAIT, on the server's port, for a minute.
            try L05.setup(Text("make a connection and close it from the server's side",
                               ko: "연결을 하나 만들고 서버 쪽에서 먼저 닫기")) {
                let client = try tcpConnect(to: Endpoint(host: loopback, port: port))
                defer { close(client) }
                let connection = accept(first, nil, nil)
                guard connection >= 0 else { throw OSError(call: "accept", code: errno) }
                close(connection)
                _ = readStream(client, timeout: 1)
            }
            var states: [String] = []
            for _ in 0..<100 where !states.contains("06") {
                states = tcpStates(localPort: port)
                if !states.contains("06") { usleep(10_000) }
            }
            close(first)
            firstOpen = false
            guard states.contains("06") else {
                throw NotRun(Text("No connection on port \(port) reached TIME_WAIT (states \(states)), so there "
                                      + "is nothing to restart against.",
                                  ko: "포트 \(port)의 연결이 TIME_WAIT에 이르지 않아(상태 \(states)) 다시 시작을 "
                                      + "시험할 수 없습니다."))
            }
            // Without SO_REUSEADDR the port is taken: the check proves it with a socket of its own.
            let plainBind = L05.bindWithoutReuse(loopback, port)
            guard plainBind == EADDRINUSE else {
                throw NotRun(Text("A plain bind to port \(port) gave \(L05.errorName(plainBind)), not EADDRINUSE, "
                                      + "so this machine does not show the TIME_WAIT problem.",
                                  ko: "포트 \(port)에 옵션 없이 bind하니 EADDRINUSE가 아니라 \(L05.errorName(plainBind)) "
                                      + "결과가 나와, 이 컴퓨터에서는 TIME_WAIT 문제를 보여 줄 수 없습니다."))
            }
            let call = "listenTCP(on: \"\(loopback)\", port: \(port), backlog: 8)"
            let second: (fd: Int32, port: UInt16)
            do {
                second = try listenTCP(on: loopback, port: port, backlog: 8)
            } catch {
                throw Failure(Text(
                    "\(call), right after the first server on that port closed, threw \(error). A connection "
                        + "of the old server is in TIME_WAIT on the port"
                        + (reuse == 0 ? ", and your socket did not set SO_REUSEADDR" : "")
                        + ": set SO_REUSEADDR to 1 with setsockopt before bind.",
                    ko: "같은 포트의 첫 서버를 닫은 직후 \(call)이 오류를 던졌습니다: \(error). 옛 서버의 연결 하나가 "
                        + "그 포트에서 TIME_WAIT 상태입니다" + (reuse == 0 ? "(여러분의 소켓은 SO_REUSEADDR를 "
                        + "설정하지 않았습니다)" : "") + ". bind 전에 setsockopt로 SO_REUSEADDR를 1로 설정하세요."))
            }
            defer { close(second.fd) }
            try L05.expectListening(second.fd, loopback, port, call: call)
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L05 {
        /// Runs `body` for the check's own set-up; its failure is the machine's, not the learner's.
        @discardableResult
        static func setup<T>(_ what: Text, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch {
                throw NotRun(Text("Could not \(what.en): \(error).", ko: "준비 단계 실패(\(what.ko)): \(error)."))
            }
        }

        static func listen(_ address: String, _ port: UInt16) throws -> (fd: Int32, port: UInt16) {
            let call = "listenTCP(on: \"\(address)\", port: \(port), backlog: 8)"
            let result = try learnerCall(call) { try listenTCP(on: address, port: port, backlog: 8) }
            try expect(fcntl(result.fd, F_GETFD) >= 0, Text(
                "\(call) returned descriptor \(result.fd), which is not open.",
                ko: "\(call)이 돌려준 디스크립터 \(result.fd)는 열려 있지 않습니다."))
            return result
        }

        /// A port nobody on `address` uses right now.
        static func freePort(_ address: String) throws -> UInt16 {
            try setup(Text("find a free port", ko: "빈 포트 찾기")) {
                for _ in 0..<20 {
                    let port = randomPort()
                    if bindWithoutReuse(address, port) == 0 { return port }
                }
                throw OSError(call: "bind", code: EADDRINUSE)
            }
        }

        /// The errno of binding a fresh TCP socket without SO_REUSEADDR (0: it worked).
        static func bindWithoutReuse(_ address: String, _ port: UInt16) -> Int32 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return errno }
            defer { close(fd) }
            guard var local = try? socketAddress(address, port) else { return EINVAL }
            let status = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            return status == 0 ? 0 : errno
        }

        /// `fd` is a listening TCP socket bound to address:port, and a client can connect to it.
        static func expectListening(_ fd: Int32, _ address: String, _ port: UInt16, call: String) throws {
            let type = (try? intOption(fd, level: SOL_SOCKET, name: SO_TYPE)) ?? -1
            try expect(type == Int32(SOCK_STREAM.rawValue), Text(
                "\(call) returned a socket of type \(type), expected SOCK_STREAM (\(SOCK_STREAM.rawValue)): TCP.",
                ko: "\(call)이 돌려준 소켓의 종류가 \(type)입니다. 기대값은 TCP, 곧 SOCK_STREAM(\(SOCK_STREAM.rawValue))입니다."))
            let bound = boundAddress(fd)
            try expect(port != 0 && bound?.port == port, Text(
                "\(call) reported port \(port), but the socket is bound to port \(bound.map { String($0.port) } ?? "?"). "
                    + "Ask getsockname after bind: with port 0 only the kernel knows the port.",
                ko: "\(call)이 알려 준 포트는 \(port)인데 소켓은 포트 \(bound.map { String($0.port) } ?? "?")에 "
                    + "bind되어 있습니다. bind 다음 getsockname으로 물어보세요. 포트 0이면 포트는 커널만 압니다."))
            try expect(bound?.address == address, Text(
                "The socket is bound to \(bound?.address ?? "?"), expected \(address): put the address in sin_addr.",
                ko: "소켓이 \(bound?.address ?? "?") 주소에 bind되어 있습니다. 기대값은 \(address)입니다. 주소를 "
                    + "sin_addr에 넣으세요."))
            let listening = (try? intOption(fd, level: SOL_SOCKET, name: SO_ACCEPTCONN)) ?? 0
            try expect(listening == 1, Text(
                "The socket is bound but not listening (SO_ACCEPTCONN is 0): call listen(fd, backlog).",
                ko: "소켓이 bind는 되었지만 리슨하지 않습니다(SO_ACCEPTCONN이 0). listen(fd, backlog)을 부르세요."))
            let client: Int32
            do {
                client = try tcpConnect(to: Endpoint(host: address, port: port))
            } catch {
                throw Failure(Text("A client could not connect to \(address):\(port): \(error).",
                                   ko: "클라이언트가 \(address):\(port)에 연결하지 못했습니다: \(error)."))
            }
            defer { close(client) }
            let connection = accept(fd, nil, nil)
            try expect(connection >= 0, Text(
                "A client connected to \(address):\(port), but accept on the socket failed: \(errnoText("accept")).",
                ko: "클라이언트가 \(address):\(port)에 연결했지만 그 소켓에서 accept가 실패했습니다: \(errnoText("accept"))."))
            close(connection)
        }

        /// `word` and "\n" sent in two pieces, the first ending inside the second character
        /// (after its first UTF-8 byte).
        static func splitInsideCharacter(_ word: String) -> (pieces: [[UInt8]], answers: [String], shown: String) {
            let first = word.first.map { String($0).utf8.count } ?? 0
            let bytes = Array((word + "\n").utf8)
            let second = word.dropFirst().first.map(String.init) ?? ""
            return ([Array(bytes[..<(first + 1)]), Array(bytes[(first + 1)...])], [word],
                    "\"\(word)\\n\" (\(bytes.count) bytes, cut after byte \(first + 1), inside \(second))")
        }

        /// The text in quotes on one line, each "\n" written as the two characters \n.
        static func quote(_ text: String) -> String {
            "\"" + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n") + "\""
        }

        static func show(_ lines: [String], korean: Bool = false) -> String {
            lines.isEmpty ? (korean ? "없음" : "nothing") : lines.map(quote).joined(separator: ", ")
        }

        static func errorName(_ code: Int32) -> String {
            code == 0 ? "success" : String(cString: strerror(code))
        }
    }
}
