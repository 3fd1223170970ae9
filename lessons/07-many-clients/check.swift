// Lesson 07, many clients: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("nonblocking", Text("setNonBlocking turns on O_NONBLOCK and keeps the other flags",
                                  ko: "setNonBlocking이 다른 플래그는 두고 O_NONBLOCK을 켠다")) {
            let (client, server) = try L07.pair()
            defer { close(client); close(server) }
            let before = fcntl(client, F_GETFL)
            try learnerCall("setNonBlocking(fd)") { try setNonBlocking(client) }
            let after = fcntl(client, F_GETFL)
            try expect(after == before | O_NONBLOCK, Text(
                "After setNonBlocking(fd) the flags are \(L07.octal(after)), expected \(L07.octal(before | O_NONBLOCK)): "
                    + "the old flags (F_GETFL) with O_NONBLOCK added.",
                ko: "setNonBlocking(fd) 다음 플래그가 \(L07.octal(after))입니다. 기대값은 \(L07.octal(before | O_NONBLOCK)), "
                    + "곧 원래 플래그(F_GETFL)에 O_NONBLOCK을 더한 값입니다."))
            var byte: UInt8 = 0
            let n = recv(client, &byte, 1, 0)
            let code = errno
            try expect(n == -1 && (code == EAGAIN || code == EWOULDBLOCK), Text(
                "recv on it, with nothing to read, returned \(n) (\(L07.errorName(n < 0 ? code : 0))), expected -1 with "
                    + "EAGAIN at once.",
                ko: "읽을 것이 없는데 그 소켓의 recv가 \(n)(\(L07.errorName(n < 0 ? code : 0)))을(를) 돌려줬습니다. "
                    + "기대값은 곧바로 -1과 EAGAIN입니다."))
        },

        Check("flush-partial", Text("flush writes what the socket takes now and keeps the rest",
                                    ko: "flush가 소켓이 지금 받는 만큼 쓰고 나머지는 남겨 둔다")) {
            let (client, server) = try L07.pair(smallBuffers: true)
            defer { close(client); close(server) }
            try L07.setup(Text("make the socket non-blocking", ko: "소켓을 논블로킹으로")) {
                guard fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK) == 0 else {
                    throw OSError(call: "fcntl", code: errno)
                }
            }
            let total = 1024 * 1024
            let original = (0..<total).map(L07.pattern)
            var pending = original
            var received: [UInt8] = []
            for round in 1...2 {
                let before = pending.count
                let start = monotonicSeconds()
                let alive = flush(client, &pending)
                let elapsed = monotonicSeconds() - start
                try expect(elapsed < 0.5, Text(
                    "flush took \(Int(elapsed * 1000)) ms: on a non-blocking socket it must return as soon as the "
                        + "socket is full (send returns -1 with EAGAIN).",
                    ko: "flush가 \(Int(elapsed * 1000))ms 걸렸습니다. 논블로킹 소켓에서는 소켓이 차는 즉시(send가 -1과 "
                        + "EAGAIN을 돌려줄 때) 돌아와야 합니다."))
                try expect(alive, Text(
                    "flush returned false, but the connection is fine; the socket was only full (EAGAIN).",
                    ko: "flush가 false를 돌려줬지만 연결에는 문제가 없습니다. 소켓이 찼을 뿐입니다(EAGAIN)."))
                try expect(pending.count < before && pending.count > 0, Text(
                    "Round \(round): flush left \(pending.count) of \(before) bytes pending; expected it to write "
                        + "some (the socket had room) but not all (it cannot hold \(total / 1024) KiB).",
                    ko: "\(round)번째: flush가 \(before)바이트 중 \(pending.count)바이트를 남겼습니다. 일부는 쓰고(소켓에 "
                        + "자리가 있었음) 전부는 못 써야 합니다(\(total / 1024)KiB는 다 들어가지 않음)."))
                received += readStream(server, timeout: 0.2).bytes
                let sent = total - pending.count
                try expect(received.count == sent && received == Array(original[0..<sent])
                           && Array(pending) == Array(original[sent...]), Text(
                    "After flush the peer had received \(received.count) bytes and \(pending.count) stayed pending, "
                        + "of \(total): expected the received bytes to be exactly the ones removed from the front of "
                        + "pending, in order.",
                    ko: "flush 다음 상대가 받은 것은 \(received.count)바이트, 남은 것은 \(pending.count)바이트입니다"
                        + "(모두 \(total)바이트). 받은 바이트가 pending 앞에서 빠진 바로 그 바이트들이어야 합니다."))
            }
        },

        Check("flush-broken", Text("flush to a broken connection returns false, without SIGPIPE",
                                   ko: "깨진 연결에 flush하면 SIGPIPE 없이 false를 돌려준다")) {
            let client = try L07.setup(Text("make a connection its peer has reset", ko: "상대가 리셋한 연결 만들기")) {
                let fd = try resetByPeer()
                guard fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 else {
                    close(fd)
                    throw OSError(call: "fcntl", code: errno)
                }
                return fd
            }
            defer { close(client) }
            let attempt = try L07.setup(Text("start the attempt", ko: "시도 시작")) {
                try Peer { report in
                    signal(SIGPIPE, SIG_DFL)
                    var pending = Array("again\n".utf8)
                    let alive = flush(client, &pending)
                    report("\(alive)")
                }
            }
            let (lines, endedBy) = attempt.outcome(timeout: 2)
            try expect(endedBy != SIGPIPE, Text(
                "flush to a peer that had reset the connection killed the program with SIGPIPE: pass MSG_NOSIGNAL "
                    + "to send.",
                ko: "연결을 리셋한 상대에게 flush하자 SIGPIPE로 프로그램이 죽었습니다. send에 MSG_NOSIGNAL을 넘기세요."))
            try expect(lines.first == "false", Text(
                "flush to a peer that had reset the connection returned \(lines.first ?? "nothing"), expected false "
                    + "(send failed with EPIPE: the client is gone).",
                ko: "연결을 리셋한 상대에게 flush한 결과는 \(lines.first ?? "없음")입니다. 기대값은 false입니다(send가 "
                    + "EPIPE로 실패: 클라이언트가 떠남)."))
        },

        Check("three-clients", Text("Three clients talk at once; each gets every other's lines, in order",
                                    ko: "세 클라이언트가 동시에 말하고, 각자 다른 이의 줄을 순서대로 모두 받는다")) {
            let room = try L07.room(3)
            let messages = 15
            var peers: [Peer] = []
            for index in 0..<3 {
                let me = index + 1
                peers.append(try room.peer(index) { fd, report in
                    if me > 1 { _ = try? sendAllBytes(fd, Array("join \(me)\n".utf8)) }
                    // The joins of those who connected later prove that everyone is in.
                    // (A join from one who connected earlier may arrive too, or not: it depends on
                    // whether the relay had accepted us when it read that join.)
                    var heard: [String] = []
                    let later = me < 3 ? ((me + 1)...3).map { "join \($0)" } : []
                    while !later.allSatisfy(heard.contains) {
                        guard let line = L07.line(fd, timeout: 2) else { return report(heard.joined(separator: "|")) }
                        heard.append(line)
                    }
                    for k in 1...messages {
                        _ = try? sendAllBytes(fd, Array("\(me):\(k)\n".utf8))
                        usleep(UInt32.random(in: 0...3000))
                    }
                    while heard.filter({ $0.contains(":") }).count < 2 * messages {
                        guard let line = L07.line(fd, timeout: 2) else { break }
                        heard.append(line)
                    }
                    report(heard.joined(separator: "|"))
                })
            }
            room.closeCopies()
            try L07.runRelay(room.listener, clients: 3, limit: 1 << 20)
            for index in 0..<3 {
                let me = index + 1
                let heard = (peers[index].lines(timeout: 2).first ?? "").split(separator: "|").map(String.init)
                let joins = me < 3 ? ((me + 1)...3).map { "join \($0)" } : []
                let own = heard.filter { $0.hasPrefix("\(me):") || $0 == "join \(me)" }
                try expect(own.isEmpty, Text(
                    "Client \(me) received its own lines back (\(L07.show(own))): a line goes to every *other* client.",
                    ko: "클라이언트 \(me)가 자기 줄을 돌려받았습니다(\(L07.show(own))). 줄은 *다른* 클라이언트에게만 "
                        + "갑니다."))
                for sender in (1...3) where sender != me {
                    let from = heard.filter { $0.hasPrefix("\(sender):") }
                    let expected = (1...messages).map { "\(sender):\($0)" }
                    try expect(from == expected, Text(
                        "Client \(me) received from client \(sender): \(L07.show(from)); expected \(L07.show(expected)) "
                            + "(every line, once, in the order sent).",
                        ko: "클라이언트 \(me)가 클라이언트 \(sender)에게서 받은 것: \(L07.show(from)). 기대값은 "
                            + "\(L07.show(expected))입니다(모든 줄을 한 번씩, 보낸 순서대로)."))
                }
                let others = heard.filter { !$0.contains(":") }
                let earlier = (1..<me).map { "join \($0)" }
                try expect(joins.allSatisfy(others.contains) && others.allSatisfy({ joins.contains($0) || earlier.contains($0) })
                           && Set(others).count == others.count, Text(
                    "Client \(me) received \(L07.show(others)) besides the messages; expected \(L07.show(joins)), "
                        + "once each, sent by clients that connected after it.",
                    ko: "클라이언트 \(me)가 메시지 말고 받은 것: \(L07.show(others)). 기대값은 자기보다 나중에 연결한 "
                        + "클라이언트가 보낸 \(L07.show(joins))(각각 한 번)입니다."))
            }
        },

        Check("slow-reader", Text("A client that never reads is cut off, and the others go on",
                                  ko: "읽지 않는 클라이언트는 끊기고, 다른 클라이언트는 계속한다")) {
            // A connects first and never reads; C reads; B, last (so both are in), sends 300 KB,
            // 500 lines at a time: C says "ack" after each 500, and B waits for it, so C is never
            // more than 30 KB behind (its outbox stays far below the limit, however loaded the
            // machine), while A's grows until the relay cuts it off.
            let room = try L07.room(3, smallFirstReceiver: true)
            let lines = 5000
            let start = monotonicSeconds()
            // It leaves by itself after 4 s: a relay that returns before that has cut it off.
            let stalled = try room.peer(0) { fd, report in
                usleep(4_000_000)
                close(fd)
                report("closed by itself")
            }
            let reader = try room.peer(1) { fd, report in
                var count = 0
                var input = L07.LineReader(fd)
                while count < lines, let line = input.next(timeout: 3.5), line == L07.bulk(count + 1) {
                    count += 1
                    if count % L07.window == 0 { _ = try? sendAllBytes(fd, Array("ack \(count)\n".utf8)) }
                }
                report("\(count) \(monotonicSeconds() - start) \(input.ended ? "end" : "silence")")
            }
            let sender = try room.peer(2) { fd, _ in
                var acks = L07.LineReader(fd)
                for window in stride(from: 1, through: lines, by: L07.window) {
                    var bytes: [UInt8] = []
                    for k in window..<min(window + L07.window, lines + 1) { bytes += Array((L07.bulk(k) + "\n").utf8) }
                    guard (try? sendAllBytes(fd, bytes)) != nil, acks.next(timeout: 3.5) != nil else { return }
                }
            }
            room.closeCopies()
            try L07.runRelay(room.listener, clients: 3, limit: 64 * 1024)
            let relayTime = monotonicSeconds() - start
            let report = (reader.lines(timeout: 4).first ?? "").split(separator: " ")
            stalled.stop()
            sender.stop()
            let count = report.first.flatMap { Int($0) } ?? 0
            let readerTime = report.count > 1 ? Double(report[1]) ?? 99 : 99
            let cut = report.count > 2 && report[2] == "end"
            try expect(count == lines || !cut, Text(
                "The reading client received \(count) of the sender's \(lines) lines in order, then the relay closed "
                    + "its connection. It read all the time (the sender waited for its \"ack\" after every "
                    + "\(L07.window) lines), so it was never far behind: cut off only a client whose unsent bytes pass "
                    + "the limit.",
                ko: "읽는 클라이언트가 보내는 쪽의 줄 \(lines)개 중 \(count)개를 순서대로 받은 뒤 중계가 그 연결을 닫았습니다. "
                    + "이 클라이언트는 내내 읽었고(보내는 쪽이 \(L07.window)줄마다 그의 \"ack\"를 기다림) 한 번도 많이 "
                    + "뒤처지지 않았습니다. 보내지 못한 바이트가 한도를 넘은 클라이언트만 끊으세요."))
            try expect(count == lines, Text(
                "The reading client received \(count) of the sender's \(lines) lines in order (each 60 bytes), "
                    + "then nothing for 3.5 s. A client that does not read must not hold up the others: keep what "
                    + "it cannot take in its own buffer, and write only when poll says POLLOUT.",
                ko: "읽는 클라이언트가 보내는 쪽의 줄 \(lines)개(각 60바이트) 중 \(count)개를 순서대로 받은 뒤 3.5초 동안 "
                    + "아무것도 받지 못했습니다. 읽지 않는 클라이언트가 다른 이를 붙잡으면 안 됩니다. 받지 못한 것은 "
                    + "그 클라이언트의 버퍼에 두고, poll이 POLLOUT을 알릴 때만 쓰세요."))
            try expect(readerTime < 3.9 && relayTime < 3.9, Text(
                "The reader was done after \(L07.seconds(readerTime)) s and the relay returned after "
                    + "\(L07.seconds(relayTime)) s, only once the client that never reads closed by itself (at 4 s). "
                    + "Cut a client off when its unsent output passes the limit (64 KiB here).",
                ko: "읽는 쪽은 \(L07.seconds(readerTime))초, 중계는 \(L07.seconds(relayTime))초 뒤에야 끝났습니다. "
                    + "읽지 않는 클라이언트가 스스로 닫은(4초) 뒤입니다. 보내지 못한 출력이 한도(여기서는 64KiB)를 넘으면 "
                    + "그 클라이언트를 끊으세요."))
        },

        Check("mid-line", Text("A client that leaves mid-line: its half line is never relayed",
                               ko: "줄 중간에 떠난 클라이언트의 반쪽 줄은 전달하지 않는다")) {
            let room = try L07.room(3)
            let leaverPort = boundAddress(room.fds[1])?.port ?? 0
            let listener = try room.peer(0) { fd, report in
                report(L07.line(fd, timeout: 2.5) ?? "nothing")
            }
            let leaver = try room.peer(1) { fd, _ in
                _ = try? sendAllBytes(fd, Array("half a li".utf8))
                close(fd)
            }
            let last = try room.peer(2) { fd, report in
                // Wait until the relay has closed the leaver's connection (TIME_WAIT on its side).
                var states: [String] = []
                for _ in 0..<400 where !states.contains("06") {
                    states = tcpStates(localPort: leaverPort)
                    if !states.contains("06") { usleep(5_000) }
                }
                report(states.contains("06") ? "closed" : "open")
                _ = try? sendAllBytes(fd, Array("whole\n".utf8))
                _ = L07.line(fd, timeout: 2.5)
            }
            room.closeCopies()
            try L07.runRelay(room.listener, clients: 3, limit: 1 << 20)
            let heard = listener.lines(timeout: 3).first ?? "nothing"
            leaver.stop()
            let leaverClosed = last.lines(timeout: 1).first == "closed"
            try expect(leaverClosed, Text(
                "A client sent \"half a li\" and closed; the relay never closed its end of that connection. recv "
                    + "returning 0 means the client has gone: close it and forget its partial line.",
                ko: "한 클라이언트가 \"half a li\"를 보내고 닫았는데 중계가 그 연결의 자기 쪽을 닫지 않았습니다. recv가 "
                    + "0을 돌려주면 클라이언트가 떠난 것이니 닫고, 덜 된 줄은 버리세요."))
            try expect(heard == "whole", Text(
                "A client sent \"half a li\" (no \"\\n\") and closed; then another sent \"whole\". The first line the "
                    + "third client received was \"\(heard)\", expected \"whole\": a piece without \"\\n\" is no line.",
                ko: "한 클라이언트가 \"half a li\"(\"\\n\" 없음)를 보내고 닫은 뒤 다른 클라이언트가 \"whole\"을 보냈습니다. "
                    + "셋째 클라이언트가 처음 받은 줄은 \"\(heard)\"입니다. 기대값은 \"whole\"입니다. \"\\n\"이 없는 조각은 "
                    + "줄이 아닙니다."))
        },

        Check("sleeps-when-idle", Text("The relay sleeps in poll while nobody talks",
                                       ko: "아무도 말하지 않는 동안 중계는 poll 안에서 잔다")) {
            let room = try L07.room(2)
            let hearer = try room.peer(0) { fd, report in
                report(L07.line(fd, timeout: 2.5) ?? "nothing")
            }
            let talker = try room.peer(1) { fd, _ in
                usleep(800_000)
                _ = try? sendAllBytes(fd, Array("ping\n".utf8))
                usleep(50_000)
            }
            room.closeCopies()
            let cpuBefore = L07.cpuSeconds(), wallBefore = monotonicSeconds()
            try L07.runRelay(room.listener, clients: 2, limit: 1 << 20)
            let cpu = L07.cpuSeconds() - cpuBefore, wall = monotonicSeconds() - wallBefore
            let heard = hearer.lines(timeout: 2).first ?? "nothing"
            talker.stop()
            try expect(heard == "ping", Text(
                "One client said \"ping\" after 0.8 s of silence; the other received \"\(heard)\".",
                ko: "한 클라이언트가 0.8초 동안 조용하다가 \"ping\"을 말했는데 다른 클라이언트가 받은 것은 \"\(heard)\"입니다."))
            try expect(cpu < 0.2, Text(
                "The relay ran \(L07.seconds(wall)) s and used \(L07.seconds(cpu)) s of CPU: it spins while nobody "
                    + "talks. Let poll wait (timeout -1); ask for POLLOUT only for clients with bytes waiting, or poll "
                    + "returns at once, every time.",
                ko: "중계가 \(L07.seconds(wall))초 동안 CPU를 \(L07.seconds(cpu))초 썼습니다. 아무도 말하지 않는데 헛돌고 "
                    + "있습니다. poll이 기다리게 하세요(timeout -1). POLLOUT은 보낼 바이트가 있는 클라이언트에만 요청하세요. "
                    + "그러지 않으면 poll이 매번 곧바로 돌아옵니다."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L07 {
        /// Runs `body` for the check's own set-up; its failure is the machine's, not the learner's.
        @discardableResult
        static func setup<T>(_ what: Text, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch {
                throw NotRun(Text("Could not \(what.en): \(error).", ko: "준비 단계 실패(\(what.ko)): \(error)."))
            }
        }

        /// A connected pair; with `smallBuffers`, a 4 KiB receive buffer on the server end and an
        /// 8 KiB send buffer on the client, so a megabyte cannot fit between them.
        static func pair(smallBuffers: Bool = false) throws -> (client: Int32, server: Int32) {
            try setup(Text("make a TCP connection", ko: "TCP 연결 만들기")) {
                let listener = try TCPListener()
                if smallBuffers {
                    try setIntOption(listener.fd, level: SOL_SOCKET, name: SO_RCVBUF, 4096, label: "SO_RCVBUF")
                }
                let client = try tcpConnect(to: listener.endpoint)
                if smallBuffers {
                    try setIntOption(client, level: SOL_SOCKET, name: SO_SNDBUF, 8192, label: "SO_SNDBUF")
                }
                return (client, try listener.accept().fd)
            }
        }

        /// The room of a relay check: a listener with a small send buffer (accepted sockets
        /// inherit it, so what a client does not read piles up in the relay, not in the kernel)
        /// and `count` clients connected in order.
        static func room(_ count: Int, smallFirstReceiver: Bool = false) throws -> ClientRoom {
            try setup(Text("connect the clients", ko: "클라이언트 연결")) {
                try ClientRoom(count: count, sendBuffer: 8192, firstReceiveBuffer: smallFirstReceiver ? 4096 : 0)
            }
        }

        /// Runs the learner's relay.
        static func runRelay(_ listener: Int32, clients: Int, limit: Int) throws {
            let call = "relay(listener, clients: \(clients), limit: \(limit))"
            try learnerCall(call) { try relay(listener, clients: clients, limit: limit) }
        }

        /// The next line from `fd` without its "\n"; nil at the end of the stream or after `timeout`.
        static func line(_ fd: Int32, timeout: Double) -> String? {
            let read = readLine(fd, timeout: timeout)
            guard read.bytes.last == UInt8(ascii: "\n") else { return nil }
            return String(decoding: read.bytes.dropLast(), as: UTF8.self)
        }

        /// How many lines the bulk sender sends before it waits for the reader's "ack".
        static let window = 500

        /// Lines from a socket, read in large pieces (a reader that must keep up).
        struct LineReader {
            let fd: Int32
            var pending: [UInt8] = []
            /// True once the stream ended (rather than fell silent).
            var ended = false
            init(_ fd: Int32) { self.fd = fd }

            mutating func next(timeout: Double) -> String? {
                let deadline = monotonicSeconds() + timeout
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while true {
                    if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = String(decoding: pending[..<newline], as: UTF8.self)
                        pending.removeSubrange(...newline)
                        return line
                    }
                    guard waitReadable(fd, timeout: deadline - monotonicSeconds()) else { return nil }
                    let n = read(fd, &buffer, buffer.count)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { ended = true; return nil }
                    pending += buffer[0..<n]
                }
            }
        }

        /// Line `k` of the bulk sender: 59 characters, numbered, so a loss or a swap shows.
        static func bulk(_ k: Int) -> String {
            let number = String(k)
            return "bulk " + String(repeating: "0", count: 6 - number.count) + number + " "
                + String(repeating: "x", count: 47)
        }

        static func pattern(_ index: Int) -> UInt8 {
            UInt8(truncatingIfNeeded: index &* 7 &+ index >> 9)
        }

        static func cpuSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }

        static func seconds(_ value: Double) -> String { secondsText(value) }

        static func show(_ lines: [String]) -> String {
            if lines.isEmpty { return "[]" }
            let shown = lines.count > 6 ? Array(lines.prefix(6)) + ["..."] : lines
            return "[" + shown.map { $0 == "..." ? "... (\(lines.count) in all)" : "\"\($0)\"" }.joined(separator: ", ") + "]"
        }

        static func octal(_ value: Int32) -> String {
            "0o" + String(value, radix: 8)
        }

        static func errorName(_ code: Int32) -> String {
            code == 0 ? "no error" : String(cString: strerror(code))
        }
    }
}
