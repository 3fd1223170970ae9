// Lesson 11, TTL: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    /// Runs on host B of the router lab: joins the group on B's interface, says "ready", then
    /// prints "got TTL TEXT" for every datagram until the one whose text is "end".
    static let roles: [Role] = [
        Role("member") { arguments in
            let (group, port, interface) = (arguments[0], UInt16(arguments[1])!, arguments[2])
            let receiver = try UDPSocket(port: port)
            try receiver.join(group, interface: interface)
            try receiver.setReceiveTTL(true)
            print("ready")
            fflush(stdout)
            while let datagram = receiver.receive(timeout: 3) {
                print("got \(datagram.ttl ?? -1) \(datagram.text)")
                fflush(stdout)
                if datagram.text == "end" { return }
            }
            print("timeout")
        },
    ]

    static let checks: [Check] = [
        Check("scope-boundaries", Text("scope(ofTTL:) knows the edges of every scope",
                                       ko: "scope(ofTTL:)가 범위마다 경계를 안다")) {
            let cases: [(Int, TTLScope)] = [
                (0, .host), (1, .subnet), (2, .site), (32, .site), (33, .region), (64, .region),
                (65, .continent), (128, .continent), (129, .unrestricted), (255, .unrestricted),
            ]
            for (ttl, expected) in cases {
                let got = scope(ofTTL: ttl)
                try expect(got == expected, Text(
                    "scope(ofTTL: \(ttl)) returned \(L11.show(got)), expected .\(expected). "
                        + L11.table.en + L11.sourceHint(ttl, got).en,
                    ko: "scope(ofTTL: \(ttl))의 결과는 \(L11.show(got))입니다. 기대값은 .\(expected)입니다. "
                        + L11.table.ko + L11.sourceHint(ttl, got).ko))
            }
        },

        Check("scope-outside", Text("scope(ofTTL:) gives nil outside 0...255",
                                    ko: "scope(ofTTL:)는 0~255 밖에서 nil을 돌려준다")) {
            let control = scope(ofTTL: 0)
            try expect(control == .host, Text(
                "scope(ofTTL: 0) returned \(L11.show(control)), expected .host. (This check needs the "
                    + "scopes right before it can test what lies outside them.)",
                ko: "scope(ofTTL: 0)의 결과는 \(L11.show(control))입니다. 기대값은 .host입니다. (범위 밖을 "
                    + "시험하려면 먼저 범위 안을 제대로 판별해야 합니다.)"))
            for ttl in [-1, 256, 1000, Int.min, Int.max] {
                let got = scope(ofTTL: ttl)
                try expect(got == nil, Text(
                    "scope(ofTTL: \(ttl)) returned \(L11.show(got)), expected nil. A TTL is one byte of "
                        + "the IP header: 0...255, and nothing else is a TTL.",
                    ko: "scope(ofTTL: \(ttl))의 결과는 \(L11.show(got))입니다. 기대값은 nil입니다. TTL은 "
                        + "IP 헤더의 한 바이트라서 0~255뿐이고, 그 밖의 값은 TTL이 아닙니다."))
            }
        },

        Check("set-ttl", Text("setMulticastTTL sets IP_MULTICAST_TTL",
                              ko: "setMulticastTTL이 IP_MULTICAST_TTL을 설정한다")) {
            let socket = try L11.socket()
            for ttl in [7, 0, 255, 1, 64, Int.random(in: 2...254)] {
                try L11.set(socket.fd, ttl)
                let got = try L11.kernelTTL(socket.fd)
                try expect(got == ttl, Text(
                    "After setMulticastTTL(fd, \(ttl)) the kernel's IP_MULTICAST_TTL is \(got), expected "
                        + "\(ttl). Use setsockopt at level IPPROTO_IP with IP_MULTICAST_TTL (not IP_TTL, "
                        + "which is for unicast), and pass the value itself, as an Int32.",
                    ko: "setMulticastTTL(fd, \(ttl)) 다음 커널의 IP_MULTICAST_TTL이 \(got)입니다. 기대값은 "
                        + "\(ttl)입니다. IPPROTO_IP 레벨의 IP_MULTICAST_TTL로(유니캐스트용인 IP_TTL이 아니라) "
                        + "값 그대로를 Int32로 넘겨 setsockopt하세요."))
            }
        },

        Check("read-ttl", Text("multicastTTL reads the TTL back, 1 by default",
                               ko: "multicastTTL이 TTL을 읽어 온다(기본값 1)")) {
            let socket = try L11.socket()
            let fresh = try L11.read(socket.fd)
            try expect(fresh == 1, Text(
                "multicastTTL(fd) on a new socket returned \(fresh), expected 1: the default multicast "
                    + "TTL (RFC 1112). Read IP_MULTICAST_TTL with getsockopt, into an Int32.",
                ko: "새 소켓에서 multicastTTL(fd)의 결과는 \(fresh)입니다. 기대값은 기본 멀티캐스트 TTL인 1"
                    + "(RFC 1112)입니다. getsockopt로 IP_MULTICAST_TTL을 Int32에 읽으세요."))
            for ttl in [200, 0, 33, Int.random(in: 2...254)] {
                try L11.setup(Text("set IP_MULTICAST_TTL to \(ttl)", ko: "IP_MULTICAST_TTL을 \(ttl) 값으로 설정")) {
                    try socket.setMulticastTTL(Int32(ttl))
                }
                let got = try L11.read(socket.fd)
                try expect(got == ttl, Text(
                    "The check set IP_MULTICAST_TTL to \(ttl) with setsockopt; multicastTTL(fd) returned "
                        + "\(got). Ask the kernel each time (getsockopt); do not remember a value yourself.",
                    ko: "검사 코드가 setsockopt로 IP_MULTICAST_TTL을 \(ttl) 값으로 설정했는데 multicastTTL(fd)의 결과는 "
                        + "\(got)입니다. 값을 따로 기억하지 말고 매번 커널에 물어보세요(getsockopt)."))
            }
        },

        Check("arrives-with-ttl", Text("A datagram sent after setMulticastTTL(fd, 7) arrives with TTL 7",
                                       ko: "setMulticastTTL(fd, 7) 다음에 보낸 데이터그램이 TTL 7로 도착한다")) {
            let group = randomGroup()
            let receiver = try L11.setup(Text("open a member on \(loopback)", ko: "\(loopback)에 멤버 소켓 열기")) {
                let socket = try UDPSocket.receiver()
                try socket.join(group, interface: loopback)
                try socket.setReceiveTTL(true)
                return socket
            }
            let sender = try L11.socket()
            for ttl in [7, 0] {
                try L11.set(sender.fd, ttl)
                try L11.setup(Text("send to the group", ko: "그룹으로 보내기")) {
                    try sender.send("ttl \(ttl)", to: group, port: receiver.port)
                }
                let arrived = receiver.drain()
                guard arrived.count == 1, let got = arrived[0].ttl else {
                    throw NotRun(Text("A datagram sent to \(group) on \(loopback) did not arrive with its TTL "
                                          + "(\(arrived.count) arrived), so this machine cannot show it.",
                                      ko: "\(loopback)에서 \(group)에 보낸 데이터그램이 TTL과 함께 도착하지 "
                                          + "않아(\(arrived.count)개 도착) 이 컴퓨터에서는 확인할 수 없습니다."))
                }
                try expect(got == ttl, Text(
                    "After setMulticastTTL(fd, \(ttl)) the datagram arrived with TTL \(got), expected \(ttl). "
                        + "On one host nothing decrements it: what arrives is what the sender set."
                        + (got == 1 ? " 1 is the default: the option did not reach the socket." : ""),
                    ko: "setMulticastTTL(fd, \(ttl)) 다음에 보낸 데이터그램의 도착 TTL이 \(got)입니다. 기대값은 "
                        + "\(ttl)입니다. 한 호스트 안에서는 아무도 TTL을 줄이지 않으니, 도착한 값이 곧 보낸 쪽이 "
                        + "설정한 값입니다." + (got == 1 ? " 1은 기본값입니다. 옵션이 소켓에 설정되지 않았습니다." : "")))
            }
        },

        Check("out-of-range-throws", Text("setMulticastTTL throws for -1 and 256 and leaves the TTL alone",
                                          ko: "setMulticastTTL은 -1과 256에 오류를 던지고 TTL을 건드리지 않는다")) {
            let socket = try L11.socket()
            try L11.set(socket.fd, 5)
            for ttl in [-1, 256] {
                var threw = false
                do { try setMulticastTTL(socket.fd, ttl) } catch { threw = true }
                let now = try L11.kernelTTL(socket.fd)
                let kernel = L11.whyChanged(ttl, now)
                try expect(threw, Text(
                    "setMulticastTTL(fd, \(ttl)) returned normally, expected it to throw: a TTL is 0...255."
                        + (now != 5 ? " It also changed the TTL from 5 to \(now)" + kernel.en + "." : ""),
                    ko: "setMulticastTTL(fd, \(ttl))이 오류 없이 끝났습니다. TTL은 0~255이므로 오류를 던져야 "
                        + "합니다." + (now != 5 ? " 게다가 TTL을 5에서 \(now) 값으로 바꿨습니다" + kernel.ko + "." : "")))
                try expect(now == 5, Text(
                    "setMulticastTTL(fd, \(ttl)) threw, but the TTL changed from 5 to \(now) first" + kernel.en
                        + ". Check the range before calling setsockopt.",
                    ko: "setMulticastTTL(fd, \(ttl))이 오류를 던지긴 했지만 그 전에 TTL이 5에서 \(now) 값으로 "
                        + "바뀌었습니다" + kernel.ko + ". setsockopt를 부르기 전에 범위부터 확인하세요."))
            }
        },

        Check("router", Text("Across the router lab, TTL 1 stays on A's subnet and TTL 2 reaches B",
                             ko: "라우터 랩에서 TTL 1은 A의 서브넷에 머물고 TTL 2는 B에 닿는다")) {
            let network = try lab()
            let a = try network.host("A").interface, b = try network.host("B").interface
            let group = randomGroup(), port = randomPort()
            let member = try L11.setup(Text("start a member on B", ko: "B에서 멤버 시작")) {
                try network.start(role: "member", on: "B", [group, String(port), b.ipv4])
            }
            guard member.readLine(timeout: 3) == "ready" else {
                let result = try? member.finish(timeLimit: 1)
                throw NotRun(Text("The member on B did not start: \(result?.errorText ?? "")",
                                  ko: "B의 멤버가 시작하지 못했습니다: \(result?.errorText ?? "")"))
            }
            let sender = try L11.setup(Text("open a sender on \(a.ipv4)", ko: "\(a.ipv4)에 보내는 소켓 열기")) {
                let socket = try UDPSocket(bindTo: a.ipv4)
                try socket.setMulticastInterface(a.ipv4)
                return socket
            }
            for (ttl, text) in [(1, "ttl 1"), (2, "end")] {
                try L11.set(sender.fd, ttl)
                let now = try L11.kernelTTL(sender.fd)
                try expect(now == ttl, Text("After setMulticastTTL(fd, \(ttl)) the socket's TTL is \(now).",
                                            ko: "setMulticastTTL(fd, \(ttl)) 다음 소켓의 TTL이 \(now)입니다."))
                try L11.setup(Text("send from A", ko: "A에서 보내기")) {
                    try sender.send(text, to: group, port: port)
                }
            }
            var heard: [String] = []
            while let line = member.readLine(timeout: 3), line.hasPrefix("got ") {
                heard.append(String(line.dropFirst(4)))
                if line.hasSuffix(" end") { break }
            }
            let shown = heard.isEmpty ? "nothing" : heard.map { "\"\($0)\"" }.joined(separator: ", ")
            guard heard.contains(where: { $0.hasSuffix(" end") }) else {
                throw NotRun(Text("B heard \(shown): the TTL 2 datagram (its TTL read back as 2) did not "
                                      + "cross the router, so the lab is not forwarding.",
                                  ko: "B가 들은 것: \(shown). TTL 2 데이터그램(소켓의 TTL이 2로 확인됨)이 "
                                      + "라우터를 건너지 못했으니 랩이 전달을 하지 않고 있습니다."))
            }
            try expect(heard == ["1 end"], Text(
                "From A, \"ttl 1\" was sent with TTL 1 and \"end\" with TTL 2. B heard (TTL on arrival, "
                    + "text): \(shown); expected only \"1 end\": TTL 1 must not cross R, TTL 2 arrives as 1.",
                ko: "A에서 \"ttl 1\"은 TTL 1로, \"end\"는 TTL 2로 보냈습니다. B가 들은 것(도착 TTL, 내용): "
                    + "\(shown). 기대값은 \"1 end\" 하나뿐입니다. TTL 1은 R을 건너지 못하고, TTL 2는 1이 되어 "
                    + "도착해야 합니다."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L11 {
        static let table = Text(
            "The thresholds: 0 host, 1 subnet, 2-32 site, 33-64 region, 65-128 continent, "
                + "129-255 unrestricted.",
            ko: "경계: 0 호스트, 1 서브넷, 2~32 사이트, 33~64 지역, 65~128 대륙, 129~255 제한 없음.")

        static func sourceHint(_ ttl: Int, _ got: TTLScope?) -> Text {
            if ttl == 0 && got == .subnet {
                return Text(" The chapter says TTL 0 stays \"within the same network\"; by the convention "
                                + "TTL 0 stays on the sending host (RFC 1122 forbids a host to send it at all), so "
                                + "its scope is .host (no router forwards it).",
                            ko: " 원본 강좌는 TTL 0이 \"같은 네트워크 안\"에 머문다고 하지만, 관례로 TTL 0은 "
                                + "보낸 호스트 안에 머물므로(RFC 1122는 호스트가 아예 보내지 못하게 합니다) 범위는 "
                                + ".host입니다(어떤 라우터도 넘기지 않습니다).")
            }
            if ttl == 1 && got != .subnet {
                return Text(" TTL 1 is the default: the local subnet, never forwarded by a router.",
                            ko: " TTL 1은 기본값이며 로컬 서브넷입니다. 라우터는 넘기지 않습니다.")
            }
            return Text("", ko: "")
        }

        /// Why an out-of-range TTL changed the socket's TTL to `now`.
        static func whyChanged(_ ttl: Int, _ now: Int) -> Text {
            switch (ttl, now) {
            case (-1, 1):
                return Text(" (the kernel takes -1 as \"back to the default\" and sets 1, without an error: "
                                + "check the range yourself)",
                            ko: " (커널은 -1을 \"기본값으로 되돌리기\"로 받아 오류 없이 1로 설정합니다. 범위는 "
                                + "직접 확인하세요)")
            case (_, Int(UInt8(truncatingIfNeeded: ttl))):
                return Text(" (\(ttl) converted to one byte is \(now): a conversion that truncates hides the "
                                + "mistake)",
                            ko: " (\(ttl)을 한 바이트로 바꾸면 \(now)입니다. 잘라 내는 변환은 실수를 감춥니다)")
            default:
                return Text("", ko: "")
            }
        }

        static func show(_ value: TTLScope?) -> String {
            value.map { ".\($0)" } ?? "nil"
        }

        /// Runs `body` for the check's own set-up; its failure is the machine's, not the learner's.
        @discardableResult
        static func setup<T>(_ what: Text, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch {
                throw NotRun(Text("Could not \(what.en): \(error).",
                                  ko: "준비 단계 실패(\(what.ko)): \(error)."))
            }
        }

        /// A harness UDP socket that sends through 127.0.0.1.
        static func socket() throws -> UDPSocket {
            try setup(Text("open a socket on \(loopback)", ko: "\(loopback)에 소켓 열기")) {
                let socket = try UDPSocket(bindTo: loopback)
                try socket.setMulticastInterface(loopback)
                return socket
            }
        }

        /// The TTL as the kernel has it (getsockopt), independent of the learner's code.
        static func kernelTTL(_ fd: Int32) throws -> Int {
            Int(try setup(Text("read IP_MULTICAST_TTL", ko: "IP_MULTICAST_TTL 읽기")) {
                try intOption(fd, level: Int32(IPPROTO_IP), name: IP_MULTICAST_TTL, label: "IP_MULTICAST_TTL")
            })
        }

        static func set(_ fd: Int32, _ ttl: Int) throws {
            do {
                try setMulticastTTL(fd, ttl)
            } catch {
                throw Failure(Text(
                    "setMulticastTTL(fd, \(ttl)) threw \(error). \(ttl) is a valid TTL (0...255). "
                        + "If setsockopt failed with EINVAL, pass an Int32 (or one byte) with its real size.",
                    ko: "setMulticastTTL(fd, \(ttl))이 오류를 던졌습니다: \(error). \(ttl)은 올바른 TTL"
                        + "(0~255)입니다. setsockopt가 EINVAL로 실패했다면 Int32(또는 한 바이트)를 실제 크기와 "
                        + "함께 넘기세요."))
            }
        }

        static func read(_ fd: Int32) throws -> Int {
            do {
                return try multicastTTL(fd)
            } catch {
                throw Failure(Text(
                    "multicastTTL(fd) threw \(error). getsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, "
                        + "&value, &length) works with an Int32 value and a variable length that starts "
                        + "as socklen_t(MemoryLayout<Int32>.size).",
                    ko: "multicastTTL(fd)가 오류를 던졌습니다: \(error). Int32 값과, "
                        + "socklen_t(MemoryLayout<Int32>.size)로 시작하는 길이 변수로 "
                        + "getsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &value, &length)를 부르면 됩니다."))
            }
        }
    }
}
