// Lesson 10, membership: the demo. Two receivers share a port and join a group on
// 127.0.0.1; /proc/net/igmp shows the membership; one leaves (and, with IP_MULTICAST_ALL
// on, still hears the group while the other holds it); the other leaves; nothing arrives.
// Then the errors the kernel gives for wrong joins and leaves.
import Glibc

@main
enum MembershipDemo {
    typealias Text = Harness.Text
    static let interface = Harness.loopback
    static var group = ""
    static var port: UInt16 = 0
    static var sender: Harness.UDPSocket!
    static var receivers: [Int32] = []
    static var sent = 0

    static func main() throws {
        group = Harness.randomGroup()
        var made: Int32 = -1
        for _ in 0..<20 {
            port = Harness.randomPort()
            if let fd = try? makeReceiver(port: port) { made = fd; break }
        }
        guard made >= 0 else { throw Harness.OSError(call: "makeReceiver", code: EADDRINUSE) }
        receivers = [made, try makeReceiver(port: port)]
        sender = try Harness.UDPSocket(bindTo: interface)
        try sender.setMulticastInterface(interface)

        Harness.say("Group \(group), port \(port). makeReceiver(port: \(port)) twice:",
            ko: "그룹 \(group), 포트 \(port). makeReceiver(port: \(port))를 두 번 호출:")
        for (index, fd) in receivers.enumerated() {
            let bound = Harness.boundAddress(fd).map { "\($0.address):\($0.port)" } ?? "?"
            Harness.say("  receiver \(index + 1): descriptor \(fd), bound to \(bound)",
                ko: "  수신 소켓 \(index + 1): 디스크립터 \(fd), \(bound)에 bind")
        }
        Harness.say("Both bound the same port: SO_REUSEADDR lets them share it.",
            ko: "둘이 같은 포트에 bind했습니다. SO_REUSEADDR 덕분에 같이 쓸 수 있습니다.")

        step("Before anyone joins, /proc/net/igmp (the lo part) says:",
             ko: "아직 아무도 가입하지 않았을 때 /proc/net/igmp(lo 부분):")
        showIGMP()
        sendAndShow()

        try joinGroup(receivers[0], group: group, interface: interface)
        try joinGroup(receivers[1], group: group, interface: interface)
        step("Both joined \(group) on \(interface). /proc/net/igmp now:",
             ko: "둘 다 \(interface)에서 \(group)에 가입했습니다. 이제 /proc/net/igmp:")
        showIGMP()
        sendAndShow()

        try leaveGroup(receivers[0], group: group, interface: interface)
        step("Receiver 1 left. Receiver 2 still holds the group, so it stays listed:",
             ko: "수신 소켓 1이 탈퇴했습니다. 수신 소켓 2가 아직 멤버라서 목록에 남아 있습니다:")
        showIGMP()
        sendAndShow()
        Harness.say("Receiver 1 still heard it: its IP_MULTICAST_ALL is on (Linux's default), and",
            ko: "수신 소켓 1도 여전히 들었습니다. IP_MULTICAST_ALL이 켜져 있고(리눅스 기본값)")
        Harness.say("another socket on this host still holds the group on lo. Leaving is not",
            ko: "이 호스트의 다른 소켓이 lo에서 아직 그룹에 가입해 있기 때문입니다. 탈퇴했다고")
        Harness.say("deafness while a neighbour is a member; turn IP_MULTICAST_ALL off for that.",
            ko: "이웃이 멤버인 동안 귀가 닫히지는 않습니다. 그러려면 IP_MULTICAST_ALL을 끄세요.")

        try leaveGroup(receivers[1], group: group, interface: interface)
        step("Receiver 2 left too. No socket holds the group any more:",
             ko: "수신 소켓 2도 탈퇴했습니다. 이제 그룹을 가진 소켓이 없습니다:")
        showIGMP()
        sendAndShow()

        // Closing drops the memberships a socket still has.
        try joinGroup(receivers[0], group: group, interface: interface)
        let listedOpen = (try? Harness.igmpInterfaces(of: group)) ?? []
        close(receivers[0])
        let listedClosed = (try? Harness.igmpInterfaces(of: group)) ?? []
        step("Receiver 1 joined again: the group is \(names(listedOpen)).",
             ko: "수신 소켓 1이 다시 가입: 그룹이 \(names(listedOpen, ko: true)).")
        Harness.say("Then close(fd), without leaveGroup: the group is \(names(listedClosed)).",
            ko: "leaveGroup 없이 close(fd)만 하면: 그룹이 \(names(listedClosed, ko: true)).")
        Harness.say("Closing a socket drops its memberships.",
            ko: "소켓을 닫으면 그 소켓의 멤버십도 없어집니다.")
        close(receivers[1])

        try showErrors()
    }

    /// One datagram to the group, then what each receiver has queued (read at once: on one
    /// host delivery is done when sendto returns).
    static func sendAndShow() {
        sent += 1
        let message = "datagram \(sent)"
        do {
            try sender.send(message, to: group, port: port)
        } catch {
            Harness.say("  sending failed: \(error)", ko: "  보내기 실패: \(error)")
            return
        }
        Harness.say("sent \"\(message)\" to \(group):\(port):", ko: "보냄: \"\(message)\" → \(group):\(port)")
        for (index, fd) in receivers.enumerated() {
            let got = drain(fd)
            if got.isEmpty {
                Harness.say("  receiver \(index + 1): nothing", ko: "  수신 소켓 \(index + 1): 받은 것 없음")
            } else {
                let texts = got.map { "\"\(String(decoding: $0, as: UTF8.self))\"" }.joined(separator: ", ")
                Harness.say("  receiver \(index + 1): \(texts)", ko: "  수신 소켓 \(index + 1): \(texts)")
            }
        }
    }

    /// The errors of wrong joins and leaves, on a fresh receiver.
    static func showErrors() throws {
        let fd = try makeReceiver(port: 0)
        defer { close(fd) }
        step("What the kernel says to wrong requests (a fresh receiver):",
             ko: "잘못된 요청에 커널이 하는 대답(새 수신 소켓으로):")
        let cases: [(String, Text, () throws -> Void)] = [
            ("joinGroup(fd, group: \"\(group)\", interface: \"\(interface)\")",
             Text("the first join", ko: "첫 가입"),
             { try joinGroup(fd, group: group, interface: interface) }),
            ("joinGroup(fd, group: \"\(group)\", interface: \"\(interface)\")",
             Text("the same join again", ko: "같은 가입을 한 번 더"),
             { try joinGroup(fd, group: group, interface: interface) }),
            ("joinGroup(fd, group: \"127.0.0.2\", interface: \"\(interface)\")",
             Text("not a group", ko: "그룹 주소가 아님"),
             { try joinGroup(fd, group: "127.0.0.2", interface: interface) }),
            ("joinGroup(fd, group: \"\(group)\", interface: \"192.0.2.1\")",
             Text("no interface owns 192.0.2.1", ko: "192.0.2.1을 가진 인터페이스 없음"),
             { try joinGroup(fd, group: group, interface: "192.0.2.1") }),
            ("leaveGroup(fd, group: \"239.255.0.1\", interface: \"\(interface)\")",
             Text("never joined", ko: "가입한 적 없음"),
             { try leaveGroup(fd, group: "239.255.0.1", interface: interface) }),
            ("leaveGroup(fd, group: \"\(group)\", interface: \"127.0.0.2\")",
             Text("the membership, named by another address of lo",
                  ko: "실제로 있는 멤버십, lo의 다른 주소로 지정"),
             { try leaveGroup(fd, group: group, interface: "127.0.0.2") }),
        ]
        for (call, what, body) in cases {
            Harness.say("  \(call)", ko: "  \(call)")
            do {
                try body()
                Harness.say("      \(what.en): ok", ko: "      \(what.ko): 성공")
            } catch {
                Harness.say("      \(what.en):", ko: "      \(what.ko):")
                for line in wrapped("\(error)", width: 80 - 8) {
                    print("        \(line)")
                }
            }
        }
    }

    /// Words of `text` in lines of at most `width` characters (errors are ASCII), so that
    /// a long errno text does not run past an 80-column terminal.
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        return line.isEmpty ? lines : lines + [line]
    }

    static func showIGMP() {
        guard let file = fopen("/proc/net/igmp", "r") else {
            Harness.say("  (cannot read /proc/net/igmp)", ko: "  (/proc/net/igmp를 읽을 수 없음)")
            return
        }
        defer { fclose(file) }
        let hex = hexOf(group)
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        var inLo = false
        while getline(&line, &capacity, file) > 0, let line {
            var text = String(cString: line)
            if text.hasSuffix("\n") { text.removeLast() }
            if !text.hasPrefix("\t") {
                inLo = text.hasPrefix("Idx") || text.split(separator: "\t").dropFirst().first?.hasPrefix("lo ") == true
            }
            guard inLo else { continue }
            // Tabs expanded to every eighth column, as `cat /proc/net/igmp` shows them: the
            // kernel lines its columns up with tabs, so any other width misaligns them.
            var shown = ""
            for character in text {
                if character == "\t" {
                    shown += String(repeating: " ", count: 8 - shown.count % 8)
                } else {
                    shown.append(character)
                }
            }
            // Our group's line is marked in the room its leading tabs leave, so that the
            // line still fits 80 columns.
            let label = "\(group) ->"
            if text.contains(hex), shown.prefix(label.count + 1).allSatisfy({ $0 == " " }) {
                shown = label + shown.dropFirst(label.count)
            }
            print("  \(shown)")
        }
    }

    static func hexOf(_ group: String) -> String {
        let raw = Harness.ipv4(group)?.s_addr ?? 0
        let digits = String(raw, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func names(_ interfaces: [String], ko: Bool = false) -> String {
        let list = interfaces.joined(separator: ", ")
        if ko { return interfaces.isEmpty ? "목록에 없습니다" : "\(list)에 보입니다" }
        return interfaces.isEmpty ? "listed nowhere" : "listed on \(list)"
    }

    static func drain(_ fd: Int32) -> [[UInt8]] {
        var all: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n < 0 { return all }
            all.append(Array(buffer[0..<n]))
        }
    }

    static func step(_ en: String, ko: String) {
        print("")
        Harness.say(en, ko: ko)
    }

}
