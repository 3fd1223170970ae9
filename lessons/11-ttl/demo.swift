// Lesson 11, TTL: the demo. The scope table from scope(ofTTL:); the default TTL and what
// setMulticastTTL does with good and bad values; TTL 0, 1 and 7 on one host; then, on the
// router lab (A — R — B), TTL 0 to 3 sent from A, and what a member on A's own link (R's
// A-side interface) and a member on B received; and TTL 0 again once A itself is a member.
import Glibc

@main
enum TTLDemo {
    typealias Text = Harness.Text

    /// Runs on a lab host (R or B): joins the group on the interface with the address given,
    /// says "ready", then prints "got TTL TEXT" for every datagram until the one whose text is
    /// "end".
    static let roles: [Harness.Role] = [
        Harness.Role("member") { arguments in
            let (group, port, interface) = (arguments[0], UInt16(arguments[1])!, arguments[2])
            let receiver = try Harness.UDPSocket(port: port)
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

    static func main() throws {
        Harness.runRoleIfAsked(roles)
        showScopes()
        try showSetting()
        try showOneHost()
        try showRouter()
    }

    static func showScopes() {
        Harness.say("scope(ofTTL:) for the TTLs at the edges:", ko: "경계에 있는 TTL의 scope(ofTTL:):")
        let samples = [0, 1, 2, 32, 33, 64, 65, 128, 129, 255, 256]
        var rows = [[Text("TTL", ko: "TTL").string, Text("scope", ko: "범위").string]]
        for ttl in samples {
            rows.append(["\(ttl)", scope(ofTTL: ttl).map { ".\($0)" } ?? "nil"])
        }
        Harness.printTable(rows)
    }

    static func showSetting() throws {
        let socket = try Harness.UDPSocket(bindTo: Harness.loopback)
        step("A new socket: multicastTTL(fd) = \(try multicastTTL(socket.fd)), the default (RFC 1112).",
             ko: "새 소켓: multicastTTL(fd) = \(try multicastTTL(socket.fd)), 기본값입니다(RFC 1112).")
        try setMulticastTTL(socket.fd, 7)
        Harness.say("setMulticastTTL(fd, 7), then multicastTTL(fd) = \(try multicastTTL(socket.fd)).",
            ko: "setMulticastTTL(fd, 7) 다음 multicastTTL(fd) = \(try multicastTTL(socket.fd)).")
        for bad in [-1, 256] {
            do {
                try setMulticastTTL(socket.fd, bad)
                Harness.say("setMulticastTTL(fd, \(bad)) did not throw (it should).",
                    ko: "setMulticastTTL(fd, \(bad))이 오류를 던지지 않았습니다(던져야 합니다).")
            } catch {
                Harness.say("setMulticastTTL(fd, \(bad)) threw: \(error)",
                    ko: "setMulticastTTL(fd, \(bad))의 오류: \(error)")
            }
        }
        Harness.say("The TTL is still \(try multicastTTL(socket.fd)). What the kernel alone does with them:",
            ko: "TTL은 여전히 \(try multicastTTL(socket.fd))입니다. 커널에 그대로 넘기면:")
        for bad: Int32 in [256, -1] {
            var value = bad
            let status = setsockopt(socket.fd, Int32(IPPROTO_IP), IP_MULTICAST_TTL,
                                    &value, socklen_t(MemoryLayout<Int32>.size))
            let code = errno
            let now = (try? multicastTTL(socket.fd)).map(String.init) ?? "?"
            if status == 0 {
                Harness.say("  setsockopt(IP_MULTICAST_TTL, \(bad)) = 0, no error; the TTL is now \(now)",
                    ko: "  setsockopt(IP_MULTICAST_TTL, \(bad)) = 0, 오류 없음. 이제 TTL은 \(now)")
            } else {
                let reason = String(cString: strerror(code))
                Harness.say("  setsockopt(IP_MULTICAST_TTL, \(bad)) = -1, \(reason); the TTL stays \(now)",
                    ko: "  setsockopt(IP_MULTICAST_TTL, \(bad)) = -1, \(reason). TTL은 그대로 \(now)")
            }
        }
        Harness.say("So -1 quietly means \"the default\": the range check is yours to make.",
            ko: "-1은 조용히 \"기본값\"이 됩니다. 범위 확인은 여러분이 해야 합니다.")
    }

    static func showOneHost() throws {
        let group = Harness.randomGroup()
        let receiver = try Harness.UDPSocket.receiver()
        try receiver.join(group, interface: Harness.loopback)
        try receiver.setReceiveTTL(true)
        let sender = try Harness.UDPSocket(bindTo: Harness.loopback)
        try sender.setMulticastInterface(Harness.loopback)
        step("On this host (a member joined \(group) on \(Harness.loopback)):",
             ko: "이 호스트 안에서(멤버가 \(Harness.loopback)에서 \(group)에 가입):")
        for ttl in [0, 1, 7] {
            try setMulticastTTL(sender.fd, ttl)
            try sender.send("ttl \(ttl)", to: group, port: receiver.port)
            let got = receiver.drain().first
            let arrived = got.map { "TTL \($0.ttl.map(String.init) ?? "?")" }
            Harness.say("  sent with TTL \(ttl): " + (arrived.map { "arrived with \($0)" } ?? "nothing arrived"),
                ko: "  보낸 TTL \(ttl), " + (arrived.map { "도착 \($0)" } ?? "도착하지 않음"))
        }
        Harness.say("No router in between, so nothing counts it down; TTL 0 still reaches this host.",
            ko: "사이에 라우터가 없으니 아무도 줄이지 않습니다.\nTTL 0도 이 호스트 안에는 도착합니다.")
    }

    static func showRouter() throws {
        step("Across a multicast router (the lab's router topology):",
             ko: "멀티캐스트 라우터 너머로(랩의 router 토폴로지):")
        let network: Harness.Lab
        do {
            network = try Harness.lab()
        } catch let notRun as Harness.NotRun {
            let reason = Harness.environment("LEARN_LAB_UNAVAILABLE")
            Harness.say("  The lab cannot run here: \(reason ?? notRun.reason.en)",
                ko: "  여기서는 랩을 띄울 수 없습니다: \(reason ?? notRun.reason.ko)")
            Harness.say("  With it, TTL 0 and 1 never reach B, TTL 2 arrives at B as 1, TTL 3 as 2.",
                ko: "  랩이 있으면 TTL 0과 1은 B에 닿지 못하고, TTL 2는 B에 1로, TTL 3은 2로 도착합니다.")
            return
        }
        let a = try network.host("A").interface, b = try network.host("B").interface
        let router = try network.host("R").interfaces
        guard let ra = router.first(where: { $0.name == "ra" }), let rb = router.first(where: { $0.name == "rb" }) else {
            Harness.say("  The lab's router has no interfaces ra and rb.", ko: "  랩의 라우터에 ra와 rb 인터페이스가 없습니다.")
            return
        }
        print("")
        print("    A \(a.ipv4) ──── \(ra.ipv4) R \(rb.ipv4) ──── \(b.ipv4) B")
        print("")
        Harness.say("  One member joins on R's A-side interface, \(ra.ipv4): it is on A's own link.",
            ko: "  멤버 하나는 R의 A 쪽 인터페이스 \(ra.ipv4)에서 가입합니다. A와 같은 링크입니다.")
        Harness.say("  Another joins on B, behind the router.",
            ko: "  다른 멤버는 라우터 너머의 B에서 가입합니다.")
        let group = Harness.randomGroup(), port = Harness.randomPort()
        let onLink = try network.start(role: "member", on: "R", [group, String(port), ra.ipv4])
        let behind = try network.start(role: "member", on: "B", [group, String(port), b.ipv4])
        guard onLink.readLine(timeout: 3) == "ready", behind.readLine(timeout: 3) == "ready" else {
            Harness.say("  The members on R and B did not start.", ko: "  R과 B의 멤버가 시작하지 못했습니다.")
            return
        }
        let sender = try Harness.UDPSocket(bindTo: a.ipv4)
        try sender.setMulticastInterface(a.ipv4)
        // R resolves a new (source, group) route on its first datagram and holds only a few
        // datagrams meanwhile: one that crosses, seen at B, settles the route before the series.
        try setMulticastTTL(sender.fd, 2)
        for _ in 0..<3 {
            try sender.send("start", to: group, port: port)
            if let line = behind.readLine(timeout: 1), line.hasSuffix(" start") { break }
        }
        let sent = [0, 1, 2, 3]
        for ttl in sent {
            try setMulticastTTL(sender.fd, ttl)
            try sender.send("ttl \(ttl)", to: group, port: port)
        }
        // The last datagram marks the end for both members; TTL 2 is enough to cross R.
        try setMulticastTTL(sender.fd, 2)
        try sender.send("end", to: group, port: port)

        let atR = arrivals(onLink), atB = arrivals(behind)
        var rows = [Text("sent from A|on A's link (R)|at B", ko: "A에서 보냄|A의 링크(R)|B").string
            .split(separator: "|").map(String.init)]
        for ttl in sent {
            rows.append(["TTL \(ttl)", cell(atR["ttl \(ttl)"]), cell(atB["ttl \(ttl)"])])
        }
        Harness.printTable(rows)
        if atR["end"] == nil || atB["end"] == nil {
            Harness.say("  (An end marker did not arrive: part of the lab did not answer this time.)",
                ko: "  (끝 표시가 오지 않은 곳이 있습니다. 이번에는 랩 일부가 응답하지 않았습니다.)")
        }
        if atR["ttl 0"] != nil {
            Harness.say("TTL 0 left A: this kernel sends it onto the link, where the convention",
                ko: "TTL 0이 A를 떠났습니다. 관례와 RFC 1122는 TTL 0을 보낸 호스트 안에 두라고")
            Harness.say("and RFC 1122 would keep it on the sending host. A member on the same link",
                ko: "하지만, 이 커널은 링크로 내보냅니다. 같은 링크의 멤버가 TTL 0으로")
            Harness.say("gets it, with TTL 0.", ko: "받습니다.")
        } else {
            Harness.say("TTL 0 stayed on A, as the convention asks: this kernel does not send it out.",
                ko: "TTL 0은 관례대로 A 안에 머물렀습니다. 이 커널은 내보내지 않습니다.")
        }
        Harness.say("R takes one off the TTL of every datagram it forwards, and forwards none that",
            ko: "R은 넘기는 데이터그램마다 TTL을 하나 줄이고, 0이나 1로 들어온 것은 넘기지")
        Harness.say("arrive with TTL 0 or 1. TTL 1, the default, never leaves A's subnet.",
            ko: "않습니다. 기본값인 TTL 1은 A의 서브넷을 떠나지 못합니다.")
        try showLocalMember(network, sender: sender, group: group, port: port, a: a, ra: ra)
    }

    /// TTL 0 once more, now with a member on A itself (joined on A's outgoing interface).
    /// Linux drops TTL 0 at output only on the path that makes the local copy, which it
    /// takes only when the sending host is a member there.
    static func showLocalMember(_ network: Harness.Lab, sender: Harness.UDPSocket, group: String,
                                port: UInt16, a: Harness.LabInterface, ra: Harness.LabInterface) throws {
        print("")
        let onLink = try network.start(role: "member", on: "R", [group, String(port), ra.ipv4])
        guard onLink.readLine(timeout: 3) == "ready" else {
            Harness.say("  The member on R did not start.", ko: "  R의 멤버가 시작하지 못했습니다.")
            return
        }
        let local = try Harness.UDPSocket(port: port)
        try local.join(group, interface: a.ipv4)
        try local.setReceiveTTL(true)
        try setMulticastTTL(sender.fd, 0)
        try sender.send("ttl 0", to: group, port: port)
        try setMulticastTTL(sender.fd, 1)
        try sender.send("end", to: group, port: port)
        let atR = arrivals(onLink)
        let here = local.drain().first { $0.text == "ttl 0" }
        Harness.say("A socket on A joins the group on \(a.ipv4), A's own interface, and TTL 0 is",
            ko: "A의 소켓 하나가 A 자신의 인터페이스 \(a.ipv4)에서 그룹에 가입한 뒤 TTL 0을")
        Harness.say("sent again:", ko: "다시 보냅니다:")
        Harness.say("  the member on A: " + cell(here.map { String($0.ttl ?? -1) }),
            ko: "  A의 멤버: " + cell(here.map { String($0.ttl ?? -1) }))
        Harness.say("  the member on A's link (R): " + cell(atR["ttl 0"]),
            ko: "  A의 링크(R)의 멤버: " + cell(atR["ttl 0"]))
        if atR["end"] == nil {
            Harness.say("  (The end marker did not arrive at R: the lab did not answer this time.)",
                ko: "  (끝 표시가 R에 오지 않았습니다. 이번에는 랩이 응답하지 않았습니다.)")
        } else if atR["ttl 0"] == nil {
            Harness.say("Now that A is itself a member there, this kernel delivers TTL 0 on A and",
                ko: "이제 A가 거기서 스스로 멤버이므로, 이 커널은 TTL 0을 A 안에서만 전달하고")
            Harness.say("drops it at output: it keeps the rule only on the path of the local copy.",
                ko: "내보낼 때 버립니다. 로컬 사본을 만드는 경로에서만 규칙을 지키는 것입니다.")
        } else {
            Harness.say("Even with A a member there, this kernel sends TTL 0 onto the link.",
                ko: "A가 거기서 멤버인데도 이 커널은 TTL 0을 링크로 내보냅니다.")
        }
    }

    /// The TTL each datagram arrived with at a member role, by its text, up to the end marker.
    static func arrivals(_ member: Harness.Program) -> [String: String] {
        var got: [String: String] = [:]
        while let line = member.readLine(timeout: 3), line.hasPrefix("got ") {
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            if fields.count == 3 { got[fields[2]] = fields[1] }
            if fields.last == "end" { break }
        }
        return got
    }

    static func cell(_ ttl: String?) -> String {
        ttl.map { Text("TTL \($0)", ko: "TTL \($0)").string } ?? Text("nothing", ko: "없음").string
    }

    static func step(_ en: String, ko: String) {
        print("")
        Harness.say(en, ko: ko)
    }

}
