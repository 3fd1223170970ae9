// Lesson 12, loopback: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    /// Runs on host B of the lab: a member of the group on B's eth0 that says "ready",
    /// then prints the first datagram it hears ("got TEXT") or "nothing".
    static let roles: [Role] = [
        Role("member") { arguments in
            guard arguments.count == 3, let port = UInt16(arguments[1]) else {
                throw Failure(Text("member GROUP PORT INTERFACE", ko: "member 그룹 포트 인터페이스"))
            }
            let member = try UDPSocket(port: port)
            try member.join(arguments[0], interface: arguments[2])
            print("ready")
            fflush(stdout)
            if let datagram = member.receive(timeout: 5) {
                print("got \(datagram.text)")
            } else {
                print("nothing")
            }
            fflush(stdout)
        },
    ]

    static let checks: [Check] = [
        Check("off-reads-back", Text("Turned off, IP_MULTICAST_LOOP reads back off",
                                     ko: "IP_MULTICAST_LOOP를 끄면 꺼진 값이 읽힌다")) {
            let socket = try L12.setup(Text("open a UDP socket", ko: "UDP 소켓 열기")) {
                try UDPSocket(bindTo: loopback)
            }
            try L12.expectKernel(socket.fd, 1, before: true)
            try learnerCall("setMulticastLoopback(fd, enabled: false)") {
                try setMulticastLoopback(socket.fd, enabled: false)
            }
            try L12.expectKernel(socket.fd, 0, after: "setMulticastLoopback(fd, enabled: false)")
            let got = try learnerCall("multicastLoopback(fd)") { try multicastLoopback(socket.fd) }
            try expect(got == false, Text(
                "After setMulticastLoopback(fd, enabled: false) the kernel holds 0, but "
                    + "multicastLoopback(fd) returned true. Read the option with getsockopt "
                    + "(IPPROTO_IP, IP_MULTICAST_LOOP) and return whether the Int32 is nonzero.",
                ko: "setMulticastLoopback(fd, enabled: false) 뒤 커널의 값은 0인데 "
                    + "multicastLoopback(fd)가 true를 돌려줬습니다. getsockopt(IPPROTO_IP, "
                    + "IP_MULTICAST_LOOP)로 읽고 그 Int32가 0이 아닌지를 돌려주세요."))
        },

        Check("on-reads-back", Text("Turned back on, IP_MULTICAST_LOOP reads back on",
                                    ko: "IP_MULTICAST_LOOP를 다시 켜면 켜진 값이 읽힌다")) {
            let socket = try L12.setup(Text("open a UDP socket", ko: "UDP 소켓 열기")) {
                try UDPSocket(bindTo: loopback)
            }
            // Off first, by the harness: a setter that does nothing cannot pass.
            try L12.setup(Text("turn IP_MULTICAST_LOOP off", ko: "IP_MULTICAST_LOOP 끄기")) {
                try setIntOption(socket.fd, level: Int32(IPPROTO_IP), name: IP_MULTICAST_LOOP, 0,
                                 label: "IP_MULTICAST_LOOP")
            }
            try learnerCall("setMulticastLoopback(fd, enabled: true)") {
                try setMulticastLoopback(socket.fd, enabled: true)
            }
            try L12.expectKernel(socket.fd, 1, after: "setMulticastLoopback(fd, enabled: true)")
            let got = try learnerCall("multicastLoopback(fd)") { try multicastLoopback(socket.fd) }
            try expect(got == true, Text(
                "After setMulticastLoopback(fd, enabled: true) the kernel holds 1, but "
                    + "multicastLoopback(fd) returned false.",
                ko: "setMulticastLoopback(fd, enabled: true) 뒤 커널의 값은 1인데 "
                    + "multicastLoopback(fd)가 false를 돌려줬습니다."))
        },

        Check("reads-the-socket", Text("multicastLoopback reads the socket, not a guess",
                                       ko: "multicastLoopback은 추측이 아니라 소켓에서 읽는다")) {
            // Each value is set by the harness; the learner's reader must follow it.
            for value: Int32 in [0, 1, 0, 5] {
                let socket = try L12.setup(Text("open a UDP socket", ko: "UDP 소켓 열기")) {
                    try UDPSocket(bindTo: loopback)
                }
                try L12.setup(Text("set IP_MULTICAST_LOOP to \(value)", ko: "IP_MULTICAST_LOOP를 \(value) 값으로 설정")) {
                    try setIntOption(socket.fd, level: Int32(IPPROTO_IP), name: IP_MULTICAST_LOOP, value,
                                     label: "IP_MULTICAST_LOOP")
                }
                let got = try learnerCall("multicastLoopback(fd)") { try multicastLoopback(socket.fd) }
                let expected = value != 0
                let five = value == 5
                    ? Text(" (Linux stores any nonzero value as 1: 5 reads back as 1.)",
                           ko: " (리눅스는 0이 아닌 값을 모두 1로 저장합니다. 5를 넣으면 1이 읽힙니다.)")
                    : Text("", ko: "")
                try expect(got == expected, Text(
                    "The socket's IP_MULTICAST_LOOP was set to \(value), and multicastLoopback(fd) "
                        + "returned \(got), expected \(expected). Ask the kernel with getsockopt every "
                        + "time; do not remember what was set." + five.en,
                    ko: "소켓의 IP_MULTICAST_LOOP를 \(value) 값으로 설정했는데 multicastLoopback(fd)의 결과는 "
                        + "\(got)입니다. 기대값은 \(expected)입니다. 설정한 값을 기억하지 말고 "
                        + "매번 getsockopt로 커널에 물어보세요." + five.ko))
            }
        },

        Check("errors-throw", Text("Both functions throw on a descriptor that is no socket",
                                   ko: "소켓이 아닌 디스크립터에는 두 함수 모두 오류를 던진다")) {
            let socket = try L12.setup(Text("open a UDP socket", ko: "UDP 소켓 열기")) {
                try UDPSocket(bindTo: loopback)
            }
            // Control: on a real socket, neither may throw.
            try learnerCall("setMulticastLoopback(fd, enabled: true) on a UDP socket") {
                try setMulticastLoopback(socket.fd, enabled: true)
            }
            _ = try learnerCall("multicastLoopback(fd) on a UDP socket") { try multicastLoopback(socket.fd) }

            let file = open("/dev/null", O_RDONLY)
            guard file >= 0 else {
                throw NotRun(Text("Could not open /dev/null.", ko: "/dev/null을 열 수 없습니다."))
            }
            defer { close(file) }
            var setterThrew = false, getterThrew = false
            var answer = ""
            do { try setMulticastLoopback(file, enabled: false) } catch { setterThrew = true }
            do { answer = "\(try multicastLoopback(file))" } catch { getterThrew = true }
            try expect(setterThrew, Text(
                "setMulticastLoopback(fd, enabled: false) returned normally for a descriptor of "
                    + "/dev/null. setsockopt returned -1 there (errno ENOTSOCK): check its result "
                    + "and throw.",
                ko: "/dev/null의 디스크립터로 setMulticastLoopback(fd, enabled: false)를 불렀는데 "
                    + "오류 없이 끝났습니다. 여기서 setsockopt는 -1을 돌려줬습니다(errno ENOTSOCK). "
                    + "반환값을 확인하고 오류를 던지세요."))
            try expect(getterThrew, Text(
                "multicastLoopback(fd) returned \(answer) for a descriptor of /dev/null. getsockopt "
                    + "returned -1 there (errno ENOTSOCK): throw instead of returning a guess.",
                ko: "/dev/null의 디스크립터로 multicastLoopback(fd)를 불렀는데 \(answer)를 "
                    + "돌려줬습니다. 여기서 getsockopt는 -1을 돌려줬습니다(errno ENOTSOCK). 추측한 값을 "
                    + "돌려주지 말고 오류를 던지세요."))
        },

        Check("off-only-b-hears", Text("Loopback off: B hears the datagram, a member on A does not",
                                       ko: "루프백을 끄면 B는 듣고 A의 멤버는 듣지 못한다")) {
            // The learner's call comes before the member on B starts, so a crash ends this
            // check at once.
            let run = try L12.start { sender in
                try learnerCall("setMulticastLoopback(fd, enabled: false)") {
                    try setMulticastLoopback(sender.fd, enabled: false)
                }
                try L12.expectKernel(sender.fd, 0, after: "setMulticastLoopback(fd, enabled: false)")
            }
            try run.sendAndWaitForB("loop off")
            let heard = run.memberA.drain()
            try expect(heard.isEmpty, Text(
                "B received \"loop off\", and so did the member on A (\(heard.count) datagram(s)), "
                    + "although IP_MULTICAST_LOOP was off on the sending socket.",
                ko: "B가 \"loop off\"를 받았고, 보내는 소켓의 IP_MULTICAST_LOOP가 꺼져 있었는데도 "
                    + "A의 멤버도 받았습니다(데이터그램 \(heard.count)개)."))
            // Control: the member on A can hear; a sender with loopback on reaches it.
            try run.expectAHearsControl()
        },

        Check("on-both-hear", Text("Loopback on: B and a member on A both hear the datagram",
                                   ko: "루프백을 켜면 B와 A의 멤버가 모두 듣는다")) {
            let run = try L12.start { sender in
                // Off first, by the harness: a setter that does nothing cannot pass.
                try L12.setup(Text("turn IP_MULTICAST_LOOP off", ko: "IP_MULTICAST_LOOP 끄기")) {
                    try setIntOption(sender.fd, level: Int32(IPPROTO_IP), name: IP_MULTICAST_LOOP, 0,
                                     label: "IP_MULTICAST_LOOP")
                }
                try learnerCall("setMulticastLoopback(fd, enabled: true)") {
                    try setMulticastLoopback(sender.fd, enabled: true)
                }
                try L12.expectKernel(sender.fd, 1, after: "setMulticastLoopback(fd, enabled: true)")
            }
            try run.sendAndWaitForB("loop on")
            let heard = run.memberA.drain()
            try expect(heard.count == 1 && heard[0].text == "loop on", Text(
                "B received \"loop on\", but the member on A received \(heard.count) datagram(s)"
                    + (heard.isEmpty ? "" : " (\(heard.map { "\"\($0.text)\"" }.joined(separator: ", ")))")
                    + "; expected exactly that one. With IP_MULTICAST_LOOP on, every member on the "
                    + "sending host gets a copy.",
                ko: "B는 \"loop on\"을 받았지만 A의 멤버는 데이터그램 \(heard.count)개를 받았습니다"
                    + (heard.isEmpty ? "" : "(\(heard.map { "\"\($0.text)\"" }.joined(separator: ", ")))")
                    + ". 정확히 그 하나를 받아야 합니다. IP_MULTICAST_LOOP가 켜져 있으면 보내는 호스트의 "
                    + "멤버도 모두 사본을 받습니다."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L12 {
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

        /// Fails unless the kernel's IP_MULTICAST_LOOP on `fd` is `expected` (read by the
        /// harness with getsockopt, so a learner's reader cannot hide a setter's mistake).
        static func expectKernel(_ fd: Int32, _ expected: Int32, after call: String) throws {
            let value = try setup(Text("read IP_MULTICAST_LOOP", ko: "IP_MULTICAST_LOOP 읽기")) {
                try intOption(fd, level: Int32(IPPROTO_IP), name: IP_MULTICAST_LOOP, label: "IP_MULTICAST_LOOP")
            }
            let state = Text(expected == 0 ? "off (0)" : "on (1)", ko: expected == 0 ? "꺼짐(0)" : "켜짐(1)")
            try expect(value == expected, Text(
                "After \(call) the socket's IP_MULTICAST_LOOP is \(value) (read with getsockopt); "
                    + "expected \(state.en). Call setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_LOOP, "
                    + "&value, socklen_t(MemoryLayout<Int32>.size)) with an Int32 value, and check "
                    + "that it returns 0.",
                ko: "\(call) 뒤 소켓의 IP_MULTICAST_LOOP가 \(value)입니다(getsockopt로 읽음). "
                    + "기대값은 \(state.ko)입니다. Int32 값으로 setsockopt(fd, Int32(IPPROTO_IP), "
                    + "IP_MULTICAST_LOOP, &value, socklen_t(MemoryLayout<Int32>.size))를 부르고 "
                    + "0을 돌려주는지 확인하세요."))
        }

        /// A fresh socket's default, checked before the learner's call.
        static func expectKernel(_ fd: Int32, _ expected: Int32, before: Bool) throws {
            let value = try setup(Text("read IP_MULTICAST_LOOP", ko: "IP_MULTICAST_LOOP 읽기")) {
                try intOption(fd, level: Int32(IPPROTO_IP), name: IP_MULTICAST_LOOP, label: "IP_MULTICAST_LOOP")
            }
            if value != expected {
                throw NotRun(Text("A new socket's IP_MULTICAST_LOOP is \(value) here, not the default \(expected).",
                                  ko: "새 소켓의 IP_MULTICAST_LOOP가 기본값 \(expected)이 아니라 \(value)입니다."))
            }
        }

        /// A sender on A, a member on A (this program) and a member on B (a role), all on
        /// one random group and port.
        struct Run {
            let group: String
            let port: UInt16
            let addressA: String
            let sender: UDPSocket
            let memberA: UDPSocket
            let memberB: Program

            /// Sends `text` from the sender and waits until B says it got it: by then the
            /// kernel on A has delivered (or not) to the member on A, so drain() tells.
            func sendAndWaitForB(_ text: String) throws {
                do {
                    try sender.send(text, to: group, port: port)
                } catch {
                    throw Failure(Text(
                        "sendto from \(addressA) to \(group):\(port) failed after your call: \(error).",
                        ko: "함수를 부른 뒤 \(addressA)에서 \(group):\(port)에 보내는 sendto가 실패했습니다: \(error)."))
                }
                let line = memberB.readLine(timeout: 5)
                guard line == "got \(text)" else {
                    let result = try? memberB.finish(timeLimit: 1)
                    throw NotRun(Text(
                        "The member on B did not confirm the datagram (it said \(line.map { "\"\($0)\"" } ?? "nothing")"
                            + "\(result.map { ", stderr: " + $0.errorText } ?? "")), so this run cannot tell who heard it.",
                        ko: "B의 멤버가 데이터그램을 받았다고 확인해 주지 않아(\(line.map { "\"\($0)\"" } ?? "응답 없음")"
                            + "\(result.map { ", stderr: " + $0.errorText } ?? "")) 누가 들었는지 판단할 수 없습니다."))
                }
            }

            /// Control: a second sender with loopback on (the default) reaches the member on A.
            func expectAHearsControl() throws {
                let control = try setup(Text("open a control sender", ko: "대조용 송신 소켓 열기")) { () -> UDPSocket in
                    let socket = try UDPSocket(bindTo: addressA)
                    try socket.setMulticastInterface(addressA)
                    try socket.send("control", to: group, port: port)
                    return socket
                }
                _ = control
                let heard = memberA.drain()
                guard heard.contains(where: { $0.text == "control" }) else {
                    throw NotRun(Text("The member on A did not hear a control datagram sent with loopback on, "
                                          + "so this machine cannot show what loopback off does.",
                                      ko: "루프백을 켠 대조용 데이터그램을 A의 멤버가 듣지 못해, 루프백을 끈 "
                                          + "효과를 이 컴퓨터에서는 보일 수 없습니다."))
                }
            }
        }

        /// Opens the sender on A (pinned to A's eth0) and hands it to `prepare` (the learner's
        /// call), then brings up the members.
        static func start(_ prepare: (UDPSocket) throws -> Void) throws -> Run {
            let network = try Harness.lab()
            let a = try network.host("A"), b = try network.host("B")
            let sender = try setup(Text("open a sender on A", ko: "A에 송신 소켓 열기")) { () -> UDPSocket in
                let socket = try UDPSocket(bindTo: a.interface.ipv4)
                try socket.setMulticastInterface(a.interface.ipv4)
                return socket
            }
            try prepare(sender)
            let group = randomGroup()
            let memberA = try setup(Text("open a member on A", ko: "A에 멤버 소켓 열기")) {
                try UDPSocket.receiver()
            }
            let port = memberA.port
            try setup(Text("join \(group) on \(a.interface.ipv4)", ko: "\(a.interface.ipv4)에서 \(group) 가입")) {
                try memberA.join(group, interface: a.interface.ipv4)
            }
            let memberB = try setup(Text("start the member on B", ko: "B의 멤버 시작")) {
                try network.start(role: "member", on: "B", [group, String(port), b.interface.ipv4])
            }
            let ready = memberB.readLine(timeout: 5)
            guard ready == "ready" else {
                let result = try? memberB.finish(timeLimit: 1)
                throw NotRun(Text("The member on B did not start: \(ready ?? result?.errorText ?? "no answer")",
                                  ko: "B의 멤버가 시작되지 않았습니다: \(ready ?? result?.errorText ?? "응답 없음")"))
            }
            return Run(group: group, port: port, addressA: a.interface.ipv4, sender: sender,
                       memberA: memberA, memberB: memberB)
        }
    }
}
