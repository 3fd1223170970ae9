// Lesson 13, IPv6 multicast: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    /// Runs on host B of the lab: the learner's joinGroupV6 joins the group on B's eth0,
    /// the member says "ready", then prints what it hears ("got TEXT hops N") or "nothing".
    static let roles: [Role] = [
        Role("member6") { arguments in
            guard arguments.count == 3, let port = UInt16(arguments[1]), let index = UInt32(arguments[2]) else {
                throw Failure(Text("member6 GROUP PORT INDEX", ko: "member6 그룹 포트 인덱스"))
            }
            let member = try UDP6Socket(port: port)
            try member.setReceiveHopLimit(true)
            do {
                try joinGroupV6(member.fd, group: arguments[0], interfaceIndex: index)
            } catch {
                print("join failed: \(error)")
                fflush(stdout)
                return
            }
            print("ready")
            fflush(stdout)
            // 2 s, well inside the check's own 5 s: a member that hears nothing must say
            // "nothing" before the check runs out of time (a datagram on one link comes in
            // milliseconds).
            if let datagram = member.receive(timeout: 2) {
                print("got \(datagram.text) (hop limit \(datagram.hopLimit.map(String.init) ?? "unknown"))")
            } else {
                print("nothing")
            }
            fflush(stdout)
        },
    ]

    static let checks: [Check] = [
        Check("scopes", Text("ipv6MulticastScope reads the scope nibble",
                             ko: "ipv6MulticastScope가 범위 니블을 읽는다")) {
            let cases: [(String, IPv6MulticastScope)] = [
                ("ff01::1", .interfaceLocal), ("ff02::1", .linkLocal), ("ff03::1", .realmLocal),
                ("ff04::1", .adminLocal), ("ff05::2", .siteLocal), ("ff08::1", .organizationLocal),
                ("ff0e::1", .global), ("ff12::beeb", .linkLocal), ("ff3e::8000:1", .global),
                ("FF05::1:3", .siteLocal),
            ]
            for (address, expected) in cases {
                let got = ipv6MulticastScope(address)
                try expect(got == expected, Text(
                    "ipv6MulticastScope(\"\(address)\") returned \(L13.show(got)), expected "
                        + ".\(expected). " + L13.nibbles(address).en,
                    ko: "ipv6MulticastScope(\"\(address)\")의 결과는 \(L13.show(got))입니다. "
                        + "기대값은 .\(expected)입니다. " + L13.nibbles(address).ko))
            }
        },

        Check("scope-nil", Text("ipv6MulticastScope gives nil for unassigned scopes and non-multicast",
                                ko: "ipv6MulticastScope는 미할당 범위와 멀티캐스트가 아닌 주소에 nil을 돌려준다")) {
            let control = ipv6MulticastScope("ff02::1")
            try expect(control == .linkLocal, Text(
                "ipv6MulticastScope(\"ff02::1\") returned \(L13.show(control)), expected .linkLocal. "
                    + "(This check needs a working ipv6MulticastScope before it can test the nil cases.)",
                ko: "ipv6MulticastScope(\"ff02::1\")의 결과는 \(L13.show(control))입니다. 기대값은 "
                    + ".linkLocal입니다. (nil이어야 하는 경우를 시험하려면 먼저 올바른 주소를 제대로 "
                    + "판별해야 합니다.)"))
            for (address, why) in L13.notScoped {
                let got = ipv6MulticastScope(address)
                try expect(got == nil, Text(
                    "ipv6MulticastScope(\"\(address)\") returned \(L13.show(got)), expected nil. " + why.en,
                    ko: "ipv6MulticastScope(\"\(address)\")의 결과는 \(L13.show(got))입니다. "
                        + "기대값은 nil입니다. " + why.ko))
            }
        },

        Check("join-listed", Text("After joinGroupV6 on lo the group is listed in /proc/net/igmp6",
                                  ko: "lo에서 joinGroupV6을 하면 /proc/net/igmp6에 그룹이 나온다")) {
            guard let lo = interfaceIndex("lo") else {
                throw NotRun(Text("This machine has no interface lo.", ko: "이 컴퓨터에는 lo 인터페이스가 없습니다."))
            }
            let group = randomGroupV6()
            let socket = try L13.setup(Text("open an IPv6 UDP socket", ko: "IPv6 UDP 소켓 열기")) {
                try UDP6Socket()
            }
            // Control: nobody holds this random group yet.
            guard ipv6Memberships(of: group).isEmpty else {
                throw NotRun(Text("\(group) is already joined on this machine.",
                                  ko: "이 컴퓨터에서 \(group)에 이미 누군가 가입해 있습니다."))
            }
            let call = "joinGroupV6(fd, group: \"\(group)\", interfaceIndex: \(lo))"
            try learnerCall(call) { try joinGroupV6(socket.fd, group: group, interfaceIndex: lo) }
            let rows = ipv6Memberships(of: group)
            let onLo = rows.filter { $0.interfaceIndex == lo }
            let elsewhere = rows.filter { $0.interfaceIndex != lo }.map { "\($0.interface) (\($0.interfaceIndex))" }
            try expect(!onLo.isEmpty, Text(
                "\(call) returned, but /proc/net/igmp6 lists \(group) "
                    + (elsewhere.isEmpty ? "nowhere" : "only on \(elsewhere.joined(separator: ", "))")
                    + ". Fill an ipv6_mreq with the group's in6_addr and ipv6mr_interface = "
                    + "interfaceIndex, then setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_JOIN_GROUP, "
                    + "&request, socklen_t(MemoryLayout<ipv6_mreq>.size)), and check that it returns 0.",
                ko: "\(call)이 끝났지만 /proc/net/igmp6에 \(group)이 "
                    + (elsewhere.isEmpty ? "없습니다" : "\(elsewhere.joined(separator: ", "))에만 있습니다")
                    + ". ipv6_mreq에 그룹의 in6_addr와 ipv6mr_interface = interfaceIndex를 넣고 "
                    + "setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_JOIN_GROUP, &request, "
                    + "socklen_t(MemoryLayout<ipv6_mreq>.size))를 부른 뒤 "
                    + "0을 돌려주는지 확인하세요."))
            // The membership belongs to the socket: the harness can leave it, so it was this socket's.
            do {
                try socket.leave(group, interfaceIndex: lo)
            } catch {
                throw Failure(Text(
                    "\(group) is listed on lo, but the socket given to joinGroupV6 holds no membership "
                        + "of it (leaving failed: \(error)). Join on the fd you were given.",
                    ko: "lo에는 \(group) 그룹이 있지만 joinGroupV6에 준 소켓은 그 그룹에 가입해 있지 않습니다"
                        + "(탈퇴 실패: \(error)). 받은 fd로 가입하세요."))
            }
        },

        Check("join-refuses", Text("joinGroupV6 throws for a unicast or malformed group",
                                   ko: "joinGroupV6은 유니캐스트나 형식이 틀린 그룹에 오류를 던진다")) {
            guard let lo = interfaceIndex("lo") else {
                throw NotRun(Text("This machine has no interface lo.", ko: "이 컴퓨터에는 lo 인터페이스가 없습니다."))
            }
            let socket = try L13.setup(Text("open an IPv6 UDP socket", ko: "IPv6 UDP 소켓 열기")) {
                try UDP6Socket()
            }
            // Control: a real group joins without an error.
            let good = randomGroupV6()
            try learnerCall("joinGroupV6(fd, group: \"\(good)\", interfaceIndex: \(lo))") {
                try joinGroupV6(socket.fd, group: good, interfaceIndex: lo)
            }
            for group in ["2001:db8::1", "239.255.1.2", "ff02::1::2", "not a group"] {
                var threw = false
                do { try joinGroupV6(socket.fd, group: group, interfaceIndex: lo) } catch { threw = true }
                try expect(threw, Text(
                    "joinGroupV6(fd, group: \"\(group)\", interfaceIndex: \(lo)) returned normally. "
                        + "It is not an IPv6 multicast address, so it must throw: check what inet_pton "
                        + "returns, and the result of setsockopt.",
                    ko: "joinGroupV6(fd, group: \"\(group)\", interfaceIndex: \(lo))가 오류 없이 "
                        + "끝났습니다. IPv6 멀티캐스트 주소가 아니니 오류를 던져야 합니다. inet_pton의 "
                        + "반환값과 setsockopt의 결과를 확인하세요."))
            }
        },

        Check("hops-read-back", Text("The hop limit reads back from the socket",
                                     ko: "설정한 홉 제한이 소켓에서 그대로 읽힌다")) {
            let socket = try L13.setup(Text("open an IPv6 UDP socket", ko: "IPv6 UDP 소켓 열기")) {
                try UDP6Socket()
            }
            for hops in [5, 255, 0, 1, 64] {
                try learnerCall("setMulticastHops(fd, \(hops))") { try setMulticastHops(socket.fd, hops) }
                let value = try L13.hops(socket.fd)
                try expect(Int(value) == hops, Text(
                    "After setMulticastHops(fd, \(hops)) the socket's IPV6_MULTICAST_HOPS is \(value) "
                        + "(read with getsockopt). Set it with setsockopt(fd, Int32(IPPROTO_IPV6), "
                        + "IPV6_MULTICAST_HOPS, &value, socklen_t(MemoryLayout<Int32>.size)), value an Int32."
                        + (value == 1 ? " 1 is the default: the option was not set." : ""),
                    ko: "setMulticastHops(fd, \(hops)) 뒤 소켓의 IPV6_MULTICAST_HOPS가 \(value)입니다"
                        + "(getsockopt로 읽음). Int32 값으로 setsockopt(fd, Int32(IPPROTO_IPV6), "
                        + "IPV6_MULTICAST_HOPS, &value, socklen_t(MemoryLayout<Int32>.size))를 부르세요."
                        + (value == 1 ? " 1은 기본값입니다. 옵션이 설정되지 않았습니다." : "")))
            }
        },

        Check("hops-range", Text("setMulticastHops throws outside 0...255 and changes nothing",
                                 ko: "setMulticastHops는 0...255 밖의 값에 오류를 던지고 아무것도 바꾸지 않는다")) {
            let socket = try L13.setup(Text("open an IPv6 UDP socket", ko: "IPv6 UDP 소켓 열기")) {
                try UDP6Socket()
            }
            try learnerCall("setMulticastHops(fd, 7)") { try setMulticastHops(socket.fd, 7) }
            let control = try L13.hops(socket.fd)
            try expect(control == 7, Text(
                "After setMulticastHops(fd, 7) the socket's IPV6_MULTICAST_HOPS is \(control), expected 7.",
                ko: "setMulticastHops(fd, 7) 뒤 소켓의 IPV6_MULTICAST_HOPS가 \(control)입니다. 기대값은 7입니다."))
            for hops in [256, -1, 1000] {
                var threw = false
                do { try setMulticastHops(socket.fd, hops) } catch { threw = true }
                let value = try L13.hops(socket.fd)
                let minusOne = hops == -1
                    ? Text(" (The kernel itself accepts -1 and resets the hop limit to its default, 1; "
                               + "the contract is 0...255, so check the range yourself.)",
                           ko: " (커널은 -1을 받아들여 홉 제한을 기본값 1로 되돌립니다. 계약은 0...255이니 "
                               + "범위는 직접 확인하세요.)")
                    : Text("", ko: "")
                try expect(threw, Text(
                    "setMulticastHops(fd, \(hops)) returned normally; a hop limit is 0...255, so it must "
                        + "throw." + minusOne.en,
                    ko: "setMulticastHops(fd, \(hops))가 오류 없이 끝났습니다. 홉 제한은 0...255이므로 "
                        + "오류를 던져야 합니다." + minusOne.ko))
                try expect(value == 7, Text(
                    "setMulticastHops(fd, \(hops)) threw, but the socket's hop limit changed from 7 to "
                        + "\(value). Check the range before calling setsockopt.",
                    ko: "setMulticastHops(fd, \(hops))가 오류를 던지긴 했지만 소켓의 홉 제한이 7에서 "
                        + "\(value) 값으로 바뀌었습니다. setsockopt를 부르기 전에 범위를 확인하세요."))
            }
        },

        Check("hops-arrive", Text("Sent with hop limit 5 from A, the datagram reaches your member on B with hop limit 5",
                                  ko: "A에서 홉 제한 5로 보낸 데이터그램이 B의 멤버에게 홉 제한 5로 도착한다")) {
            let network = try lab()
            let a = try network.host("A"), b = try network.host("B")
            let group = randomGroupV6()
            let port = randomPort()
            // The learner's call on A comes before the member on B starts, so a crash ends
            // this check at once.
            let sender = try L13.setup(Text("open a sender on A", ko: "A에 송신 소켓 열기")) { () -> UDP6Socket in
                let socket = try UDP6Socket()
                try socket.setMulticastInterface(index: a.interface.index)
                return socket
            }
            try learnerCall("setMulticastHops(fd, 5)") { try setMulticastHops(sender.fd, 5) }
            let hops = try L13.hops(sender.fd)
            try expect(hops == 5, Text(
                "After setMulticastHops(fd, 5) the sending socket's IPV6_MULTICAST_HOPS is \(hops), expected 5.",
                ko: "setMulticastHops(fd, 5) 뒤 보내는 소켓의 IPV6_MULTICAST_HOPS가 \(hops)입니다. 기대값은 5입니다."))
            let member = try L13.setup(Text("start the member on B", ko: "B의 멤버 시작")) {
                try network.start(role: "member6", on: "B", [group, String(port), String(b.interface.index)])
            }
            let ready = member.readLine(timeout: 5)
            let joinExpr = "joinGroupV6(fd, group: \"\(group)\", interfaceIndex: \(b.interface.index))"
            let joinCall = joinExpr + " on B"
            if let ready, ready.hasPrefix("join failed: ") {
                throw Failure(Text("\(joinCall) threw \(ready.dropFirst(13)).",
                                   ko: "B에서 \(joinExpr)가 오류를 던졌습니다: \(ready.dropFirst(13))."))
            }
            guard ready == "ready" else {
                let result = try? member.finish(timeLimit: 1)
                let errorText = result?.errorText ?? ""
                if ready == nil, let result, result.exitStatus == nil, !result.timedOut {
                    // The role died of a signal: the learner's joinGroupV6 crashed on B.
                    throw Failure(Text("\(joinCall) crashed. \(errorText)",
                                       ko: "B에서 \(joinExpr)가 비정상 종료했습니다. \(errorText)"))
                }
                throw NotRun(Text("The member on B did not start: \(ready ?? (errorText.isEmpty ? "no answer" : errorText))",
                                  ko: "B의 멤버가 시작되지 않았습니다: \(ready ?? (errorText.isEmpty ? "응답 없음" : errorText))"))
            }
            try L13.setup(Text("send to [\(group)]:\(port) through \(a.interface.name)",
                               ko: "\(a.interface.name)로 [\(group)]:\(port)에 보내기")) {
                try sender.send("hello", to: group, port: port)
            }
            let heard = member.readLine(timeout: 3)
            if heard == "nothing" || heard == nil {
                throw Failure(Text(
                    "The member on B heard nothing. Its socket was joined with \(joinCall), which "
                        + "returned normally, but B's kernel did not take the group in on eth0: "
                        + "ipv6mr_interface must be the index you were given (\(b.interface.index)), "
                        + "and the option IPV6_JOIN_GROUP at level IPPROTO_IPV6.",
                    ko: "B의 멤버가 아무것도 듣지 못했습니다. B에서 한 \(joinExpr)는 오류 없이 끝났지만 B의 커널은 "
                        + "eth0에서 그 그룹을 받아들이지 않았습니다. ipv6mr_interface는 받은 인덱스"
                        + "(\(b.interface.index))여야 하고, 옵션은 IPPROTO_IPV6 수준의 IPV6_JOIN_GROUP이어야 합니다."))
            }
            try expect(heard == "got hello (hop limit 5)", Text(
                "The member on B reported \"\(heard ?? "")\"; expected \"got hello (hop limit 5)\": the "
                    + "datagram with the hop limit 5 your setMulticastHops set. (On one link no router "
                    + "decrements it.)",
                ko: "B의 멤버가 \"\(heard ?? "")\"라고 알렸습니다. 기대값은 \"got hello (hop limit 5)\", 곧 "
                    + "setMulticastHops로 설정한 홉 제한 5를 단 데이터그램입니다. (링크 하나에서는 "
                    + "홉 제한을 줄이는 라우터가 없습니다.)"))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L13 {
        /// Strings that must give nil, and why.
        static let notScoped: [(String, Text)] = [
            ("ff06::1", Text("Scope 6 is unassigned: RFC 4291 leaves it to administrators, so it has "
                                + "no standard meaning.",
                             ko: "범위 값 6은 할당되지 않았습니다. RFC 4291은 이 값을 관리자에게 맡기므로 "
                                + "표준으로 정해진 뜻이 없습니다.")),
            ("ff00::1", Text("Scope 0 is reserved.", ko: "범위 값 0은 예약되어 있습니다.")),
            ("ff0f::1", Text("Scope f is reserved.", ko: "범위 값 f는 예약되어 있습니다.")),
            ("ff1a::1", Text("Scope a is unassigned (the flags nibble, 1, does not matter).",
                             ko: "범위 값 a는 할당되지 않았습니다(앞의 플래그 니블 1은 상관없습니다).")),
            ("2001:db8::1", Text("It is a unicast address: multicast starts with the byte ff.",
                                 ko: "유니캐스트 주소입니다. 멀티캐스트는 첫 바이트가 ff입니다.")),
            ("fe02::1", Text("The first byte is fe, not ff: not multicast.",
                             ko: "첫 바이트가 ff가 아니라 fe입니다. 멀티캐스트가 아닙니다.")),
            ("::ffff:239.1.2.3", Text("An IPv4-mapped address is IPv6 unicast, whatever the IPv4 inside.",
                                      ko: "IPv4 매핑 주소는 안에 든 IPv4와 상관없이 IPv6 유니캐스트입니다.")),
            ("239.255.1.2", Text("That is IPv4 multicast, not IPv6: inet_pton(AF_INET6) rejects it.",
                                 ko: "IPv4 멀티캐스트이지 IPv6가 아닙니다. inet_pton(AF_INET6)이 거부합니다.")),
            ("ff02::1::2", Text("\"::\" may appear once only: inet_pton(AF_INET6) rejects it.",
                                ko: "\"::\"는 한 번만 쓸 수 있습니다. inet_pton(AF_INET6)이 거부합니다.")),
            ("ff2::1", Text("That is 0ff2::1: each group of hex digits is padded on the left, so its "
                                + "first byte is 0x0f. Parse it; do not compare the text's first characters.",
                            ko: "이 주소는 0ff2::1입니다. 16진수 묶음은 왼쪽을 0으로 채우므로 첫 바이트가 "
                                + "0x0f입니다. 글자를 비교하지 말고 파싱하세요.")),
            ("garbage", Text("Not an address at all.", ko: "아예 주소가 아닙니다.")),
            ("", Text("The empty string is no address.", ko: "빈 문자열은 주소가 아닙니다.")),
        ]

        static func show(_ scope: IPv6MulticastScope?) -> String {
            scope.map { ".\($0)" } ?? "nil"
        }

        /// "ff05::2: byte 1 is 0x05, flags 0, scope 5."
        static func nibbles(_ address: String) -> Text {
            guard let parsed = ipv6(address) else { return Text("", ko: "") }
            let byte = withUnsafeBytes(of: parsed) { $0[1] }
            let flags = String(byte >> 4, radix: 16), scope = String(byte & 0xf, radix: 16)
            return Text("Its second byte is 0x\(flags)\(scope): flags \(flags) (high nibble), "
                            + "scope \(scope) (low nibble).",
                        ko: "둘째 바이트가 0x\(flags)\(scope)입니다. 높은 니블(\(flags))은 플래그, "
                            + "낮은 니블(\(scope))이 범위입니다.")
        }

        /// IPV6_MULTICAST_HOPS as the kernel holds it.
        static func hops(_ fd: Int32) throws -> Int32 {
            try setup(Text("read IPV6_MULTICAST_HOPS", ko: "IPV6_MULTICAST_HOPS 읽기")) {
                try intOption(fd, level: Int32(IPPROTO_IPV6), name: IPV6_MULTICAST_HOPS, label: "IPV6_MULTICAST_HOPS")
            }
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
    }
}
