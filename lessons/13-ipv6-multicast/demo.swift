// Lesson 13, IPv6 multicast: the demo. Scopes of a few addresses; then, on the lab's
// link, a member on B joins a transient group with joinGroupV6 and a sender on A sends
// with the default hop limit and with setMulticastHops(fd, 5). Last, the same on lo.
import Glibc

@main
enum IPv6MulticastDemo {
    typealias Text = Harness.Text

    /// On B: joins GROUP on the interface with index INDEX using the learner's joinGroupV6,
    /// prints "ready" and its /proc/net/igmp6 row, then "got HOPLIMIT TEXT" for each
    /// of COUNT datagrams (or "nothing" when one does not come within 3 s).
    static let roles = [
        Harness.Role("listen6") { arguments in
            let member = try Harness.UDP6Socket(port: UInt16(arguments[1])!)
            try member.setReceiveHopLimit(true)
            try joinGroupV6(member.fd, group: arguments[0], interfaceIndex: UInt32(arguments[2])!)
            print("ready")
            print(Harness.igmp6Line(group: arguments[0], interface: arguments[4]) ?? "(no row)")
            fflush(stdout)
            for _ in 0..<Int(arguments[3])! {
                if let datagram = member.receive(timeout: 3) {
                    print("got \(datagram.hopLimit.map(String.init) ?? "?") \(datagram.text)")
                } else {
                    print("nothing")
                }
                fflush(stdout)
            }
        },
    ]

    static func main() throws {
        Harness.runRoleIfAsked(roles)
        scopes()
        Harness.say("", ko: "")
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

    static func scopes() {
        Harness.say("ipv6MulticastScope of a few addresses:", ko: "주소 몇 개의 ipv6MulticastScope:")
        let addresses = ["ff01::1", "ff02::1", "ff02::fb", "ff05::1:3", "ff0e::101",
                         "ff12::beeb", "ff06::1", "2001:db8::1", "fe80::1"]
        for address in addresses {
            let scope = ipv6MulticastScope(address).map { ".\($0)" } ?? "nil"
            let padded = address + String(repeating: " ", count: max(0, 12 - address.count))
            print("  \(padded) \(scope)")
        }
    }

    static func onTheLink(_ network: Harness.Lab) throws {
        let a = try network.host("A"), b = try network.host("B")
        let group = Harness.randomGroupV6()
        let port = Harness.randomPort()
        Harness.say("Group \(group) (transient, link-local), port \(port).",
            ko: "그룹 \(group) (임시, 링크 로컬), 포트 \(port).")
        let member = try network.start(role: "listen6", on: "B",
                                       [group, String(port), String(b.interface.index), "2", b.interface.name])
        guard member.readLine(timeout: 5) == "ready" else {
            let result = try? member.finish(timeLimit: 1)
            Harness.say("The member on B did not start. \(result?.errorText ?? "")",
                ko: "B의 멤버가 시작되지 않았습니다. \(result?.errorText ?? "")")
            return
        }
        Harness.say("On B: joinGroupV6(fd, group: \"\(group)\", interfaceIndex: \(b.interface.index))"
                + "  (\(b.interface.name))",
            ko: "B에서: joinGroupV6(fd, group: \"\(group)\", interfaceIndex: \(b.interface.index))"
                + "  (\(b.interface.name))")
        Harness.say("B's /proc/net/igmp6 now has the row", ko: "B의 /proc/net/igmp6에 생긴 줄:")
        let row = member.readLine(timeout: 2) ?? "?"
        Harness.say("  \(row)", ko: "  \(row)")
        Harness.say("", ko: "")

        let sender = try Harness.UDP6Socket()
        try sender.setMulticastInterface(index: a.interface.index)
        Harness.say("On A: IPV6_MULTICAST_IF = \(a.interface.index) (\(a.interface.name)), then:",
            ko: "A에서: IPV6_MULTICAST_IF = \(a.interface.index) (\(a.interface.name)), 그다음:")
        try sender.send("default hops", to: group, port: port)
        Harness.say("  sent \"default hops\" without setting a hop limit",
            ko: "  홉 제한을 정하지 않고 \"default hops\" 보냄")
        report(member.readLine(timeout: 5))
        try setMulticastHops(sender.fd, 5)
        try sender.send("five hops", to: group, port: port)
        Harness.say("  setMulticastHops(fd, 5), sent \"five hops\"",
            ko: "  setMulticastHops(fd, 5) 하고 \"five hops\" 보냄")
        report(member.readLine(timeout: 5))
        _ = try? member.finish(timeLimit: 2)
        Harness.say("The default multicast hop limit is 1: one link, like IPv4's TTL 1.",
            ko: "멀티캐스트 홉 제한의 기본값은 1입니다. IPv4의 TTL 1처럼 링크 하나까지입니다.")
        do {
            try setMulticastHops(sender.fd, 256)
            Harness.say("setMulticastHops(fd, 256) did not throw (it should).",
                ko: "setMulticastHops(fd, 256)이 오류를 던지지 않았습니다(던져야 합니다).")
        } catch {
            Harness.say("setMulticastHops(fd, 256) threw: \(error)", ko: "setMulticastHops(fd, 256)의 오류: \(error)")
        }
    }

    static func onLoopback() throws {
        guard let lo = Harness.interfaceIndex("lo") else { return }
        let group = Harness.randomGroupV6()
        let member = try Harness.UDP6Socket.receiver()
        try joinGroupV6(member.fd, group: group, interfaceIndex: lo)
        Harness.say("On lo (index \(lo)): joinGroupV6 works; /proc/net/igmp6 lists",
            ko: "lo(인덱스 \(lo))에서: joinGroupV6은 됩니다. /proc/net/igmp6에 나온 줄:")
        Harness.say("  \(Harness.igmp6Line(group: group, interface: "lo") ?? "(no row)")",
            ko: "  \(Harness.igmp6Line(group: group, interface: "lo") ?? "(없음)")")
        let sender = try Harness.UDP6Socket()
        try sender.setMulticastInterface(index: lo)
        do {
            try sender.send("over lo?", to: group, port: member.port)
            let heard = member.drain()
            Harness.say("but sending through lo returned, and the member got \(heard.count) datagram(s).",
                ko: "lo로 보내기는 끝났고, 멤버가 받은 데이터그램은 \(heard.count)개입니다.")
        } catch {
            Harness.say("but sending through lo fails: \(error).",
                ko: "하지만 lo로 보내기는 실패합니다: \(error).")
            Harness.say("IPv6 multicast needs a real link (learn lab link), not lo.",
                ko: "IPv6 멀티캐스트에는 lo가 아니라 진짜 링크가 필요합니다(learn lab link).")
        }
    }

    /// B's line "got HOPLIMIT TEXT", in words.
    static func report(_ line: String?) {
        let fields = (line ?? "").split(separator: " ", maxSplits: 2).map(String.init)
        guard fields.count == 3, fields[0] == "got" else {
            Harness.say("    B: nothing", ko: "    B: 받은 것 없음")
            return
        }
        Harness.say("    B: got \"\(fields[2])\", hop limit \(fields[1])",
            ko: "    B: \"\(fields[2])\" 받음, 홉 제한 \(fields[1])")
    }

}
