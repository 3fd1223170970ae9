// Lesson 06, errors and timeouts: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("exact-count", Text("readExactly returns exactly count bytes that arrive in pieces",
                                  ko: "readExactly가 조각으로 오는 바이트를 정확히 count개 돌려준다")) {
            let (client, server) = try L06.pair()
            defer { close(client) }
            let peer = try L06.setup(Text("start a peer", ko: "상대 시작")) {
                try Peer { _ in
                    for piece in ["abc", "defg", "hij", "KL"] {
                        _ = try? sendAllBytes(server, Array(piece.utf8))
                        usleep(40_000)
                    }
                    close(server)
                }
            }
            close(server)
            let call = "readExactly(fd, count: 10, timeout: 2)"
            let (result, _) = L06.timed { try readExactly(client, count: 10, timeout: 2) }
            let got = try L06.bytes(result, call)
            try expect(got == Array("abcdefghij".utf8), Text(
                "\(call) returned \(L06.show(got)); the peer sent \"abc\", \"defg\", \"hij\", \"KL\" in four "
                    + "pieces, so expected \"abcdefghij\".",
                ko: "\(call)의 결과는 \(L06.show(got))입니다. 상대가 \"abc\", \"defg\", \"hij\", \"KL\"을 네 조각으로 "
                    + "보냈으니 기대값은 \"abcdefghij\"입니다."))
            let rest = readStream(client, timeout: 1)
            peer.stop()
            try expect(rest.text == "KL", Text(
                "After readExactly the socket still held \(L06.show(rest.bytes)), expected \"KL\": read no byte "
                    + "beyond count (ask recv for count - received at most).",
                ko: "readExactly 다음 소켓에 남은 것은 \(L06.show(rest.bytes))입니다. 기대값은 \"KL\"입니다. count를 "
                    + "넘는 바이트는 읽지 마세요(recv에는 많아야 count - received만큼 요청)."))
        },

        Check("deadline-silent", Text("readExactly gives up at its deadline when the peer goes quiet",
                                      ko: "상대가 조용해지면 readExactly가 마감 시각에 포기한다")) {
            let (client, server) = try L06.pair()
            defer { close(client); close(server) }
            try L06.setup(Text("send 3 bytes", ko: "3바이트 보내기")) { try sendAllBytes(server, Array("abc".utf8)) }
            let call = "readExactly(fd, count: 10, timeout: 0.5)"
            let (result, elapsed) = L06.timedWithAlarm { try readExactly(client, count: 10, timeout: 0.5) }
            try L06.expectError(result, call, .timedOut(received: 3), elapsed: elapsed, within: 0.45...1.0, Text(
                "The peer sent 3 bytes and then nothing, keeping the connection open.",
                ko: "상대는 3바이트를 보낸 뒤 연결을 연 채로 아무것도 보내지 않았습니다."))
        },

        Check("deadline-trickle", Text("The deadline holds for the whole read, not for each recv",
                                       ko: "마감 시각은 recv마다가 아니라 읽기 전체에 적용된다")) {
            let (client, server) = try L06.pair()
            defer { close(client) }
            // One byte every 100 ms for 2.5 s, then the end: a timeout per recv never fires.
            let peer = try L06.setup(Text("start a peer", ko: "상대 시작")) {
                try Peer { _ in
                    for _ in 0..<25 {
                        guard (try? sendAllBytes(server, [UInt8(ascii: "x")])) != nil else { break }
                        usleep(100_000)
                    }
                    close(server)
                }
            }
            close(server)
            defer { peer.stop() }
            let call = "readExactly(fd, count: 100, timeout: 0.5)"
            let (result, elapsed) = L06.timed { try readExactly(client, count: 100, timeout: 0.5) }
            let why = Text(
                "The peer sent one byte every 100 ms. A timeout per recv (SO_RCVTIMEO, or a poll with the full "
                    + "timeout every time) starts again with each byte and never fires: compute the deadline once, "
                    + "and poll for the time left.",
                ko: "상대는 100ms마다 1바이트를 보냈습니다. recv마다 거는 시간 제한(SO_RCVTIMEO, 또는 매번 전체 시간으로 "
                    + "거는 poll)은 바이트가 올 때마다 새로 시작해서 끝내 울리지 않습니다. 마감 시각은 한 번만 계산하고, "
                    + "poll에는 남은 시간을 주세요.")
            guard case .failure(let error) = result, case NetError.timedOut(let received) = error else {
                throw Failure(Text("\(call) " + L06.describe(result).en + " after \(L06.seconds(elapsed)) s, expected "
                                       + "NetError.timedOut after about 0.5 s. " + why.en,
                                   ko: "\(call)의 결과: " + L06.describe(result).ko + " (\(L06.seconds(elapsed))초 뒤). "
                                       + "기대값은 0.5초쯤 뒤의 NetError.timedOut입니다. " + why.ko))
            }
            try expect((0.45...1.0).contains(elapsed), Text(
                "\(call) threw .timedOut after \(L06.seconds(elapsed)) s, expected about 0.5 s. " + why.en,
                ko: "\(call)이 \(L06.seconds(elapsed))초 뒤에 .timedOut을 던졌습니다. 기대값은 0.5초쯤입니다. " + why.ko))
            try expect((2...8).contains(received), Text(
                "\(call) threw .timedOut(received: \(received)); in 0.5 s at one byte per 100 ms, about 5 bytes "
                    + "had arrived. Count every byte recv returned.",
                ko: "\(call)이 .timedOut(received: \(received))을 던졌습니다. 100ms마다 1바이트씩 0.5초면 5바이트쯤 "
                    + "왔습니다. recv가 돌려준 바이트를 모두 세세요."))
        },

        Check("closed-early", Text("A peer that closes early gives .closed(received:) at once",
                                   ko: "일찍 닫는 상대에게서는 곧바로 .closed(received:)가 나온다")) {
            let (client, server) = try L06.pair()
            defer { close(client) }
            try L06.setup(Text("send 4 bytes and close", ko: "4바이트 보내고 닫기")) {
                try sendAllBytes(server, Array("abcd".utf8))
            }
            close(server)
            let call = "readExactly(fd, count: 10, timeout: 2)"
            let (result, elapsed) = L06.timedWithAlarm { try readExactly(client, count: 10, timeout: 2) }
            try L06.expectError(result, call, .closed(received: 4), elapsed: elapsed, within: 0...0.5, Text(
                "The peer sent 4 bytes and closed the connection: recv returns 0 then, and waiting longer brings "
                    + "nothing.",
                ko: "상대가 4바이트를 보내고 연결을 닫았습니다. 그러면 recv가 0을 돌려주고, 더 기다려도 올 것은 "
                    + "없습니다."))
        },

        Check("reset", Text("A reset connection is reported as ECONNRESET",
                            ko: "리셋된 연결은 ECONNRESET으로 알린다")) {
            // Two ways a peer resets: SO_LINGER 0 on close, and a close with bytes it never read.
            for (index, way) in [L06.lingerReset, L06.unreadReset].enumerated() {
                let (client, server) = try L06.pair()
                defer { close(client) }
                try L06.setup(Text("reset the connection", ko: "연결 리셋")) { try way.reset(client, server) }
                let call = "readExactly(fd, count: 10, timeout: 2)"
                let (result, elapsed) = L06.timedWithAlarm { try readExactly(client, count: 10, timeout: 2) }
                let expected = NetError.system(call: "recv", code: ECONNRESET)
                if index == 1, case .failure(NetError.closed(received: 0)) = result {
                    throw NotRun(Text("The reset did not reach the socket in time here.",
                                      ko: "여기서는 리셋이 제때 소켓에 닿지 않았습니다."))
                }
                try L06.expectError(result, call, expected, elapsed: elapsed, within: 0...0.5, way.story)
            }
        },

        Check("interrupted", Text("Signals that interrupt the wait (EINTR) do not end readExactly",
                                  ko: "기다림을 끊는 시그널(EINTR)에도 readExactly가 끝나지 않는다")) {
            let (client, server) = try L06.pair()
            defer { close(client) }
            let peer = try L06.setup(Text("start a peer", ko: "상대 시작")) {
                try Peer { _ in
                    usleep(300_000)
                    _ = try? sendAllBytes(server, Array("late!".utf8))
                    usleep(500_000)
                }
            }
            close(server)
            defer { peer.stop() }
            let call = "readExactly(fd, count: 5, timeout: 2)"
            let (result, _) = L06.withInterruptions(every: 0.02) {
                L06.timed { try readExactly(client, count: 5, timeout: 2) }
            }
            var hint = Text("", ko: "")
            if case .failure(NetError.system(let name, EINTR)) = result {
                hint = Text(" \(name) failed with EINTR: a signal handler ran while it waited. That is no error of the "
                                + "connection: go round again, with the time that is left.",
                            ko: " \(name)이(가) EINTR로 실패했습니다. 기다리는 동안 시그널 처리기가 실행되었다는 뜻이지, "
                                + "연결의 오류가 아닙니다. 남은 시간으로 다시 기다리세요.")
            }
            let got: [UInt8]
            do {
                got = try result.get()
            } catch {
                throw Failure(Text(
                    "While a SIGALRM handler ran every 20 ms, \(call) threw \(error); the peer sent \"late!\" after "
                        + "300 ms." + hint.en,
                    ko: "SIGALRM 처리기가 20ms마다 실행되는 동안 \(call)이 오류를 던졌습니다: \(error). 상대는 300ms "
                        + "뒤에 \"late!\"를 보냈습니다." + hint.ko))
            }
            try expect(got == Array("late!".utf8), Text(
                "\(call) returned \(L06.show(got)), expected \"late!\".",
                ko: "\(call)의 결과는 \(L06.show(got))입니다. 기대값은 \"late!\"입니다."))
        },

        Check("connect-works", Text("connectWithTimeout connects and hands back a blocking socket",
                                    ko: "connectWithTimeout이 연결하고 블로킹 소켓을 돌려준다")) {
            let listener = try L06.setup(Text("listen on \(loopback)", ko: "\(loopback)에서 리슨")) {
                try TCPListener()
            }
            let port = listener.endpoint.port
            let call = "connectWithTimeout(\"\(loopback)\", port: \(port), timeout: 2)"
            let (result, _) = L06.timedWithAlarm { try connectWithTimeout(loopback, port: port, timeout: 2) }
            let fd: Int32
            do {
                fd = try result.get()
            } catch {
                throw Failure(Text("\(call) threw \(error); a server listens there.",
                                   ko: "\(call)이 오류를 던졌습니다: \(error). 그곳에는 서버가 리슨하고 있습니다."))
            }
            defer { close(fd) }
            let accepted = try? listener.accept()
            if let accepted { close(accepted.fd) }
            let peer = L06.peerEndpoint(fd)
            try expect(peer == listener.endpoint, Text(
                "\(call) returned descriptor \(fd), connected to \(peer?.description ?? "nothing"), expected "
                    + "\(listener.endpoint).",
                ko: "\(call)이 돌려준 디스크립터 \(fd)의 연결 상대는 \(peer?.description ?? "없음")입니다. 기대값은 "
                    + "\(listener.endpoint)입니다."))
            let flags = fcntl(fd, F_GETFL)
            try expect(flags >= 0 && flags & O_NONBLOCK == 0, Text(
                "The socket is still non-blocking (O_NONBLOCK): put the flags back as they were before returning, "
                    + "or every later recv on it fails with EAGAIN instead of waiting.",
                ko: "소켓이 아직 논블로킹(O_NONBLOCK)입니다. 돌려주기 전에 플래그를 원래대로 되돌리세요. 그러지 않으면 "
                    + "그 소켓의 recv가 기다리지 않고 EAGAIN으로 실패합니다."))
        },

        Check("connect-refused", Text("A refused connection is ECONNREFUSED, at once, and leaves nothing open",
                                      ko: "거절된 연결은 곧바로 ECONNREFUSED이고, 열린 것을 남기지 않는다")) {
            // A bound socket that does not listen keeps the port: nothing else can take it,
            // and a SYN to it gets a reset.
            let holder = try L06.setup(Text("reserve a port", ko: "포트 확보")) { try L06.boundSocket() }
            defer { close(holder.fd) }
            let call = "connectWithTimeout(\"\(loopback)\", port: \(holder.port), timeout: 2)"
            let before = openDescriptorCount()
            let (result, elapsed) = L06.timedWithAlarm { try connectWithTimeout(loopback, port: holder.port, timeout: 2) }
            if case .success(let fd) = result { close(fd) }
            try L06.expectError(result, call, .system(call: "connect", code: ECONNREFUSED), elapsed: elapsed,
                                within: 0...0.5, Text("Nothing listens on that port.", ko: "그 포트에서는 아무도 리슨하지 않습니다."))
            let after = openDescriptorCount()
            try expect(after == before, Text(
                "\(call) threw as it should, but left \(after - before) more descriptor(s) open: close the socket "
                    + "before throwing.",
                ko: "\(call)이 제대로 오류를 던졌지만 디스크립터를 \(after - before)개 더 열어 두었습니다. 오류를 "
                    + "던지기 전에 소켓을 닫으세요."))
        },

        Check("connect-timeout", Text("A connect nobody answers times out within its limit",
                                      ko: "아무도 답하지 않는 connect는 제한 시간 안에 시간 초과로 끝난다")) {
            let silent = try L06.setup(Text("make a server that answers nobody", ko: "아무에게도 답하지 않는 서버 만들기")) {
                try L06.SilentServer()
            }
            let port = silent.port
            let call = "connectWithTimeout(\"\(loopback)\", port: \(port), timeout: 0.5)"
            let before = openDescriptorCount()
            let (result, elapsed) = L06.timedWithAlarm { try connectWithTimeout(loopback, port: port, timeout: 0.5) }
            if case .success(let fd) = result { close(fd) }
            try L06.expectError(result, call, .timedOut(received: 0), elapsed: elapsed, within: 0.45...1.0, Text(
                "The server's accept queue is full, so the kernel drops every new SYN: the handshake never "
                    + "completes, as with a host that is down or a firewall that drops.",
                ko: "서버의 accept 대기열이 가득 차서 커널이 새 SYN을 모두 버립니다. 꺼진 호스트나 패킷을 버리는 "
                    + "방화벽처럼 핸드셰이크가 끝나지 않습니다."))
            let after = openDescriptorCount()
            try expect(after == before, Text(
                "\(call) timed out as it should, but left \(after - before) more descriptor(s) open: close the "
                    + "socket before throwing.",
                ko: "\(call)이 제대로 시간 초과로 끝났지만 디스크립터를 \(after - before)개 더 열어 두었습니다. 오류를 "
                    + "던지기 전에 소켓을 닫으세요."))
        },

        Check("connect-silent-host", Text("On the lab's LAN, a connect to an address no host has times out",
                                          ko: "랩의 LAN에서 어떤 호스트도 갖지 않은 주소로의 connect는 시간 초과로 끝난다")) {
            _ = try lab()
            let call = "connectWithTimeout(\"\(L06.nobody)\", port: 80, timeout: 0.5)"
            let before = openDescriptorCount()
            let (result, elapsed) = L06.timedWithAlarm { try connectWithTimeout(L06.nobody, port: 80, timeout: 0.5) }
            if case .success(let fd) = result { close(fd) }
            try L06.expectError(result, call, .timedOut(received: 0), elapsed: elapsed, within: 0.45...1.0, Text(
                "This check runs on host A of the lab's LAN (10.77.0.0/24), where no host has \(L06.nobody): A's ARP "
                    + "requests for it go unanswered and the SYN never leaves. (The kernel gives up after about 3 s, with "
                    + "EHOSTUNREACH.)",
                ko: "이 검사는 랩 LAN(10.77.0.0/24)의 호스트 A에서 돌고, 거기에는 \(L06.nobody)를 가진 호스트가 없습니다. "
                    + "A의 ARP 요청에 아무도 답하지 않아 SYN이 나가지도 못합니다. (커널은 3초쯤 뒤 EHOSTUNREACH로 "
                    + "포기합니다.)"))
            try expect(openDescriptorCount() == before, Text(
                "\(call) timed out as it should, but left a descriptor open: close the socket before throwing.",
                ko: "\(call)이 제대로 시간 초과로 끝났지만 디스크립터를 열어 두었습니다. 오류를 던지기 전에 소켓을 닫으세요."))
        },

        Check("connect-unreachable", Text("A network the router has no route to is ENETUNREACH, not a timeout",
                                          ko: "라우터가 경로를 모르는 네트워크는 시간 초과가 아니라 ENETUNREACH이다")) {
            _ = try lab()
            // The answer usually comes at once; an ICMP error that arrives while connect still
            // holds the socket counts only when the SYN is sent again, after 1 s.
            let call = "connectWithTimeout(\"\(L06.noRoute)\", port: 80, timeout: 2)"
            let (result, elapsed) = L06.timedWithAlarm { try connectWithTimeout(L06.noRoute, port: 80, timeout: 2) }
            if case .success(let fd) = result { close(fd) }
            try L06.expectError(result, call, .system(call: "connect", code: ENETUNREACH), elapsed: elapsed, within: 0...1.8,
                                Text("A sends its SYN for \(L06.noRoute) to its router R, which has no route there and "
                                         + "answers with ICMP \"network unreachable\".",
                                     ko: "A가 \(L06.noRoute)로 가는 SYN을 라우터 R에 보내는데, R에는 그리로 가는 경로가 없어 "
                                         + "ICMP \"network unreachable\"로 답합니다."))
        },

        Check("no-sigpipe", Text("sendAll to a closed peer throws EPIPE instead of dying from SIGPIPE",
                                 ko: "닫힌 상대에게 sendAll하면 SIGPIPE로 죽지 않고 EPIPE를 던진다")) {
            let client = try L06.setup(Text("make a connection its peer has reset", ko: "상대가 리셋한 연결 만들기")) {
                try resetByPeer()
            }
            defer { close(client) }
            // In a child of its own, with SIGPIPE's default action (which ends the process).
            let attempt = try L06.setup(Text("start the attempt", ko: "시도 시작")) {
                try Peer { report in
                    signal(SIGPIPE, SIG_DFL)
                    do {
                        try sendAll(client, Array("again".utf8))
                        report("returned")
                    } catch NetError.system(_, let code) {
                        report("errno \(code)")
                    } catch {
                        report("threw \(error)")
                    }
                }
            }
            let (lines, endedBy) = attempt.outcome(timeout: 2)
            let call = "sendAll(fd, \"again\")"
            try expect(endedBy != SIGPIPE, Text(
                "\(call), to a peer that had closed and reset the connection, killed the program with SIGPIPE. "
                    + "Pass MSG_NOSIGNAL as send's flags: then send returns -1 with EPIPE instead.",
                ko: "연결을 닫고 리셋한 상대에게 \(call)을 하자 SIGPIPE로 프로그램이 죽었습니다. send의 플래그로 "
                    + "MSG_NOSIGNAL을 넘기세요. 그러면 send가 대신 -1과 EPIPE를 돌려줍니다."))
            let outcome = lines.first ?? "nothing"
            try expect(outcome == "errno \(EPIPE)" || outcome == "errno \(ECONNRESET)", Text(
                "\(call), to a peer that had closed and reset the connection: "
                    + L06.sendStory(outcome).en + ", expected NetError.system(call: \"send\", code: EPIPE).",
                ko: "연결을 닫고 리셋한 상대에게 \(call): " + L06.sendStory(outcome).ko
                    + ". 기대값은 NetError.system(call: \"send\", code: EPIPE)입니다."))
        },

        Check("sends-everything", Text("sendAll sends every byte, through partial sends and signals",
                                       ko: "부분 전송과 시그널을 거쳐도 sendAll이 모든 바이트를 보낸다")) {
            let (client, server) = try L06.pair()
            defer { close(client) }
            let total = 2 * 1024 * 1024
            // A small send buffer, so the sender waits on the reader and signals arrive mid-send.
            try L06.setup(Text("shrink the send buffer", ko: "보내기 버퍼 줄이기")) {
                try setIntOption(client, level: SOL_SOCKET, name: SO_SNDBUF, 16 * 1024, label: "SO_SNDBUF")
            }
            // A slow reader: the sender's buffer fills, and a signal then cuts a send short.
            let reader = try L06.setup(Text("start a reader", ko: "읽는 쪽 시작")) {
                try Peer { report in
                    var count = 0, mismatch = -1
                    var buffer = [UInt8](repeating: 0, count: 8192)
                    while true {
                        let n = read(server, &buffer, buffer.count)
                        if n < 0 && errno == EINTR { continue }
                        if n <= 0 { break }
                        for i in 0..<n where mismatch < 0 && buffer[i] != L06.pattern(count + i) { mismatch = count + i }
                        count += n
                        usleep(1000)
                    }
                    report("\(count) \(mismatch)")
                }
            }
            close(server)
            let bytes = (0..<total).map(L06.pattern)
            let (result, _) = L06.withInterruptions(every: 0.005) {
                L06.timed { try sendAll(client, bytes) }
            }
            shutdown(client, Int32(SHUT_WR))
            if case .failure(let error) = result {
                throw Failure(Text(
                    "sendAll(fd, \(total) bytes) threw \(error) while a SIGALRM handler ran every 5 ms. A send "
                        + "interrupted before it sent anything fails with EINTR: send again.",
                    ko: "SIGALRM 처리기가 5ms마다 실행되는 동안 sendAll(fd, \(total)바이트)가 오류를 던졌습니다: \(error). "
                        + "아무것도 보내기 전에 끊긴 send는 EINTR로 실패하니 다시 보내세요."))
            }
            let report = reader.lines(timeout: 4).first?.split(separator: " ").compactMap { Int($0) } ?? []
            guard report.count == 2 else {
                throw NotRun(Text("The reader did not report.", ko: "읽는 쪽이 결과를 알리지 않았습니다."))
            }
            try expect(report[0] == total && report[1] < 0, Text(
                "sendAll(fd, \(total) bytes) returned, and the reader received \(report[0]) bytes"
                    + (report[1] >= 0 ? ", differing from what was sent at byte \(report[1])" : "")
                    + ". send returns how many bytes it took, which may be fewer than you gave it (here a signal "
                    + "cut it short): send the rest, from that offset.",
                ko: "sendAll(fd, \(total)바이트)가 끝났고, 읽는 쪽이 \(report[0])바이트를 받았습니다"
                    + (report[1] >= 0 ? "(\(report[1])번째 바이트부터 보낸 것과 다름)" : "")
                    + ". send는 가져간 바이트 수를 돌려주는데, 준 것보다 적을 수 있습니다(여기서는 시그널이 중간에 "
                    + "끊었습니다). 그 위치부터 나머지를 보내세요."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L06 {
        /// On the lab's LAN: an address no host has, and one in a network R has no route to.
        static let nobody = "10.77.0.99", noRoute = "10.77.9.9"

        /// Runs `body` for the check's own set-up; its failure is the machine's, not the learner's.
        @discardableResult
        static func setup<T>(_ what: Text, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch {
                throw NotRun(Text("Could not \(what.en): \(error).", ko: "준비 단계 실패(\(what.ko)): \(error)."))
            }
        }

        static func pair() throws -> (client: Int32, server: Int32) {
            try setup(Text("make a TCP connection", ko: "TCP 연결 만들기")) { try tcpPair() }
        }

        /// Runs the learner's call and measures how long it took.
        static func timed<T>(_ body: () throws -> T) -> (Result<T, Error>, Double) {
            let start = monotonicSeconds()
            let result = Result { try body() }
            return (result, monotonicSeconds() - start)
        }

        /// The same, with an alarm 2.5 s on: a call that blocks for ever is interrupted (EINTR),
        /// so the check can say so instead of running out of time.
        static func timedWithAlarm<T>(_ body: () throws -> T) -> (Result<T, Error>, Double) {
            installHandler()
            var timer = itimerval(it_interval: timeval(), it_value: timeval(tv_sec: 2, tv_usec: 500_000))
            setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
            defer {
                var off = itimerval()
                setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &off, nil)
            }
            return timed(body)
        }

        /// Runs `body` while a SIGALRM handler (without SA_RESTART) runs every `seconds`.
        static func withInterruptions<T>(every seconds: Double, _ body: () -> T) -> T {
            installHandler()
            let step = timeval(tv_sec: 0, tv_usec: Int(seconds * 1e6))
            var timer = itimerval(it_interval: step, it_value: step)
            setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
            defer {
                var off = itimerval()
                setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &off, nil)
            }
            return body()
        }

        /// A SIGALRM handler that does nothing, installed without SA_RESTART: a blocking call
        /// it interrupts returns EINTR (or, for a send that moved some bytes, a short count).
        static func installHandler() {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { _ in }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(SIGALRM, &action, nil)
        }

        static func bytes(_ result: Result<[UInt8], Error>, _ call: String) throws -> [UInt8] {
            do {
                return try result.get()
            } catch {
                throw Failure(Text("\(call) threw \(error), expected it to return the bytes.",
                                   ko: "\(call)이 오류를 던졌습니다: \(error). 바이트를 돌려줘야 합니다."))
            }
        }

        /// `result` is the error `expected` (for .system, the same errno), thrown after a time in `window`.
        static func expectError<T>(_ result: Result<T, Error>, _ call: String, _ expected: NetError, elapsed: Double,
                                   within window: ClosedRange<Double>, _ story: Text) throws {
            let matches: Bool
            switch (result, expected) {
            case (.failure(NetError.system(_, let code)), .system(_, let wanted)): matches = code == wanted
            case (.failure(let error as NetError), _): matches = error == expected
            default: matches = false
            }
            let wanted = show(expected)
            var hint = Text("", ko: "")
            if case .failure(NetError.system(let name, EINTR)) = result, elapsed >= 2.4 {
                hint = Text(" It waited 2.5 s, until the check's alarm interrupted \(name): a blocking call waits as "
                                + "long as the kernel does. Wait with poll and a time limit.",
                            ko: " 검사의 알람이 \(name)을(를) 끊을 때까지 2.5초를 기다렸습니다. 블로킹 호출은 커널이 "
                                + "기다리는 만큼 기다립니다. 시간 제한을 건 poll로 기다리세요.")
            }
            try expect(matches, Text(
                "\(story.en) \(call) " + describe(result).en + " after \(seconds(elapsed)) s, expected it to throw "
                    + "\(wanted)." + hint.en,
                ko: "\(story.ko) \(call)의 결과: " + describe(result).ko + " (\(seconds(elapsed))초 뒤). 기대값은 "
                    + "\(wanted)입니다." + hint.ko))
            try expect(window.contains(elapsed), Text(
                "\(story.en) \(call) threw \(wanted) as it should, but after \(seconds(elapsed)) s; expected "
                    + "between \(seconds(window.lowerBound)) and \(seconds(window.upperBound)) s.",
                ko: "\(story.ko) \(call)이 제대로 \(wanted)을(를) 던졌지만 \(seconds(elapsed))초 뒤였습니다. 기대값은 "
                    + "\(seconds(window.lowerBound))~\(seconds(window.upperBound))초입니다."))
        }

        static func describe<T>(_ result: Result<T, Error>) -> Text {
            switch result {
            case .success(let value):
                return Text("returned \(value)", ko: "오류 없이 \(value) 값을 돌려줌")
            case .failure(let error as NetError):
                return Text("threw \(show(error))", ko: "\(show(error)) 오류")
            case .failure(let error):
                return Text("threw \(error), not a NetError", ko: "NetError가 아닌 오류 \(error)")
            }
        }

        static func show(_ error: NetError) -> String {
            switch error {
            case .timedOut(let received): return ".timedOut(received: \(received))"
            case .closed(let received): return ".closed(received: \(received))"
            case .system(let call, let code): return ".system(call: \"\(call)\", code: \(errnoName(code)))"
            }
        }

        static func errnoName(_ code: Int32) -> String {
            let names: [Int32: String] = [EINTR: "EINTR", EAGAIN: "EAGAIN", EPIPE: "EPIPE", ECONNRESET: "ECONNRESET",
                                          ECONNREFUSED: "ECONNREFUSED", ETIMEDOUT: "ETIMEDOUT", EINPROGRESS: "EINPROGRESS",
                                          EHOSTUNREACH: "EHOSTUNREACH", ENOTCONN: "ENOTCONN", EBADF: "EBADF",
                                          EINVAL: "EINVAL", EALREADY: "EALREADY"]
            return names[code] ?? "\(code)"
        }

        static func seconds(_ value: Double) -> String { secondsText(value) }

        static func show(_ bytes: [UInt8]) -> String {
            bytes.isEmpty ? "nothing" : "\"" + String(decoding: bytes, as: UTF8.self) + "\""
        }

        static func pattern(_ index: Int) -> UInt8 {
            UInt8(truncatingIfNeeded: index &* 31 &+ index >> 8)
        }

        static func sendStory(_ outcome: String) -> Text {
            switch outcome {
            case "returned": return Text("it returned normally", ko: "오류 없이 끝남")
            case "nothing": return Text("it ended without a word", ko: "아무 말 없이 끝남")
            default:
                if outcome.hasPrefix("errno "), let code = Int32(outcome.dropFirst(6)) {
                    return Text("it threw .system with \(errnoName(code))", ko: "\(errnoName(code)) 값의 .system 오류")
                }
                return Text("it \(outcome)", ko: "결과: \(outcome)")
            }
        }

        /// A way for the check's end of a connection to reset it, and what the learner is told.
        struct Reset {
            let reset: (_ client: Int32, _ server: Int32) throws -> Void
            let story: Text
        }

        static let lingerReset = Reset(reset: { _, server in
            var option = linger(l_onoff: 1, l_linger: 0)
            guard setsockopt(server, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size)) == 0 else {
                throw OSError(call: "setsockopt(SO_LINGER)", code: errno)
            }
            close(server)
        }, story: Text("The peer set SO_LINGER to 0 and closed: that sends a reset (RST), not a FIN.",
                       ko: "상대가 SO_LINGER를 0으로 설정하고 닫았습니다. 그러면 FIN이 아니라 리셋(RST)이 갑니다."))

        static let unreadReset = Reset(reset: { client, server in
            try sendAllBytes(client, Array("never read".utf8))
            // The bytes are in the peer's receive queue once its socket is readable.
            guard waitReadable(server, timeout: 1) else { throw OSError(call: "poll", code: ETIMEDOUT) }
            close(server)
            var entry = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            _ = poll(&entry, 1, 1000)
        }, story: Text("The peer closed with bytes from us it had never read: the kernel answers that with a reset "
                           + "(RST).",
                       ko: "상대가 우리가 보낸 바이트를 읽지 않은 채 닫았습니다. 커널은 이럴 때 리셋(RST)을 보냅니다."))

        /// A TCP socket bound to a free loopback port that does not listen.
        static func boundSocket() throws -> (fd: Int32, port: UInt16) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw OSError(call: "socket", code: errno) }
            var address = try socketAddress(loopback, 0)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, let port = boundAddress(fd)?.port else {
                let code = errno
                close(fd)
                throw OSError(call: "bind", code: code)
            }
            return (fd, port)
        }

        /// A listener whose accept queue is full (backlog 0, one connection waiting that nobody
        /// accepts): Linux drops every further SYN, so a connect to it gets no answer at all.
        final class SilentServer {
            let fd: Int32
            let filler: Int32
            let port: UInt16

            init() throws {
                let listener = try L06.boundSocket()
                guard listen(listener.fd, 0) == 0 else {
                    let code = errno
                    close(listener.fd)
                    throw OSError(call: "listen", code: code)
                }
                (fd, port) = listener
                do {
                    filler = try tcpConnect(to: Endpoint(host: loopback, port: port))
                } catch {
                    close(fd)
                    throw error
                }
                // The filler's handshake is complete once the server side shows as established.
                var states: [String] = []
                for _ in 0..<100 where !states.contains("01") {
                    states = tcpStates(localPort: port)
                    if !states.contains("01") { usleep(5_000) }
                }
            }

            deinit {
                close(filler)
                close(fd)
            }
        }

        static func peerEndpoint(_ fd: Int32) -> Endpoint? {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let status = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
            }
            return status == 0 ? endpoint(storage) : nil
        }
    }
}
