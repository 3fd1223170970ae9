// Lesson 09, multicasting: the demo. Three members join a group on 127.0.0.1, a fourth
// socket only binds the same port, and one sendToGroup call reaches exactly the members.
// Then one multicast send is compared with the unicast sends it replaces.
import Glibc

@main
enum MulticastDemo {
    typealias Text = Harness.Text
    static let members = 3

    static func main() throws {
        let group = Harness.randomGroup()
        let interface = Harness.loopback
        let number = dottedQuadToNumber(group).map(hex) ?? "nil"
        let message = Text("hello, group!", ko: "안녕, 그룹!").string
        let size = message.utf8.count

        // Members 1...3 share one port and join; the last socket only binds that port.
        let first = try Harness.UDPSocket.receiver()
        let port = first.port
        var joined = [first]
        for _ in 1..<members { joined.append(try Harness.UDPSocket(port: port)) }
        for socket in joined { try socket.join(group, interface: interface) }
        let outsider = try Harness.UDPSocket(port: port)

        Harness.say("Group \(group) (\(number), isMulticast \(isMulticast(group))), port \(port)",
            ko: "그룹 \(group) (\(number), isMulticast \(isMulticast(group))), 포트 \(port)")
        Harness.say("Members 1-\(members) joined it on \(interface). One more socket bound port \(port)",
            ko: "멤버 1~\(members)은 \(interface)에서 그룹에 가입했습니다. 소켓 하나는")
        Harness.say("without joining (IP_MULTICAST_ALL off: it hears only groups it joined).",
            ko: "포트 \(port)에 bind만 했습니다(IP_MULTICAST_ALL 끔: 자기가 가입한 그룹만 들음).")
        Harness.say("", ko: "")
        Harness.say("sendToGroup(\"\(message)\", ...), called once:",
            ko: "sendToGroup(\"\(message)\", ...)을 한 번 호출:")
        try sendToGroup(message, group: group, port: port, interface: interface)

        var copies = 0
        for (index, socket) in joined.enumerated() {
            let got = socket.drain()
            guard let datagram = got.first else {
                Harness.say("  member \(index + 1) got nothing", ko: "  멤버 \(index + 1): 받은 것 없음")
                continue
            }
            copies += got.count
            let from = "\(datagram.sender):\(datagram.senderPort)"
            Harness.say("  member \(index + 1) got \"\(datagram.text)\" (\(datagram.bytes.count) bytes) from \(from)",
                ko: "  멤버 \(index + 1): \"\(datagram.text)\" (\(datagram.bytes.count)바이트), 보낸 곳 \(from)")
        }
        let stray = outsider.drain().count
        if stray == 0 {
            Harness.say("  the bound-only socket got nothing: bind picks a port, it joins nothing.",
                ko: "  bind만 한 소켓: 받은 것 없음. bind는 포트를 고를 뿐 가입이 아닙니다.")
        } else {
            Harness.say("  the bound-only socket got \(stray) datagram(s)",
                ko: "  bind만 한 소켓이 데이터그램 \(stray)개를 받았습니다")
        }

        // Unicast: one address:port per receiver, and the sender sends to each in turn.
        let sender = try Harness.UDPSocket(bindTo: interface)
        var unicastSends = 0, unicastBytes = 0, unicastCopies = 0
        for _ in 0..<members {
            let receiver = try Harness.UDPSocket.receiver(bindTo: interface)
            unicastBytes += try sender.send(message, to: interface, port: receiver.port)
            unicastSends += 1
            unicastCopies += receiver.drain().count
        }

        Harness.say("", ko: "")
        Harness.say("The same message to \(members) receivers, counted at the sender (unicast",
            ko: "같은 메시지를 수신자 \(members)곳에 보낼 때 보내는 쪽이 하는 일(유니캐스트는")
        Harness.say("needs a port per receiver, so \(members) more sockets listen for it):",
            ko: "수신자마다 포트가 따로 필요해서 소켓 \(members)개를 더 열었습니다):")
        let header = Text("way|sends|bytes sent|copies received",
                          ko: "방식|보낸 횟수|보낸 바이트|받은 사본").string.split(separator: "|").map(String.init)
        let rows = [
            [Text("multicast", ko: "멀티캐스트").string, "1", "\(size)", "\(copies)"],
            [Text("unicast", ko: "유니캐스트").string, "\(unicastSends)", "\(unicastBytes)", "\(unicastCopies)"],
        ]
        Harness.printTable([header] + rows)
        Harness.say("Multicast: one send; the network (on one host, the kernel) makes the copies.",
            ko: "멀티캐스트: 한 번 보내면 복사는 네트워크(한 호스트 안에서는 커널)가 합니다.")
        Harness.say("Unicast: the sender sends every copy itself.",
            ko: "유니캐스트: 보내는 쪽이 사본을 하나하나 직접 보냅니다.")

        Harness.say("", ko: "")
        do {
            try sendToGroup(message, group: interface, port: port, interface: interface)
            Harness.say("sendToGroup to \(interface) did not throw (it should).",
                ko: "\(interface)로 sendToGroup을 호출했는데 오류가 나지 않았습니다(나야 합니다).")
        } catch {
            Harness.say("sendToGroup to \(interface), not a multicast address, threw:",
                ko: "멀티캐스트 주소가 아닌 \(interface)로 sendToGroup을 부르면 오류:")
            Harness.say("  \(error)", ko: "  \(error)")
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
