// Lesson 10, membership: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("shared-port", Text("Two receivers from makeReceiver share one port",
                                  ko: "makeReceiver로 만든 수신 소켓 둘이 한 포트를 같이 쓴다")) {
            let port = L10.freePort()
            let first = try L10.receiver(port)
            defer { close(first) }
            let second: Int32
            do {
                second = try makeReceiver(port: port)
            } catch {
                throw Failure(Text(
                    "The first makeReceiver(port: \(port)) worked, the second threw \(error). "
                        + "A second socket may bind the port only when it set SO_REUSEADDR to 1 "
                        + "before its bind and the first socket has it too (otherwise bind fails "
                        + "with EADDRINUSE): set it right after socket().",
                    ko: "첫 번째 makeReceiver(port: \(port))는 성공했지만 두 번째가 오류를 던졌습니다: "
                        + "\(error). 두 번째 소켓은 자기 bind 전에 SO_REUSEADDR를 1로 설정하고, 첫 번째 "
                        + "소켓에도 이 옵션이 있어야 그 포트에 bind할 수 있습니다(아니면 bind가 "
                        + "EADDRINUSE로 실패합니다). socket() 바로 다음에 설정하세요."))
            }
            defer { close(second) }
            for fd in [first, second] {
                let type = (try? intOption(fd, level: SOL_SOCKET, name: SO_TYPE, label: "SO_TYPE")) ?? -1
                try expect(type == Int32(SOCK_DGRAM.rawValue), Text(
                    "makeReceiver returned descriptor \(fd), which is not a UDP socket (SO_TYPE \(type)). "
                        + "Make it with socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0) and return it open.",
                    ko: "makeReceiver가 돌려준 디스크립터 \(fd)는 UDP 소켓이 아닙니다(SO_TYPE \(type)). "
                        + "socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)으로 만들고, 닫지 말고 돌려주세요."))
                let reuse = (try? intOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, label: "SO_REUSEADDR")) ?? -1
                try expect(reuse != 0, Text(
                    "Descriptor \(fd) from makeReceiver has SO_REUSEADDR \(reuse), expected 1.",
                    ko: "makeReceiver가 돌려준 디스크립터 \(fd)의 SO_REUSEADDR가 \(reuse)입니다. 기대값은 1입니다."))
                let bound = boundAddress(fd)
                try expect(bound?.port == port, Text(
                    "Descriptor \(fd) is bound to port \(bound.map { String($0.port) } ?? "none"), expected \(port)."
                        + L10.portHint(bound?.port, port).en,
                    ko: "디스크립터 \(fd)가 bind된 포트는 \(bound.map { String($0.port) } ?? "없음")입니다. "
                        + "기대값은 \(port)입니다." + L10.portHint(bound?.port, port).ko))
            }
            try expect(first != second, Text("makeReceiver returned the same descriptor twice.",
                                              ko: "makeReceiver가 같은 디스크립터를 두 번 돌려줬습니다."))
        },

        Check("bound-to-any", Text("makeReceiver binds the port on all local addresses",
                                   ko: "makeReceiver가 모든 로컬 주소(0.0.0.0)에 포트를 bind한다")) {
            let port = L10.freePort()
            let fd = try L10.receiver(port)
            defer { close(fd) }
            guard let bound = boundAddress(fd) else {
                throw Failure(Text("Descriptor \(fd) from makeReceiver is not an open, bound IPv4 socket.",
                                   ko: "makeReceiver가 돌려준 디스크립터 \(fd)는 열려 있고 bind된 IPv4 소켓이 아닙니다."))
            }
            try expect(bound.port == port, Text(
                "makeReceiver(port: \(port)) bound port \(bound.port)." + L10.portHint(bound.port, port).en,
                ko: "makeReceiver(port: \(port))가 \(bound.port)번 포트에 bind했습니다." + L10.portHint(bound.port, port).ko))
            try expect(bound.address == "0.0.0.0", Text(
                "makeReceiver bound \(bound.address):\(port), expected 0.0.0.0:\(port) (INADDR_ANY). "
                    + "A multicast datagram's destination address is the group, so a socket bound to "
                    + "\(bound.address) never matches it. Bind to INADDR_ANY (or to the group itself).",
                ko: "makeReceiver가 \(bound.address):\(port)에 bind했습니다. 기대값은 0.0.0.0:\(port)"
                    + "(INADDR_ANY)입니다. 멀티캐스트 데이터그램의 목적지 주소는 그룹 주소이므로 "
                    + "\(bound.address)에 bind한 소켓과는 맞지 않습니다. INADDR_ANY(또는 그룹 주소)에 bind하세요."))
        },

        Check("join-listed", Text("joinGroup on 127.0.0.1 lists the group for lo in /proc/net/igmp",
                                  ko: "127.0.0.1에서 joinGroup하면 /proc/net/igmp의 lo 아래에 그룹이 보인다")) {
            let group = randomGroup()
            let socket = try L10.harnessReceiver()
            try L10.expectListed(group, [], before: L10.beforeJoin)
            try L10.join(socket.fd, group)
            try L10.expectListed(group, ["lo"], before: L10.afterJoin)
        },

        Check("join-receives", Text("After joinGroup, a datagram sent to the group arrives",
                                    ko: "joinGroup 다음에는 그룹으로 보낸 데이터그램이 도착한다")) {
            let group = randomGroup()
            let socket = try L10.harnessReceiver()
            try L10.join(socket.fd, group)
            let arrived = try L10.sendAndDrain(group, socket)
            try expect(arrived.groupDatagrams == 1, Text(
                "After joinGroup(fd, group: \"\(group)\", interface: \"\(loopback)\") the socket received "
                    + "\(arrived.groupDatagrams) datagrams sent to the group, expected 1. (This socket "
                    + "has IP_MULTICAST_ALL off: it hears only groups joined on it.)",
                ko: "joinGroup(fd, group: \"\(group)\", interface: \"\(loopback)\") 다음에 그룹으로 보낸 "
                    + "데이터그램을 \(arrived.groupDatagrams)개 받았습니다. 기대값은 1개입니다(이 소켓은 "
                    + "IP_MULTICAST_ALL이 꺼져 있어 자기가 가입한 그룹만 듣습니다)."))
        },

        Check("both-hear", Text("Two joined receivers on one port each get a copy",
                                ko: "한 포트에서 가입한 수신 소켓 둘이 각각 사본을 받는다")) {
            let group = randomGroup(), port = L10.freePort()
            let first = try L10.receiver(port)
            defer { close(first) }
            let second = try L10.receiver(port, which: "second ")
            defer { close(second) }
            try L10.join(first, group)
            try L10.join(second, group)
            let sender = try L10.sender()
            try L10.setup(Text("send to the group", ko: "그룹으로 보내기")) {
                try sender.send("to both", to: group, port: port)
            }
            let counts = [L10.drain(first), L10.drain(second)].map { $0.count }
            try expect(counts == [1, 1], Text(
                "One datagram was sent to \(group):\(port); the two receivers got \(counts[0]) and "
                    + "\(counts[1]), expected one each. Every member socket gets its own copy.",
                ko: "\(group):\(port)에 데이터그램 하나를 보냈는데 두 수신 소켓이 각각 \(counts[0])개, "
                    + "\(counts[1])개를 받았습니다. 각각 하나씩이어야 합니다. 멤버 소켓마다 사본을 하나씩 받습니다."))
        },

        Check("leave-unlisted", Text("leaveGroup removes the group from /proc/net/igmp",
                                     ko: "leaveGroup하면 /proc/net/igmp에서 그룹이 사라진다")) {
            let group = randomGroup()
            let socket = try L10.harnessReceiver()
            try L10.join(socket.fd, group)
            try L10.expectListed(group, ["lo"], before: L10.afterJoin)
            try L10.leave(socket.fd, group)
            try L10.expectListed(group, [], before: L10.afterLeave)
        },

        Check("leave-silent", Text("After leaveGroup, a new datagram does not arrive",
                                   ko: "leaveGroup 다음에는 새 데이터그램이 도착하지 않는다")) {
            let group = randomGroup()
            // The only socket of this process that ever holds the group; harness sockets
            // have IP_MULTICAST_ALL off, so nothing else can make it hear the group.
            let socket = try L10.harnessReceiver()
            try L10.join(socket.fd, group)
            let before = try L10.sendAndDrain(group, socket)
            try expect(before.groupDatagrams == 1, Text(
                "While joined, the socket received \(before.groupDatagrams) datagrams sent to \(group), "
                    + "expected 1: joinGroup must work before leaveGroup can be tested.",
                ko: "가입한 상태에서 \(group)에 보낸 데이터그램을 \(before.groupDatagrams)개 받았습니다. "
                    + "기대값은 1개입니다. leaveGroup을 시험하려면 joinGroup이 먼저 동작해야 합니다."))
            try L10.leave(socket.fd, group)
            let after = try L10.sendAndDrain(group, socket)
            try expect(after.groupDatagrams == 0, Text(
                "After leaveGroup the socket still received \(after.groupDatagrams) datagram(s) sent to "
                    + "\(group). Use IP_DROP_MEMBERSHIP with the same ip_mreq you joined with "
                    + "(same group, same interface address).",
                ko: "leaveGroup 다음에도 \(group)에 보낸 데이터그램을 \(after.groupDatagrams)개 받았습니다. "
                    + "가입할 때와 똑같은 ip_mreq(같은 그룹, 같은 인터페이스 주소)로 IP_DROP_MEMBERSHIP을 "
                    + "설정하세요."))
        },

        Check("unicast-join-throws", Text("Joining a non-multicast address throws",
                                          ko: "멀티캐스트가 아닌 주소에 가입하면 오류를 던진다")) {
            let socket = try L10.harnessReceiver()
            try L10.join(socket.fd, randomGroup())
            for address in ["127.0.0.2", "223.255.255.255"] {
                try L10.expectThrows("joinGroup(fd, group: \"\(address)\", interface: \"\(loopback)\")", Text(
                    "\(address) is not a multicast address, so the kernel refuses IP_ADD_MEMBERSHIP with "
                        + "EINVAL and setsockopt returns -1. Check its return value and throw.",
                    ko: "멀티캐스트 주소가 아닌 \(address)에 가입하면 커널이 IP_ADD_MEMBERSHIP을 EINVAL로 거절하고 "
                        + "setsockopt는 -1을 돌려줍니다. 반환값을 확인하고 오류를 던지세요.")) {
                    try joinGroup(socket.fd, group: address, interface: loopback)
                }
            }
        },

        Check("unknown-interface-throws", Text("Joining on an address this host does not have throws",
                                               ko: "이 호스트에 없는 인터페이스 주소로 가입하면 오류를 던진다")) {
            let group = randomGroup()
            let socket = try L10.harnessReceiver()
            try L10.expectThrows("joinGroup(fd, group: \"\(group)\", interface: \"192.0.2.1\")", Text(
                "No interface here owns 192.0.2.1, so the kernel refuses the join with ENODEV. "
                    + "Put `interface` into imr_interface (do not replace it with INADDR_ANY), "
                    + "and throw when setsockopt returns -1.",
                ko: "192.0.2.1을 가진 인터페이스가 여기 없으므로 커널은 가입을 ENODEV로 거절합니다. "
                    + "`interface`를 imr_interface에 넣고(INADDR_ANY로 바꾸지 말고), setsockopt가 -1을 "
                    + "돌려주면 오류를 던지세요.")) {
                try joinGroup(socket.fd, group: group, interface: "192.0.2.1")
            }
            try L10.join(socket.fd, group)
            try L10.expectListed(group, ["lo"], before: L10.afterJoin)
        },

        Check("leave-unjoined-throws", Text("Leaving a group never joined throws",
                                            ko: "가입한 적 없는 그룹에서 탈퇴하면 오류를 던진다")) {
            let group = randomGroup()
            let socket = try L10.harnessReceiver()
            try L10.join(socket.fd, group)
            try L10.leave(socket.fd, group)
            let other = randomGroup()
            for (target, what) in [(other, Text("never joined", ko: "가입한 적이 없는")),
                                   (group, Text("already left", ko: "이미 탈퇴한"))] {
                try L10.expectThrows("leaveGroup(fd, group: \"\(target)\", interface: \"\(loopback)\")", Text(
                    "This socket has no membership of \(target) (\(what.en)), so IP_DROP_MEMBERSHIP fails "
                        + "with EADDRNOTAVAIL. Check setsockopt's return value and throw.",
                    ko: "이 소켓은 \(target) 그룹의 멤버가 아니므로(\(what.ko) 그룹) IP_DROP_MEMBERSHIP이 "
                        + "EADDRNOTAVAIL로 실패합니다. setsockopt의 반환값을 확인하고 오류를 던지세요.")) {
                    try leaveGroup(socket.fd, group: target, interface: loopback)
                }
            }
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L10 {
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

        /// A random port no other socket holds, so that a failing bind is the learner's.
        static func freePort() -> UInt16 {
            for _ in 0..<20 {
                let port = randomPort()
                if (try? UDPSocket(port: port)) != nil { return port }
            }
            return randomPort()
        }

        /// A harness receiver: bound to 0.0.0.0 on a random port, IP_MULTICAST_ALL off.
        static func harnessReceiver() throws -> UDPSocket {
            try setup(Text("open a receiver", ko: "수신 소켓 열기")) { try UDPSocket.receiver() }
        }

        /// A harness sender that leaves through 127.0.0.1.
        static func sender() throws -> UDPSocket {
            try setup(Text("open a sender on \(loopback)", ko: "\(loopback)에 보내는 소켓 열기")) {
                let socket = try UDPSocket(bindTo: loopback)
                try socket.setMulticastInterface(loopback)
                return socket
            }
        }

        /// The learner's makeReceiver, its errors turned into failures that say what to fix.
        static func receiver(_ port: UInt16, which: String = "") throws -> Int32 {
            do {
                let fd = try makeReceiver(port: port)
                try expect(fd >= 0, Text("The \(which)makeReceiver(port: \(port)) returned \(fd), not a descriptor.",
                                         ko: "makeReceiver(port: \(port))가 디스크립터가 아닌 \(fd)를 돌려줬습니다."))
                return fd
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(Text(
                    "The \(which)makeReceiver(port: \(port)) threw \(error). Make the socket, set "
                        + "SO_REUSEADDR, bind 0.0.0.0:\(port), and throw only when a call returns -1.",
                    ko: "makeReceiver(port: \(port))가 오류를 던졌습니다: \(error). 소켓을 만들고 "
                        + "SO_REUSEADDR를 설정한 뒤 0.0.0.0:\(port)에 bind하고, 호출이 -1을 돌려줄 때만 "
                        + "오류를 던지세요."))
            }
        }

        static func join(_ fd: Int32, _ group: String) throws {
            let call = "joinGroup(fd, group: \"\(group)\", interface: \"\(loopback)\")"
            do {
                try joinGroup(fd, group: group, interface: loopback)
            } catch {
                throw Failure(Text(
                    "\(call) threw \(error). Joining a 239.255.0.0/16 group on \(loopback) works. "
                        + "ENODEV (\"No such device\") means the request did not name 127.0.0.1: use an "
                        + "8-byte ip_mreq with imr_interface = the interface's address (INADDR_ANY looks "
                        + "for a default route, and this network has none). EINVAL means the group "
                        + "is not a multicast address or the length is under 8 bytes: pass "
                        + "socklen_t(MemoryLayout<ip_mreq>.size).",
                    ko: "\(call)이 오류를 던졌습니다: \(error). 239.255.0.0/16 그룹에 \(loopback)로 가입하는 "
                        + "것은 됩니다. ENODEV(\"No such device\")는 요청에 127.0.0.1이 들어가지 않았다는 "
                        + "뜻입니다. imr_interface에 인터페이스 주소를 넣은 8바이트 ip_mreq를 쓰세요"
                        + "(INADDR_ANY는 기본 경로를 찾는데 이 네트워크에는 없습니다). EINVAL이면 그룹이 "
                        + "멀티캐스트 주소가 아니거나 길이가 8바이트보다 짧은 것입니다. 길이는 "
                        + "socklen_t(MemoryLayout<ip_mreq>.size)로 넘기세요."))
            }
            try expect(boundAddress(fd) != nil, Text("\(call) closed the socket; it must stay open.",
                                                     ko: "\(call)이 소켓을 닫았습니다. 소켓은 열린 채로 두어야 합니다."))
        }

        static func leave(_ fd: Int32, _ group: String) throws {
            let call = "leaveGroup(fd, group: \"\(group)\", interface: \"\(loopback)\")"
            do {
                try leaveGroup(fd, group: group, interface: loopback)
            } catch {
                throw Failure(Text(
                    "\(call) threw \(error), right after joinGroup with the same arguments had worked. "
                        + "Build the same ip_mreq and use IP_DROP_MEMBERSHIP. EADDRNOTAVAIL means the "
                        + "kernel found no such membership on this socket: another group or interface.",
                    ko: "같은 인자로 joinGroup이 성공한 바로 다음에 \(call)이 오류를 던졌습니다: \(error). "
                        + "똑같은 ip_mreq를 만들어 IP_DROP_MEMBERSHIP을 쓰세요. EADDRNOTAVAIL은 이 소켓에 "
                        + "그런 멤버십이 없다는 뜻입니다(그룹이나 인터페이스가 다름)."))
            }
            try expect(boundAddress(fd) != nil, Text(
                "\(call) closed the socket. Closing does drop the membership, but leaveGroup must leave "
                    + "the socket open: it may still be a member of other groups.",
                ko: "\(call)이 소켓을 닫았습니다. 닫아도 멤버십은 없어지지만, 다른 그룹의 멤버일 수도 "
                    + "있으니 leaveGroup은 소켓을 열어 두어야 합니다."))
        }

        /// Fails unless `body` throws; `why` says why it should have.
        static func expectThrows(_ call: String, _ why: Text, _ body: () throws -> Void) throws {
            var threw = false
            do { try body() } catch { threw = true }
            try expect(threw, Text("\(call) returned normally, expected it to throw. " + why.en,
                                   ko: "\(call)이 오류 없이 끝났습니다. 오류를 던져야 합니다. " + why.ko))
        }

        /// Fails unless /proc/net/igmp lists `group` on exactly `interfaces`.
        static let beforeJoin = Text("Before joinGroup", ko: "joinGroup 전에")
        static let afterJoin = Text("After joinGroup", ko: "joinGroup 뒤에")
        static let afterLeave = Text("After leaveGroup", ko: "leaveGroup 뒤에")

        static func expectListed(_ group: String, _ interfaces: [String], before moment: Text) throws {
            let listed = try setup(Text("read /proc/net/igmp", ko: "/proc/net/igmp 읽기")) {
                try igmpInterfaces(of: group)
            }
            if listed == interfaces { return }
            let hex = hexOf(group)
            let shown = listed.isEmpty ? "nowhere" : listed.joined(separator: ", ")
            let koShown = listed.isEmpty ? "어디에도 없음" : listed.joined(separator: ", ")
            var hint = Text("", ko: "")
            if interfaces == ["lo"] && listed.isEmpty {
                hint = Text(" joinGroup returned normally, so the join went nowhere: check setsockopt's "
                                + "return value, and that the option is IP_ADD_MEMBERSHIP at level IPPROTO_IP.",
                            ko: " joinGroup은 오류 없이 끝났으니 가입이 어디에도 되지 않은 것입니다. setsockopt의 "
                                + "반환값과, 옵션이 IPPROTO_IP 레벨의 IP_ADD_MEMBERSHIP인지 확인하세요.")
            } else if interfaces == ["lo"] {
                hint = Text(" The interface address was not used: 127.0.0.1 belongs to lo.",
                            ko: " 인터페이스 주소가 쓰이지 않았습니다. 127.0.0.1은 lo의 주소입니다.")
            } else if interfaces.isEmpty && moment.en == afterLeave.en {
                hint = Text(" leaveGroup returned normally but the membership is still there: use "
                                + "IP_DROP_MEMBERSHIP and check setsockopt's return value.",
                            ko: " leaveGroup은 오류 없이 끝났지만 멤버십이 그대로 있습니다. IP_DROP_MEMBERSHIP을 "
                                + "쓰고 setsockopt의 반환값을 확인하세요.")
            }
            let expected = interfaces.isEmpty ? "nowhere" : interfaces.joined(separator: ", ")
            let koExpected = interfaces.isEmpty ? "어디에도 없음" : interfaces.joined(separator: ", ")
            throw Failure(Text(
                "\(moment.en), /proc/net/igmp lists \(group) "
                    + "(shown there as \(hex)) on: \(shown); expected: \(expected)." + hint.en,
                ko: "\(moment.ko) /proc/net/igmp에서 \(group) 그룹(표시는 \(hex))이 보이는 인터페이스: "
                    + "\(koShown). 기대값: \(koExpected)." + hint.ko))
        }

        /// How /proc/net/igmp writes a group: %08X of the raw s_addr.
        static func hexOf(_ group: String) -> String {
            let raw = ipv4(group)?.s_addr ?? 0
            let digits = String(raw, radix: 16, uppercase: true)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }

        static func portHint(_ got: UInt16?, _ expected: UInt16) -> Text {
            guard got == expected.byteSwapped else { return Text("", ko: "") }
            return Text(" That is \(expected) with its bytes swapped: sin_port holds port.bigEndian.",
                        ko: " \(expected)의 바이트가 뒤집힌 값입니다. sin_port에는 port.bigEndian을 넣으세요.")
        }

        /// What a harness receiver got after one datagram to the group and a unicast sentinel.
        struct Arrivals { let groupDatagrams: Int }

        /// Sends one datagram to group:port, then a sentinel by unicast to 127.0.0.1:port, and
        /// reads up to the sentinel: whatever group datagram arrives has arrived by then.
        static func sendAndDrain(_ group: String, _ socket: UDPSocket) throws -> Arrivals {
            let sender = try sender()
            let port = socket.port
            let marker = "group \(Int.random(in: 0..<1_000_000))"
            try setup(Text("send to the group", ko: "그룹으로 보내기")) {
                try sender.send(marker, to: group, port: port)
                try sender.send("sentinel", to: loopback, port: port)
            }
            let arrived = socket.drain()
            guard arrived.contains(where: { $0.text == "sentinel" }) else {
                throw NotRun(Text("A test datagram sent to \(loopback):\(port) did not arrive, so this "
                                      + "machine cannot show what the group delivered.",
                                  ko: "\(loopback):\(port)에 보낸 시험 데이터그램이 도착하지 않아, 그룹으로 "
                                      + "무엇이 전달됐는지 이 컴퓨터에서는 확인할 수 없습니다."))
            }
            return Arrivals(groupDatagrams: arrived.filter { $0.text == marker }.count)
        }

        /// Every datagram queued on a descriptor, without waiting.
        static func drain(_ fd: Int32) -> [[UInt8]] {
            var all: [[UInt8]] = []
            var buffer = [UInt8](repeating: 0, count: 2048)
            while true {
                let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if n < 0 { return all }
                all.append(Array(buffer[0..<n]))
            }
        }
    }
}
