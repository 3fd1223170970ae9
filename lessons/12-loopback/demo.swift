// Lesson 12, loopback: the demo. On the lab's link (A and B), a sender on A sends to a
// group with members on A's eth0, on A's lo and on B: once with IP_MULTICAST_LOOP on, once
// off. Then the same on lo, where the kernel ignores the option.
import Glibc

@main
enum LoopbackDemo {
    typealias Text = Harness.Text

    /// On B: joins GROUP on INTERFACE at PORT, says "ready", then prints "got TEXT" for each
    /// of COUNT datagrams (or "nothing" when one does not come within 3 s).
    static let roles = [
        Harness.Role("listen") { arguments in
            let member = try Harness.UDPSocket(port: UInt16(arguments[1])!)
            try member.join(arguments[0], interface: arguments[2])
            print("ready")
            fflush(stdout)
            for _ in 0..<Int(arguments[3])! {
                if let datagram = member.receive(timeout: 3) {
                    print("got \(datagram.text)")
                } else {
                    print("nothing")
                }
                fflush(stdout)
            }
        },
    ]

    static func main() throws {
        Harness.runRoleIfAsked(roles)
        do {
            try onTheLink(try Harness.lab())
        } catch let notRun as Harness.NotRun {
            Harness.say("No lab network here, so the two-host part is skipped:",
                ko: "랩 네트워크가 없어 두 호스트 부분은 건너뜁니다:")
            Harness.say("  \(notRun.reason.en)", ko: "  \(notRun.reason.ko)")
        }
        Harness.say("", ko: "")
        try onLoopback()
    }

    static func onTheLink(_ network: Harness.Lab) throws {
        let a = try network.host("A"), b = try network.host("B")
        let group = Harness.randomGroup()
        let memberA = try Harness.UDPSocket.receiver()
        let port = memberA.port
        try memberA.join(group, interface: a.interface.ipv4)
        // A member of the group on lo only: the local copy of a datagram sent out of eth0 is
        // made only where A is a member on eth0 (RFC 1112 6.2), and goes to the members there.
        let memberLo = try Harness.UDPSocket(port: port)
        try memberLo.join(group, interface: Harness.loopback)
        let memberB = try network.start(role: "listen", on: "B",
                                        [group, String(port), b.interface.ipv4, "2"])
        guard memberB.readLine(timeout: 5) == "ready" else {
            Harness.say("The member on B did not start.", ko: "B의 멤버가 시작되지 않았습니다.")
            return
        }
        let sender = try Harness.UDPSocket(bindTo: a.interface.ipv4)
        try sender.setMulticastInterface(a.interface.ipv4)

        Harness.say("Group \(group), port \(port), on the lab's link:",
            ko: "그룹 \(group), 포트 \(port), 랩의 링크에서:")
        Harness.say("", ko: "")
        Harness.say("   host A (\(a.interface.ipv4))              host B (\(b.interface.ipv4))",
            ko: "   호스트 A (\(a.interface.ipv4))            호스트 B (\(b.interface.ipv4))")
        Harness.say("  +---------------------------+  eth0  +----------------+",
            ko: "  +---------------------------+  eth0  +----------------+")
        Harness.say("  | sender  --IP_MULTICAST_IF-+--------+-> member on B  |",
            ko: "  | 송신 소켓 -IP_MULTICAST_IF+--------+-> B의 멤버     |")
        Harness.say("  |   |  (loopback)           |        |                |",
            ko: "  |   |  (루프백)             |        |                |")
        Harness.say("  |   +--> member on A        |        |                |",
            ko: "  |   +--> A의 멤버           |        |                |")
        Harness.say("  +---------------------------+        +----------------+",
            ko: "  +---------------------------+        +----------------+")
        Harness.say("", ko: "")

        var loHeard = false
        for enabled in [true, false] {
            if !enabled {
                try setMulticastLoopback(sender.fd, enabled: false)
                Harness.say("setMulticastLoopback(fd, enabled: false)", ko: "setMulticastLoopback(fd, enabled: false)")
            }
            let state = try multicastLoopback(sender.fd)
            let text = enabled ? "loop on" : "loop off"
            Harness.say("multicastLoopback(fd) = \(state)\(enabled ? "  (the default)" : ""); sending \"\(text)\":",
                ko: "multicastLoopback(fd) = \(state)\(enabled ? "  (기본값)" : ""), \"\(text)\" 보내기:")
            try sender.send(text, to: group, port: port)
            let heardB = memberB.readLine(timeout: 5) ?? "nothing"
            // B's answer proves the datagram went out; A's delivery happened before sendto returned.
            let heardA = memberA.drain()
            if heardB.hasPrefix("got ") {
                Harness.say("  B: got \"\(heardB.dropFirst(4))\"", ko: "  B: \"\(heardB.dropFirst(4))\" 받음")
            } else {
                Harness.say("  B: nothing", ko: "  B: 받은 것 없음")
            }
            if let datagram = heardA.first {
                Harness.say("  A: got \"\(datagram.text)\" (\(heardA.count) datagram)",
                    ko: "  A: \"\(datagram.text)\" 받음 (데이터그램 \(heardA.count)개)")
            } else {
                Harness.say("  A: nothing", ko: "  A: 받은 것 없음")
            }
            let heardLo = memberLo.drain()
            loHeard = loHeard || !heardLo.isEmpty
            Harness.say("  A, a member on lo only: " + (heardLo.first.map { "got \"\($0.text)\"" } ?? "nothing"),
                ko: "  A, lo에서만 가입한 멤버: " + (heardLo.first.map { "\"\($0.text)\" 받음" } ?? "받은 것 없음"))
        }
        _ = try? memberB.finish(timeLimit: 2)
        Harness.say("", ko: "")
        Harness.say("Loopback off kept the copy on A from the member on A; B was not affected:",
            ko: "루프백을 끄자 A 안의 사본이 A의 멤버에게 가지 않았습니다. B는 그대로:")
        Harness.say("IP_MULTICAST_LOOP is about local delivery only, to every socket on the\nsender's host.",
            ko: "IP_MULTICAST_LOOP는 보내는 호스트 안의 모든 소켓으로의 전달만 다룹니다.")
        if !loHeard {
            Harness.say("The member on lo heard neither: the local copy goes only to members on the",
                ko: "lo의 멤버는 둘 다 듣지 못했습니다. 로컬 사본은 나가는 인터페이스(eth0)에서")
            Harness.say("outgoing interface (eth0), where A must itself be a member (RFC 1112 6.2).",
                ko: "가입한 멤버에게만 가고, A가 거기서 멤버일 때만 만들어집니다(RFC 1112 6.2).")
        }
    }

    static func onLoopback() throws {
        let group = Harness.randomGroup()
        let member = try Harness.UDPSocket.receiver()
        try member.join(group, interface: Harness.loopback)
        let sender = try Harness.UDPSocket(bindTo: Harness.loopback)
        try sender.setMulticastInterface(Harness.loopback)
        try setMulticastLoopback(sender.fd, enabled: false)
        try sender.send("through lo", to: group, port: member.port)
        let heard = member.drain()
        Harness.say("On lo (\(Harness.loopback)), with multicastLoopback(fd) = \(try multicastLoopback(sender.fd)):",
            ko: "lo(\(Harness.loopback))에서 multicastLoopback(fd) = \(try multicastLoopback(sender.fd))일 때:")
        if heard.isEmpty {
            Harness.say("  the member on lo got nothing.", ko: "  lo의 멤버: 받은 것 없음.")
        } else {
            Harness.say("  the member on lo still got \"\(heard[0].text)\": lo delivers every datagram",
                ko: "  lo의 멤버가 그래도 \"\(heard[0].text)\"를 받았습니다. lo로 나간 데이터그램은")
            Harness.say("  it sends back to this host, and the kernel ignores IP_MULTICAST_LOOP there.",
                ko: "  모두 이 호스트로 돌아오므로 커널은 거기서 IP_MULTICAST_LOOP를 무시합니다.")
            Harness.say("  To see the option work, use a real link (learn lab link).",
                ko: "  옵션의 효과를 보려면 진짜 링크를 쓰세요(learn lab link).")
        }
    }

}
