// Lesson 08, broadcast: the checks `learn check` runs against the learner's file. Every
// check that sends runs on host A of the lab's LAN (lessons/course.txt: lab=lan), and is
// reported not run anywhere else: a broadcast must never reach a real network.
import Glibc

extension Harness {
    /// Parts that run on B, R and C of the lab.
    static let roles: [Role] = [
        /// Prints "ready", then "got SENDER TEXT" for every datagram to PORT until "end".
        Role("listen") { arguments in
            let socket = try UDPSocket(bindTo: "0.0.0.0", port: UInt16(arguments[0])!)
            print("ready")
            fflush(stdout)
            while let datagram = socket.receive(timeout: 4) {
                print("got \(datagram.sender) \(datagram.text)")
                fflush(stdout)
                if datagram.text == "end" { return }
            }
        },
        /// Prints "ready"; answers every datagram to PORT (but "end") with TIMES datagrams
        /// "here", after DELAY milliseconds, printing "heard SENDER TEXT"; stops at "end".
        Role("respond") { arguments in
            let socket = try UDPSocket(bindTo: "0.0.0.0", port: UInt16(arguments[0])!)
            let delay = UInt32(arguments[1])!, times = Int(arguments[2])!
            print("ready")
            fflush(stdout)
            while let datagram = socket.receive(timeout: 4) {
                print(datagram.text == "end" ? "end" : "heard \(datagram.sender) \(datagram.text)")
                fflush(stdout)
                if datagram.text == "end" { return }
                usleep(delay * 1000)
                for _ in 0..<times { try socket.send("here", to: datagram.sender, port: datagram.senderPort) }
            }
        },
    ]

    static let checks: [Check] = [
        Check("broadcast-address", Text("broadcastAddress sets every host bit of the subnet",
                                        ko: "broadcastAddress가 서브넷의 호스트 비트를 모두 1로 만든다")) {
            let cases: [(String, Int, String)] = [
                ("10.77.0.1", 24, "10.77.0.255"), ("192.168.1.77", 24, "192.168.1.255"),
                ("192.168.0.100", 25, "192.168.0.127"), ("192.168.0.130", 25, "192.168.0.255"),
                ("172.16.5.4", 12, "172.31.255.255"), ("10.1.2.3", 8, "10.255.255.255"),
                ("10.77.0.1", 32, "10.77.0.1"), ("10.77.0.1", 0, "255.255.255.255"),
            ]
            for (address, prefix, expected) in cases {
                let got = broadcastAddress(of: address, prefix: prefix)
                try expect(got == expected, Text(
                    "broadcastAddress(of: \"\(address)\", prefix: \(prefix)) returned \(L08.show(got)), expected "
                        + "\"\(expected)\": the first \(prefix) bits of the address, then every bit set to 1."
                        + L08.hint(prefix, got).en,
                    ko: "broadcastAddress(of: \"\(address)\", prefix: \(prefix))의 결과는 \(L08.show(got))입니다. 기대값은 "
                        + "\"\(expected)\"입니다. 주소의 앞 \(prefix)비트는 그대로, 나머지 비트는 모두 1입니다."
                        + L08.hint(prefix, got).ko))
            }
            for (address, prefix) in [("10.77.0", 24), ("10.77.0.1", 33), ("10.77.0.1", -1), ("", 24)] {
                let got = broadcastAddress(of: address, prefix: prefix)
                try expect(got == nil, Text(
                    "broadcastAddress(of: \"\(address)\", prefix: \(prefix)) returned \(L08.show(got)), expected nil: "
                        + "an IPv4 address has four parts, and a prefix is 0...32.",
                    ko: "broadcastAddress(of: \"\(address)\", prefix: \(prefix))의 결과는 \(L08.show(got))입니다. 기대값은 "
                        + "nil입니다. IPv4 주소는 네 부분이고, 프리픽스는 0~32입니다."))
            }
        },

        Check("needs-so-broadcast", Text("Without SO_BROADCAST the send fails with EACCES, and the error comes out",
                                         ko: "SO_BROADCAST가 없으면 EACCES로 실패하고, 그 오류를 알린다")) {
            let network = try lab()
            let a = try network.host("A").interface
            let port = randomPort()
            let b = try L08.start("listen", on: "B", in: network, [String(port)])
            let socket = try L08.setup(Text("open a socket on \(a.ipv4)", ko: "\(a.ipv4)에 소켓 열기")) {
                try UDPSocket(bindTo: a.ipv4)
            }
            // First the function must send at all: a unicast datagram to B.
            try learnerCall("sendMessage(\"to B\", on: fd, to: \"\(L08.b)\", port: \(port))") {
                try sendMessage("to B", on: socket.fd, to: L08.b, port: port)
            }
            var threw: Error?
            do {
                try sendMessage("refused", on: socket.fd, to: L08.subnet, port: port)
            } catch {
                threw = error
            }
            try L08.setup(Text("send the end marker to B", ko: "B에 끝 표시 보내기")) {
                try socket.send("end", to: L08.b, port: port)
            }
            let heard = L08.heard(b)
            let call = "sendMessage(\"refused\", on: fd, to: \"\(L08.subnet)\", port: \(port))"
            try expect(heard.first == "\(a.ipv4) to B", Text(
                "sendMessage(\"to B\", on: fd, to: \"\(L08.b)\", ...), a plain unicast send, did not reach B (B heard "
                    + "\(L08.show(heard))).",
                ko: "평범한 유니캐스트인 sendMessage(\"to B\", on: fd, to: \"\(L08.b)\", ...)이 B에 닿지 않았습니다(B가 "
                    + "들은 것: \(L08.show(heard)))."))
            guard let threw else {
                throw Failure(Text(
                    "\(call), on a socket without SO_BROADCAST, returned normally. sendto fails there with EACCES: "
                        + "check its result and throw.",
                    ko: "SO_BROADCAST 없는 소켓에서 \(call)이 오류 없이 끝났습니다. 그 경우 sendto는 EACCES로 실패합니다. "
                        + "결과를 확인하고 오류를 던지세요."))
            }
            guard case BroadcastError.system(_, let code) = threw, code == EACCES else {
                throw Failure(Text(
                    "\(call), on a socket without SO_BROADCAST, threw \(threw), expected BroadcastError.system with "
                        + "EACCES, the errno sendto left.",
                    ko: "SO_BROADCAST 없는 소켓에서 \(call)이 던진 오류: \(threw). 기대값은 sendto가 남긴 errno인 EACCES를 "
                        + "담은 BroadcastError.system입니다."))
            }
            try expect(heard.count == 2, Text(
                "B heard \(L08.show(heard)): only \"to B\" and the end marker were expected.",
                ko: "B가 들은 것: \(L08.show(heard)). \"to B\"와 끝 표시만 와야 합니다."))
        },

        Check("reaches-the-lan", Text("With SO_BROADCAST, both broadcasts reach B and R, and never C",
                                      ko: "SO_BROADCAST를 켜면 두 브로드캐스트가 B와 R에 닿고 C에는 닿지 않는다")) {
            let network = try lab()
            let a = try network.host("A").interface
            let port = randomPort()
            var listeners: [(String, String, Program)] = []
            for (name, address) in [("B", L08.b), ("R", L08.r), ("C", L08.c)] {
                listeners.append((name, address, try L08.start("listen", on: name, in: network, [String(port)])))
            }
            let socket = try L08.setup(Text("open a socket on \(a.ipv4)", ko: "\(a.ipv4)에 소켓 열기")) {
                try UDPSocket(bindTo: a.ipv4)
            }
            try learnerCall("enableBroadcast(fd)") { try enableBroadcast(socket.fd) }
            let on = (try? intOption(socket.fd, level: SOL_SOCKET, name: SO_BROADCAST)) ?? 0
            try expect(on == 1, Text(
                "After enableBroadcast(fd), SO_BROADCAST is \(on), expected 1 (setsockopt at level SOL_SOCKET).",
                ko: "enableBroadcast(fd) 다음 SO_BROADCAST가 \(on)입니다. 기대값은 1입니다(SOL_SOCKET 수준의 setsockopt)."))
            for target in [L08.subnet, L08.limited] {
                try learnerCall("sendMessage(\"to \(target)\", on: fd, to: \"\(target)\", port: \(port))") {
                    try sendMessage("to \(target)", on: socket.fd, to: target, port: port)
                }
            }
            // The end marker by unicast: routed through R to C, so C has heard everything A sent
            // its way by the time it reads it.
            for (_, address, _) in listeners {
                try L08.setup(Text("send the end marker", ko: "끝 표시 보내기")) { try socket.send("end", to: address, port: port) }
            }
            for (name, _, program) in listeners {
                let heard = L08.heard(program)
                let expected = name == "C" ? [] : ["\(a.ipv4) to \(L08.subnet)", "\(a.ipv4) to \(L08.limited)"]
                try expect(heard.dropLast() == expected[...] && heard.last == "\(a.ipv4) end", Text(
                    "\(name) heard \(L08.show(heard)); expected \(L08.show(expected + ["\(a.ipv4) end"])). "
                        + (name == "C" ? "C is behind the router R, and no router forwards a broadcast."
                            : "\(name) is on A's LAN: every host there receives a broadcast."),
                    ko: "\(name)이(가) 들은 것: \(L08.show(heard)). 기대값은 \(L08.show(expected + ["\(a.ipv4) end"]))입니다. "
                        + (name == "C" ? "C는 라우터 R 뒤에 있고, 어떤 라우터도 브로드캐스트를 넘기지 않습니다."
                            : "\(name)은(는) A와 같은 LAN에 있고, 거기서는 모든 호스트가 브로드캐스트를 받습니다.")))
            }
        },

        Check("discover", Text("discover finds B and R on the LAN, and not C",
                               ko: "discover가 LAN의 B와 R을 찾고 C는 찾지 않는다")) {
            let network = try lab()
            let a = try network.host("A").interface
            let port = randomPort()
            // B answers at once and twice; R only after 200 ms; C would answer, if it heard.
            let responders = [("B", L08.b, "0", "2"), ("R", L08.r, "200", "1"), ("C", L08.c, "0", "1")]
            var programs: [(String, String, Program)] = []
            for (name, address, delay, times) in responders {
                programs.append((name, address, try L08.start("respond", on: name, in: network, [String(port), delay, times])))
            }
            let call = "discover(probe: \"who is there?\", port: \(port), interface: \"\(a.ipv4)\", prefix: 24, timeout: 0.6)"
            let start = monotonicSeconds()
            let found = try learnerCall(call) {
                try discover(probe: "who is there?", port: port, interface: a.ipv4, prefix: 24, timeout: 0.6)
            }
            let elapsed = monotonicSeconds() - start
            let marker = try L08.setup(Text("open a socket on \(a.ipv4)", ko: "\(a.ipv4)에 소켓 열기")) {
                try UDPSocket(bindTo: a.ipv4)
            }
            var heard: [String: [String]] = [:]
            for (name, address, program) in programs {
                try L08.setup(Text("send the end marker", ko: "끝 표시 보내기")) { try marker.send("end", to: address, port: port) }
                heard[name] = L08.heard(program, prefix: "heard ")
            }
            for name in ["B", "R"] {
                try expect(heard[name] == ["\(a.ipv4) who is there?"], Text(
                    "\(name) heard \(L08.show(heard[name] ?? [])); expected the probe \"who is there?\" once, from "
                        + "\(a.ipv4) (the socket bound to the interface address), sent to \(L08.subnet).",
                    ko: "\(name)이(가) 들은 것: \(L08.show(heard[name] ?? [])). 기대값은 \(a.ipv4)(인터페이스 주소에 bind한 "
                        + "소켓)에서 \(L08.subnet)(으)로 보낸 \"who is there?\" 한 번입니다."))
            }
            try expect(heard["C"] == [], Text("C, behind the router, heard \(L08.show(heard["C"] ?? [])).",
                                            ko: "라우터 뒤의 C가 들은 것: \(L08.show(heard["C"] ?? []))."))
            let expected = [L08.b, L08.r]
            var why = Text("", ko: "")
            if found == [L08.b] {
                why = Text(" R answers only after 200 ms: keep collecting until the timeout, not just the first answer.",
                           ko: " R은 200ms 뒤에야 답합니다. 첫 답에서 멈추지 말고 시간 제한까지 계속 모으세요.")
            } else if Set(found) == Set(expected) && found.count == expected.count {
                why = Text(" The same addresses, in another order: return them in numeric order.",
                           ko: " 주소는 맞지만 순서가 다릅니다. 숫자 순서로 돌려주세요.")
            } else if found.count > Set(found).count {
                why = Text(" B answers twice: list each address once.", ko: " B는 두 번 답합니다. 주소마다 한 번만 넣으세요.")
            }
            try expect(found == expected, Text(
                "\(call) returned \(L08.show(found)), expected \(L08.show(expected))." + why.en,
                ko: "\(call)의 결과는 \(L08.show(found))입니다. 기대값은 \(L08.show(expected))입니다." + why.ko))
            try expect((0.55...1.5).contains(elapsed), Text(
                "\(call) took \(Int(elapsed * 1000)) ms; expected it to collect answers for its whole timeout, 600 ms.",
                ko: "\(call)이 \(Int(elapsed * 1000))ms 걸렸습니다. 시간 제한 600ms 동안 내내 답을 모아야 합니다."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L08 {
        static let subnet = "10.77.0.255", limited = "255.255.255.255"
        static let b = "10.77.0.2", r = "10.77.0.254", c = "10.77.1.2"

        /// Runs `body` for the check's own set-up; its failure is the machine's, not the learner's.
        @discardableResult
        static func setup<T>(_ what: Text, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch {
                throw NotRun(Text("Could not \(what.en): \(error).", ko: "준비 단계 실패(\(what.ko)): \(error)."))
            }
        }

        /// Starts a role on a lab host and waits for its "ready".
        static func start(_ role: String, on host: String, in network: Lab, _ arguments: [String]) throws -> Program {
            let program = try setup(Text("start \(role) on \(host)", ko: "\(host)에서 \(role) 시작")) {
                try network.start(role: role, on: host, arguments)
            }
            guard program.readLine(timeout: 3) == "ready" else {
                let result = try? program.finish(timeLimit: 1)
                throw NotRun(Text("The \(role) role on \(host) did not start: \(result?.errorText ?? "")",
                                  ko: "\(host)의 \(role) 역할이 시작하지 못했습니다: \(result?.errorText ?? "")"))
            }
            return program
        }

        /// What a listener (or responder) reported, up to its end marker: "SENDER TEXT" each.
        static func heard(_ program: Program, prefix: String = "got ") -> [String] {
            var lines: [String] = []
            while let line = program.readLine(timeout: 3) {
                if line == "end" { break }
                guard line.hasPrefix(prefix) else { continue }
                lines.append(String(line.dropFirst(prefix.count)))
                if line.hasSuffix(" end") { break }
            }
            return lines
        }

        static func show(_ value: String?) -> String {
            value.map { "\"\($0)\"" } ?? "nil"
        }

        static func show(_ values: [String]) -> String {
            "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }

        static func hint(_ prefix: Int, _ got: String?) -> Text {
            if prefix == 32 && got == "255.255.255.255" {
                return Text(" With /32 there is no host bit. `&>>` masks the shift amount (x &>> 32 is x); Swift's "
                                + "`>>` shifts a UInt32 by 32 to 0, as wanted here.",
                            ko: " /32에는 호스트 비트가 없습니다. `&>>`는 미는 양을 잘라 냅니다(x &>> 32는 x). Swift의 "
                                + "`>>`는 UInt32를 32만큼 밀면 0이 되니, 여기에 맞습니다.")
            }
            if prefix == 0 && got != "255.255.255.255" {
                return Text(" With /0 every bit is a host bit.", ko: " /0이면 모든 비트가 호스트 비트입니다.")
            }
            return Text("", ko: "")
        }
    }
}
