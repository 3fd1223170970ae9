// Lesson 08, broadcast: the demo. broadcastAddress for a few subnets; then, in the lab's LAN
// (A, B and R on one switch, C behind R), a send without SO_BROADCAST, both broadcasts with
// it and who heard them, and discover's "who is there?". Nothing is sent outside the lab.
import Glibc

@main
enum BroadcastDemo {
    typealias Text = Harness.Text

    static let roles: [Harness.Role] = [
        /// Prints "ready", then "got SENDER TEXT" per datagram to PORT; answers a probe with
        /// "here"; ends at "end".
        Harness.Role("host") { arguments in
            let socket = try Harness.UDPSocket(bindTo: "0.0.0.0", port: UInt16(arguments[0])!)
            print("ready")
            fflush(stdout)
            while let datagram = socket.receive(timeout: 4) {
                if datagram.text == "end" { print("end"); return }
                print("got \(datagram.sender) \(datagram.text)")
                fflush(stdout)
                if datagram.text == "who is there?" {
                    try socket.send("here", to: datagram.sender, port: datagram.senderPort)
                }
            }
        },
    ]

    static func main() throws {
        Harness.runRoleIfAsked(roles)
        showAddresses()
        let network: Harness.Lab
        do {
            network = try Harness.lab()
        } catch let notRun as Harness.NotRun {
            print("")
            Harness.say("The lab cannot run here: \(notRun.reason.en)", ko: "여기서는 랩을 띄울 수 없습니다: \(notRun.reason.ko)")
            Harness.say("A broadcast is sent only inside it, so the rest of the demo does not run.",
                ko: "브로드캐스트는 랩 안에서만 보내므로 데모의 나머지는 실행하지 않습니다.")
            return
        }
        try showLan(network)
    }

    static func showAddresses() {
        Harness.say("broadcastAddress(of:prefix:) for a few subnets:", ko: "몇 서브넷의 broadcastAddress(of:prefix:):")
        var rows = [Text("address|prefix|broadcast", ko: "주소|프리픽스|브로드캐스트").string
            .split(separator: "|").map(String.init)]
        for (address, prefix) in [("10.77.0.1", 24), ("192.168.0.100", 25), ("192.168.0.130", 25),
                                  ("172.16.5.4", 12), ("10.77.0.1", 32)] {
            rows.append([address, "/\(prefix)", broadcastAddress(of: address, prefix: prefix) ?? "nil"])
        }
        Harness.printTable(rows)
    }

    static func showLan(_ network: Harness.Lab) throws {
        let a = try network.host("A").interface.ipv4
        let others = [("B", "10.77.0.2"), ("R", "10.77.0.254"), ("C", "10.77.1.2")]
        print("")
        print("     A 10.77.0.1      B 10.77.0.2")
        print("     │                │")
        print("  ───┴─── switch ─────┴──────────┬───── 10.77.0.0/24")
        print("                                 │ 10.77.0.254")
        print("                                 R   router")
        print("                                 │ 10.77.1.1")
        print("                                 │")
        print("                                 C 10.77.1.2    10.77.1.0/24")
        print("")
        let port = Harness.randomPort()
        var hosts: [(String, String, Harness.Program)] = []
        for (name, address) in others {
            let program = try network.start(role: "host", on: name, [String(port)])
            guard program.readLine(timeout: 3) == "ready" else {
                Harness.say("  \(name) did not start.", ko: "  \(name)이(가) 시작하지 못했습니다.")
                return
            }
            hosts.append((name, address, program))
        }
        let socket = try Harness.UDPSocket(bindTo: a)
        do {
            try sendMessage("hello?", on: socket.fd, to: "10.77.0.255", port: port)
            Harness.say("Without SO_BROADCAST: sendMessage to 10.77.0.255 did not throw (it should).",
                ko: "SO_BROADCAST 없이: 10.77.0.255로 sendMessage가 오류를 던지지 않았습니다(던져야 합니다).")
        } catch {
            Harness.say("Without SO_BROADCAST: sendMessage to 10.77.0.255 threw", ko: "SO_BROADCAST 없이: 10.77.0.255로 sendMessage의 오류:")
            Harness.say("  \(error)", ko: "  \(error)")
        }
        try enableBroadcast(socket.fd)
        Harness.say("After enableBroadcast, A sends to 10.77.0.255 and to 255.255.255.255.",
            ko: "enableBroadcast 다음 A가 10.77.0.255와 255.255.255.255로 보냅니다.")
        try sendMessage("to the subnet", on: socket.fd, to: "10.77.0.255", port: port)
        try sendMessage("to everyone here", on: socket.fd, to: "255.255.255.255", port: port)
        let answers = try discover(probe: "who is there?", port: port, interface: a, prefix: 24, timeout: 0.5)
        for (_, address, _) in hosts { try socket.send("end", to: address, port: port) }

        var rows = [Text("host|\"to the subnet\"|\"to everyone here\"|probe", ko: "호스트|\"to the subnet\"|\"to everyone here\"|탐색")
            .string.split(separator: "|").map(String.init)]
        for (name, _, program) in hosts {
            var heard: [String] = []
            while let line = program.readLine(timeout: 3), line != "end" { heard.append(line) }
            let mark = { (text: String) in heard.contains("got \(a) \(text)") ? Text("heard", ko: "받음").string : "-" }
            rows.append([name, mark("to the subnet"), mark("to everyone here"), mark("who is there?")])
        }
        Harness.printTable(rows)
        Harness.say("B and R share A's link: both broadcasts reach them, wanted or not.",
            ko: "B와 R은 A와 링크를 함께 씁니다. 원하든 원하지 않든 두 브로드캐스트가")
        Harness.say("R forwards unicast to C, but no broadcast:",
            ko: "닿습니다. R은 유니캐스트는 C에게 넘기지만 브로드캐스트는 넘기지 않으니,")
        Harness.say("C heard nothing.", ko: "C는 아무것도 듣지 못했습니다.")
        print("")
        Harness.say("discover(probe: \"who is there?\", port: \(port), interface: \"\(a)\",",
            ko: "discover(probe: \"who is there?\", port: \(port), interface: \"\(a)\",")
        Harness.say("         prefix: 24, timeout: 0.5)", ko: "         prefix: 24, timeout: 0.5)")
        Harness.say("  -> \(answers.joined(separator: ", "))", ko: "  -> \(answers.joined(separator: ", "))")
    }
}
