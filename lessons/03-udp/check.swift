// Lesson 03, UDP: the checks `learn check` runs against the learner's file.
// Every datagram goes over lo in the private network. "Nothing more arrived" is told by a
// sentinel datagram sent last, never by waiting out a timeout: on lo the kernel usually
// queues a datagram at its receiver before sendto returns, but under load it may finish
// the delivery a moment later, so what came back is read up to the sentinel.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("echo-back", Text("echoOnce sends a datagram back to its sender",
                                ko: "echoOnce가 데이터그램을 보낸 쪽으로 돌려보낸다")) {
            let (server, client) = try L03.pair()
            try client.send("ping", to: loopback, port: server.port)
            let size = try learnerCall("echoOnce(on:)") { try echoOnce(on: server.fd) }
            let got = try L03.echoes(at: client, from: server)
            try L03.expectEchoes(got, ["ping"], from: server.port)
            try expect(size == 4, Text("echoOnce(on:) echoed \"ping\" but returned \(size), expected 4.",
                                       ko: "echoOnce(on:)가 \"ping\"을 돌려보냈는데 \(size)를 돌려줬습니다. 기대값은 4입니다."))
        },

        Check("echo-boundaries", Text("Three datagrams sent back to back come back as three",
                                      ko: "연달아 보낸 데이터그램 셋이 셋으로 돌아온다")) {
            let (server, client) = try L03.pair()
            let messages = ["one", "two", "three"]
            for message in messages { try client.send(message, to: loopback, port: server.port) }
            for index in messages.indices {
                _ = try learnerCall("echoOnce(on:), call \(index + 1) of 3") { try echoOnce(on: server.fd) }
            }
            try L03.expectEchoes(try L03.echoes(at: client, from: server), messages, from: server.port)
        },

        Check("echo-sizes", Text("echoOnce echoes an empty datagram and one of 65507 bytes whole",
                                 ko: "echoOnce가 빈 데이터그램과 65507바이트 데이터그램을 통째로 돌려보낸다")) {
            let (server, client) = try L03.pair()
            let big = (0..<65507).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            for payload in [[UInt8](), Array("x".utf8), big] {
                try client.send(payload, to: loopback, port: server.port)
                let size = try learnerCall("echoOnce(on:) for \(payload.count) bytes") { try echoOnce(on: server.fd) }
                let got = try L03.echoes(at: client, from: server)
                try expect(got.count == 1 && got[0].bytes == payload && size == payload.count, Text(
                    "A datagram of \(payload.count) bytes was sent; echoOnce returned \(size) and "
                        + "\(L03.describe(got)) came back. "
                        + (payload.count > 60000 ? "A UDP datagram over IPv4 can carry up to 65507 bytes: "
                            + "receive into a buffer of 65536." : "An empty datagram is a datagram too."),
                    ko: "\(payload.count)바이트 데이터그램을 보냈는데 echoOnce가 \(size)를 돌려줬고 "
                        + "\(L03.describe(got))가 돌아왔습니다. "
                        + (payload.count > 60000 ? "IPv4 위의 UDP 데이터그램은 65507바이트까지 담을 수 "
                            + "있습니다. 65536바이트 버퍼로 받으세요." : "빈 데이터그램도 데이터그램입니다.")))
            }
        },

        Check("ask-reply", Text("ask returns the reply from the server, not a stranger's datagram",
                                ko: "ask가 낯선 쪽의 데이터그램이 아니라 서버의 답을 돌려준다")) {
            let server = try L03.udp()
            let stranger = try L03.udp()
            let child = L03.forkServer(server.fd, stranger: stranger.fd)
            defer { L03.reap(child) }
            let request = Array("hello, server".utf8)
            let started = monotonicSeconds()
            let reply = try learnerCall("ask(_:host:port:timeout:)") {
                try ask(request, host: loopback, port: server.port, timeout: 2)
            }
            let expected = Array("re: hello, server".utf8)
            if reply == Array("stranger".utf8) {
                throw Failure(Text(
                    "ask returned \"stranger\": a datagram another socket sent to your port just before the "
                        + "server's reply. Only the server's reply counts: connect the UDP socket to "
                        + "host:port (the kernel then drops other senders), or compare recvfrom's address.",
                    ko: "ask가 \"stranger\"를 돌려줬습니다. 서버의 답 바로 전에 다른 소켓이 여러분의 포트로 보낸 "
                        + "데이터그램입니다. 서버의 답만 쳐야 합니다. UDP 소켓을 host:port에 connect하거나"
                        + "(그러면 커널이 다른 보낸 쪽을 버립니다), recvfrom의 주소를 비교하세요."))
            }
            try expect(reply == expected, Text(
                "ask(\"hello, server\") returned \(quoted(String(decoding: reply, as: UTF8.self))) "
                    + "(\(reply.count) bytes), expected \"re: hello, server\", the server's reply.",
                ko: "ask(\"hello, server\")가 \(quoted(String(decoding: reply, as: UTF8.self)))"
                    + "(\(reply.count)바이트)를 돌려줬습니다. 기대값은 서버의 답 \"re: hello, server\"입니다."))
            try expect(monotonicSeconds() - started < 1.5, Text(
                "ask took \(L03.seconds(monotonicSeconds() - started)) for a reply that was there at once: "
                    + "wait with poll (or SO_RCVTIMEO) and return as soon as the reply arrives.",
                ko: "바로 와 있던 답에 ask가 \(L03.seconds(monotonicSeconds() - started))나 걸렸습니다. poll(또는 "
                    + "SO_RCVTIMEO)로 기다리다가 답이 오면 곧바로 돌려주세요."))
        },

        Check("ask-silent", Text("A silent server: ask throws TimedOut after its timeout, not before",
                                 ko: "답하지 않는 서버: ask가 제한 시간이 지나면 TimedOut을 던지고, 그 전에는 아니다")) {
            let server = try L03.udp()
            let timeout = 0.6
            // The call runs in a child process: an ask that never returns is told as such, in time.
            let call = try Peer { report in
                let started = monotonicSeconds()
                let outcome = Result { try ask(Array("anyone?".utf8), host: loopback, port: server.port, timeout: timeout) }
                let elapsed = monotonicSeconds() - started
                switch outcome {
                case .success(let reply): report("reply \(elapsed) \(reply.count)")
                case .failure(let error as TimedOut): report("timedout \(elapsed) \(error)")
                case .failure(let error): report("other \(elapsed) \(error)")
                }
            }
            let (lines, signal) = call.outcome(timeout: timeout + 2)
            guard let line = lines.first else {
                throw Failure(signal.map { Text(
                    "ask to a silent server crashed (\(signalName($0))). A fatalError (the starter's TODO, a "
                        + "force-unwrapped nil, an index out of range) ends a program this way.",
                    ko: "답하지 않는 서버에 ask했더니 비정상 종료했습니다(\(signalName($0))). fatalError(스타터의 "
                        + "TODO, 강제로 푼 nil, 범위를 벗어난 인덱스)가 프로그램을 이렇게 끝냅니다.") } ?? Text(
                    "ask(timeout: \(timeout)) to a server that never answers had not returned after "
                        + "\(L03.seconds(timeout + 2)). A blocking recv waits for ever: wait with poll (or "
                        + "SO_RCVTIMEO) until the deadline, then throw TimedOut.",
                    ko: "답하지 않는 서버에 ask(timeout: \(timeout))를 했는데 \(L03.seconds(timeout + 2))가 지나도록 "
                        + "돌아오지 않았습니다. 블로킹 recv는 영원히 기다립니다. 마감 시각까지 poll(또는 "
                        + "SO_RCVTIMEO)로 기다리다가 TimedOut을 던지세요."))
            }
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            let elapsed = Double(fields.count > 1 ? fields[1] : "") ?? 0
            let rest = fields.count > 2 ? fields[2] : ""
            switch fields[0] {
            case "reply":
                throw Failure(Text(
                    "The server never answers, yet ask returned a reply of \(rest) bytes. "
                        + "No datagram is not an empty reply: throw TimedOut.",
                    ko: "서버는 답하지 않는데 ask가 \(rest)바이트짜리 답을 돌려줬습니다. 데이터그램이 없는 "
                        + "것은 빈 답이 아닙니다. TimedOut을 던지세요."))
            case "timedout":
                break
            default:
                throw Failure(Text(
                    "The server never answers; ask threw \(quoted(rest)), expected TimedOut.",
                    ko: "서버가 답하지 않는데 ask가 \(quoted(rest))를 던졌습니다. 기대값은 TimedOut입니다."))
            }
            try expect(elapsed >= timeout * 0.9, Text(
                "ask gave up after \(L03.seconds(elapsed)), before its timeout of \(L03.seconds(timeout)). Wait "
                    + "until the deadline: the reply may still be on its way.",
                ko: "ask가 제한 시간 \(L03.seconds(timeout))보다 이른 \(L03.seconds(elapsed)) 만에 포기했습니다. "
                    + "마감 시각까지 기다리세요. 답이 아직 오는 중일 수 있습니다."))
            try expect(elapsed <= timeout + 0.4, Text(
                "ask threw only after \(L03.seconds(elapsed)), its timeout was \(L03.seconds(timeout)). Count the "
                    + "time left to one deadline, not a full timeout per wait.",
                ko: "제한 시간은 \(L03.seconds(timeout))인데 ask는 \(L03.seconds(elapsed))가 지나서야 던졌습니다. "
                    + "기다릴 때마다 제한 시간 전체를 쓰지 말고, 하나의 마감 시각까지 남은 시간을 세세요."))
            let arrived = server.drain()
            try expect(arrived.count == 1 && arrived[0].text == "anyone?", Text(
                "The server received \(L03.describe(arrived)); ask should have sent \"anyone?\" once.",
                ko: "서버가 받은 것은 \(L03.describe(arrived))입니다. ask는 \"anyone?\"을 한 번 보냈어야 합니다."))
        },

        Check("ask-refused", Text("Nobody on the port: ask throws ECONNREFUSED at once",
                                  ko: "그 포트에 아무도 없으면 ask가 곧바로 ECONNREFUSED를 던진다")) {
            let port = try L03.closedPort()
            let started = monotonicSeconds()
            let outcome = Result { try ask(Array("hello?".utf8), host: loopback, port: port, timeout: 2) }
            let elapsed = monotonicSeconds() - started
            switch outcome {
            case .success(let reply):
                throw Failure(Text("Nothing listens on port \(port), yet ask returned \(reply.count) bytes.",
                                   ko: "\(port)번 포트에서 듣는 쪽이 없는데 ask가 \(reply.count)바이트를 돌려줬습니다."))
            case .failure(let error):
                guard let error = error as? SocketError, error.code == ECONNREFUSED else {
                    throw Failure(Text(
                        "Nothing listens on port \(port): ask threw \(quoted("\(error)")) after \(L03.seconds(elapsed)), "
                            + "expected a SocketError with ECONNREFUSED at once. The kernel answers with ICMP "
                            + "port unreachable, and only a connected UDP socket hears of it: connect, send, "
                            + "then the receive fails with ECONNREFUSED.",
                        ko: "\(port)번 포트에서 듣는 쪽이 없습니다. ask가 \(L03.seconds(elapsed)) 뒤에 \(quoted("\(error)"))를 "
                            + "던졌는데, 기대값은 곧바로 나오는 ECONNREFUSED SocketError입니다. 커널은 ICMP port "
                            + "unreachable로 답하고, 그 소식은 connect한 UDP 소켓만 듣습니다. connect하고 보내면 "
                            + "받기가 ECONNREFUSED로 실패합니다."))
                }
            }
            try expect(elapsed < 1, Text(
                "ask reported ECONNREFUSED only after \(L03.seconds(elapsed)); the error is there at once.",
                ko: "ask가 \(L03.seconds(elapsed))가 지나서야 ECONNREFUSED를 알렸습니다. 오류는 곧바로 와 있습니다."))
        },

        Check("ask-closes", Text("ask closes its socket on every path",
                                 ko: "ask가 어느 경로로 끝나든 소켓을 닫는다")) {
            let silent = try L03.udp()
            let port = try L03.closedPort()
            let paths: [(Text, UInt16, Double)] = [
                (Text("a timeout", ko: "시간 초과"), silent.port, 0.2),
                (Text("ECONNREFUSED", ko: "ECONNREFUSED"), port, 1),
            ]
            for (what, port, timeout) in paths {
                let before = openDescriptors()
                _ = try? ask(Array("x".utf8), host: loopback, port: port, timeout: timeout)
                let left = openDescriptors().subtracting(before)
                try expect(left.isEmpty, Text(
                    "After ask ended in \(what.en), \(left.count) descriptor(s) stayed open. "
                        + "defer { close(fd) } right after socket.",
                    ko: "ask가 \(what.ko)로 끝난 뒤 디스크립터 \(left.count)개가 열린 채 남았습니다. "
                        + "socket 바로 뒤에 defer { close(fd) }를 두세요."))
            }
            let server = try L03.udp()
            let stranger = try L03.udp()
            let child = L03.forkServer(server.fd, stranger: stranger.fd)
            defer { L03.reap(child) }
            let before = openDescriptors()
            _ = try learnerCall("ask(_:host:port:timeout:)") {
                try ask(Array("hi".utf8), host: loopback, port: server.port, timeout: 2)
            }
            let left = openDescriptors().subtracting(before)
            try expect(left.isEmpty, Text(
                "After ask returned a reply, \(left.count) descriptor(s) stayed open.",
                ko: "ask가 답을 돌려준 뒤 디스크립터 \(left.count)개가 열린 채 남았습니다."))
        },

        Check("truncation", Text("receiveTruncating tells a cut datagram from a whole one",
                                 ko: "receiveTruncating이 잘린 데이터그램과 온전한 데이터그램을 구별한다")) {
            let (receiver, sender) = try L03.pair()
            let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0) }
            let cases: [([UInt8], Int, Bool)] = [(long, 100, true), (Array(long[0..<100]), 100, false),
                                                  (Array(long[0..<50]), 100, false), (Array(long[0..<101]), 100, true)]
            for (payload, capacity, cut) in cases {
                try sender.send(payload, to: loopback, port: receiver.port)
                let got = try learnerCall("receiveTruncating(on:capacity: \(capacity))") {
                    try receiveTruncating(on: receiver.fd, capacity: capacity)
                }
                let fit = Array(payload.prefix(capacity))
                try expect(got.bytes == fit, Text(
                    "A \(payload.count)-byte datagram, room for \(capacity): receiveTruncating returned "
                        + "\(got.bytes.count) bytes, expected its first \(fit.count).",
                    ko: "\(payload.count)바이트 데이터그램, 자리는 \(capacity)바이트: receiveTruncating이 "
                        + "\(got.bytes.count)바이트를 돌려줬습니다. 기대값은 앞의 \(fit.count)바이트입니다."))
                try expect(got.truncated == cut, Text(
                    "A \(payload.count)-byte datagram, room for \(capacity): truncated is \(got.truncated), "
                        + "expected \(cut). recv with MSG_TRUNC returns the datagram's real length (or recvmsg "
                        + "sets MSG_TRUNC in msg_flags).",
                    ko: "\(payload.count)바이트 데이터그램, 자리는 \(capacity)바이트: truncated가 \(got.truncated)"
                        + "입니다. 기대값은 \(cut)입니다. MSG_TRUNC를 준 recv는 데이터그램의 진짜 길이를 돌려줍니다"
                        + "(recvmsg라면 msg_flags에 MSG_TRUNC가 켜집니다)."))
            }
        },

        Check("whole-or-nothing", Text("The rest of a cut datagram is gone; an empty one still counts",
                                       ko: "잘린 데이터그램의 나머지는 사라지고, 빈 데이터그램도 하나로 친다")) {
            let (receiver, sender) = try L03.pair()
            try sender.send([UInt8](repeating: 0x41, count: 300), to: loopback, port: receiver.port)
            try sender.send([], to: loopback, port: receiver.port)
            try sender.send("sentinel", to: loopback, port: receiver.port)
            let first = try learnerCall("receiveTruncating(on:capacity: 100)") {
                try receiveTruncating(on: receiver.fd, capacity: 100)
            }
            try expect(first.bytes.count == 100 && first.truncated, Text(
                "A 300-byte datagram into room for 100 gave \(first.bytes.count) bytes, truncated \(first.truncated).",
                ko: "300바이트 데이터그램을 100바이트 자리에 받으니 \(first.bytes.count)바이트, truncated는 "
                    + "\(first.truncated)입니다."))
            let second = try learnerCall("receiveTruncating(on:capacity: 100), the second call") {
                try receiveTruncating(on: receiver.fd, capacity: 100)
            }
            try expect(second.bytes.isEmpty && !second.truncated, Text(
                "After the cut datagram came an empty one; the second receive returned \(second.bytes.count) "
                    + "bytes (truncated \(second.truncated)). The rest of a cut datagram is discarded: the next "
                    + "receive gets the next datagram, here one of 0 bytes.",
                ko: "잘린 데이터그램 다음에는 빈 데이터그램이 왔는데, 두 번째 받기가 \(second.bytes.count)바이트"
                    + "(truncated \(second.truncated))를 돌려줬습니다. 잘린 데이터그램의 나머지는 버려지고, 다음 "
                    + "받기는 다음 데이터그램, 여기서는 0바이트짜리를 받습니다."))
            let third = try learnerCall("receiveTruncating(on:capacity: 100), the third call") {
                try receiveTruncating(on: receiver.fd, capacity: 100)
            }
            try expect(third.bytes == Array("sentinel".utf8), Text(
                "The third receive should be the sentinel datagram \"sentinel\"; it returned "
                    + "\(quoted(String(decoding: third.bytes, as: UTF8.self))).",
                ko: "세 번째 받기는 표지 데이터그램 \"sentinel\"이어야 하는데 "
                    + "\(quoted(String(decoding: third.bytes, as: UTF8.self)))를 돌려줬습니다."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L03 {
        static func udp() throws -> UDPSocket {
            do { return try UDPSocket.receiver(bindTo: loopback) } catch {
                throw NotRun(Text("(set-up) a UDP socket on 127.0.0.1: \(error)",
                                  ko: "(준비) 127.0.0.1의 UDP 소켓: \(error)"))
            }
        }

        static func pair() throws -> (UDPSocket, UDPSocket) { (try udp(), try udp()) }

        /// What came back to `client` from the learner's sends on `server`'s socket: the harness
        /// sends a sentinel from that socket last, and everything before it is the answer.
        static func echoes(at client: UDPSocket, from server: UDPSocket) throws -> [Datagram] {
            let sentinel = Array("learn sentinel \(UInt64.random(in: 0...UInt64.max))".utf8)
            try server.send(sentinel, to: loopback, port: client.port)
            var got: [Datagram] = []
            while let datagram = client.receive(timeout: 5) {
                if datagram.bytes == sentinel && datagram.senderPort == server.port { return got }
                got.append(datagram)
            }
            throw NotRun(Text("(set-up) the harness's own datagram to 127.0.0.1:\(client.port) did not arrive.",
                              ko: "(준비) 하네스가 127.0.0.1:\(client.port)로 보낸 데이터그램이 도착하지 않았습니다."))
        }

        /// A port on 127.0.0.1 where nothing listens: bound once to be sure it was free, then closed.
        static func closedPort() throws -> UInt16 {
            let probe = try udp()
            return probe.port
        }

        static func seconds(_ value: Double) -> String {
            let tenths = (value * 100).rounded() / 100
            return "\(tenths) s"
        }

        static func describe(_ datagrams: [Datagram]) -> String {
            if datagrams.isEmpty { return "nothing" }
            return datagrams.map { datagram in
                datagram.bytes.count <= 20 ? quoted(datagram.text) : "\(datagram.bytes.count) bytes"
            }.joined(separator: ", ")
        }

        static func expectEchoes(_ got: [Datagram], _ expected: [String], from port: UInt16) throws {
            let texts = got.map(\.text)
            var why = Text("", ko: "")
            if got.count < expected.count {
                why = Text(" Each echoOnce call receives one datagram and sends it back once.",
                           ko: " echoOnce를 한 번 부를 때마다 데이터그램 하나를 받아 한 번 돌려보내야 합니다.")
            } else if texts.joined() == expected.joined() && got.count != expected.count {
                why = Text(" Datagrams keep their boundaries: send back each one as it came.",
                           ko: " 데이터그램은 경계를 지킵니다. 온 그대로 하나씩 돌려보내세요.")
            }
            try expect(texts == expected, Text(
                "Sent \(expected.map { quoted($0) }.joined(separator: ", ")); back came "
                    + "\(describe(got))." + why.en,
                ko: "\(expected.map { quoted($0) }.joined(separator: ", "))를 보냈는데 돌아온 것은 "
                    + "\(describe(got))입니다." + why.ko))
            for datagram in got {
                try expect(datagram.sender == loopback && datagram.senderPort == port, Text(
                    "The echo came from \(datagram.sender):\(datagram.senderPort), not from the server's "
                        + "socket 127.0.0.1:\(port). Send it back on the same socket.",
                    ko: "돌아온 데이터그램의 보낸 곳이 서버 소켓 127.0.0.1:\(port)가 아니라 "
                        + "\(datagram.sender):\(datagram.senderPort)입니다. 받은 소켓으로 돌려보내세요."))
            }
        }

        /// A child process that answers one request on `fd`: first a datagram from `stranger`
        /// to the asker, then "re: " + the request from `fd` itself. Gives up after 3 s.
        static func forkServer(_ fd: Int32, stranger: Int32) -> pid_t {
            fflush(stdout)
            let pid = fork()
            guard pid == 0 else { return pid }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 3000) == 1 else { _exit(1) }
            var buffer = [UInt8](repeating: 0, count: 2048)
            var from = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let n = withUnsafeMutablePointer(to: &from) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    recvfrom(fd, &buffer, buffer.count, 0, $0, &length)
                }
            }
            guard n >= 0 else { _exit(1) }
            let reply = Array("re: ".utf8) + buffer[0..<n]
            _ = try? sendDatagram(stranger, Array("stranger".utf8), to: from)
            _ = try? sendDatagram(fd, reply, to: from)
            _exit(0)
        }

        static func reap(_ pid: pid_t) {
            guard pid > 0 else { return }
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }
}
