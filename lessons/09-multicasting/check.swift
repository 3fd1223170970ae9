// Lesson 09, multicasting: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("range-edges", Text("isMulticast knows the edges of 224.0.0.0/4",
                                  ko: "isMulticast가 224.0.0.0/4의 경계를 안다")) {
            let cases = [("223.255.255.255", false), ("224.0.0.0", true),
                         ("239.255.255.255", true), ("240.0.0.0", false)]
            for (address, expected) in cases {
                let got = isMulticast(address)
                try expect(got == expected, Text(
                    "isMulticast(\"\(address)\") returned \(got), expected \(expected). "
                        + "Multicast is exactly the addresses whose first four bits are 1110: "
                        + "224.0.0.0 through 239.255.255.255.",
                    ko: "isMulticast(\"\(address)\")의 결과는 \(got)입니다. 기대값은 \(expected)입니다. "
                        + "멀티캐스트 주소는 앞의 네 비트가 1110인 주소, 곧 224.0.0.0부터 "
                        + "239.255.255.255까지입니다."))
            }
        },

        Check("malformed-not-multicast", Text("isMulticast says false to malformed addresses",
                                              ko: "isMulticast는 형식이 틀린 주소에 false를 돌려준다")) {
            try expect(isMulticast("224.0.0.1"), Text(
                "isMulticast(\"224.0.0.1\") returned false, but it is a multicast address. "
                    + "(This check needs a working isMulticast before it can test malformed input.)",
                ko: "isMulticast(\"224.0.0.1\")가 false를 돌려줬지만 이 주소는 멀티캐스트 주소입니다. "
                    + "(형식이 틀린 입력을 시험하려면 먼저 올바른 주소를 제대로 판별해야 합니다.)"))
            for address in L09.malformed {
                let got = isMulticast(address)
                try expect(!got, Text(
                    "isMulticast(\"\(address)\") returned true; inet_pton(AF_INET) rejects "
                        + "\"\(address)\", so it must be false. \(L09.whyRejected(address).en)",
                    ko: "isMulticast(\"\(address)\")가 true를 돌려줬습니다. inet_pton(AF_INET)은 "
                        + "\"\(address)\"를 받아들이지 않으니 false여야 합니다. "
                        + L09.whyRejected(address).ko))
            }
        },

        Check("number-byte-order", Text("dottedQuadToNumber puts the first octet on top",
                                        ko: "dottedQuadToNumber가 첫 옥텟을 가장 높은 자리에 둔다")) {
            let cases: [(String, UInt32)] = [
                ("224.1.2.3", 0xE001_0203), ("235.5.5.5", 0xEB05_0505), ("1.2.3.4", 0x0102_0304),
                ("255.255.255.255", 0xFFFF_FFFF), ("0.0.0.0", 0), ("239.255.0.1", 0xEFFF_0001),
            ]
            for (address, expected) in cases {
                let got = dottedQuadToNumber(address)
                guard let got else {
                    throw Failure(Text(
                        "dottedQuadToNumber(\"\(address)\") returned nil, expected \(L09.hex(expected)). "
                            + "inet_pton(AF_INET, ...) accepts this address and returns 1.",
                        ko: "dottedQuadToNumber(\"\(address)\")가 nil을 돌려줬습니다. 기대값은 "
                            + "\(L09.hex(expected))입니다. inet_pton(AF_INET, ...)은 이 주소를 "
                            + "받아들이고 1을 돌려줍니다."))
                }
                let swapped = got == expected.byteSwapped
                try expect(got == expected, Text(
                    "dottedQuadToNumber(\"\(address)\") returned \(L09.hex(got)), expected "
                        + "\(L09.hex(expected)). "
                        + (swapped ? "The bytes are reversed: s_addr holds them in network order "
                            + "(big-endian), so read it with UInt32(bigEndian: addr.s_addr)."
                            : "The first octet belongs in the top 8 bits, the last in the bottom 8."),
                    ko: "dottedQuadToNumber(\"\(address)\")의 결과는 \(L09.hex(got))입니다. "
                        + "기대값은 \(L09.hex(expected))입니다. "
                        + (swapped ? "바이트 순서가 뒤집혔습니다. s_addr에는 네트워크 바이트 순서"
                            + "(빅 엔디언)로 들어 있으니 UInt32(bigEndian: addr.s_addr)로 읽으세요."
                            : "첫 옥텟이 가장 높은 8비트, 마지막 옥텟이 가장 낮은 8비트에 와야 합니다.")))
            }
        },

        Check("number-malformed", Text("dottedQuadToNumber gives nil for malformed addresses",
                                       ko: "dottedQuadToNumber는 형식이 틀린 주소에 nil을 돌려준다")) {
            let control = dottedQuadToNumber("224.0.0.1")
            try expect(control == 0xE000_0001, Text(
                "dottedQuadToNumber(\"224.0.0.1\") returned \(L09.show(control)), expected 0xE0000001. "
                    + "(This check needs a working dottedQuadToNumber before it can test malformed input.)",
                ko: "dottedQuadToNumber(\"224.0.0.1\")의 결과는 \(L09.show(control))입니다. "
                    + "기대값은 0xE0000001입니다. (형식이 틀린 입력을 시험하려면 먼저 올바른 주소를 "
                    + "제대로 바꿔야 합니다.)"))
            for address in L09.malformed {
                let got = dottedQuadToNumber(address)
                try expect(got == nil, Text(
                    "dottedQuadToNumber(\"\(address)\") returned \(L09.show(got)), expected nil. "
                        + L09.whyRejected(address).en,
                    ko: "dottedQuadToNumber(\"\(address)\")의 결과는 \(L09.show(got))입니다. "
                        + "기대값은 nil입니다. " + L09.whyRejected(address).ko))
            }
        },

        Check("one-datagram", Text("A member receives exactly one datagram",
                                   ko: "그룹 멤버가 데이터그램을 정확히 하나 받는다")) {
            let message = "hello, group!"
            let datagram = try L09.sendAndReceiveOne(message)
            try L09.expectSameBytes(datagram, message)
        },

        Check("korean-bytes", Text("A Korean message arrives byte for byte",
                                   ko: "한글 메시지가 바이트 그대로 도착한다")) {
            let message = "안녕, 멀티캐스트!"
            let datagram = try L09.sendAndReceiveOne(message)
            try L09.expectSameBytes(datagram, message)
        },

        Check("leaves-through-loopback", Text("The datagram leaves through 127.0.0.1",
                                              ko: "데이터그램이 127.0.0.1 인터페이스로 나간다")) {
            let datagram = try L09.sendAndReceiveOne("which way?")
            try expect(datagram.sender == loopback, Text(
                "The datagram came from \(datagram.sender), expected \(loopback): sendToGroup was "
                    + "told to leave through the interface that owns \(loopback). Set "
                    + "IP_MULTICAST_IF to that address, and do not bind the socket elsewhere.",
                ko: "데이터그램의 보낸 주소가 \(datagram.sender)입니다. 기대값은 \(loopback)입니다. "
                    + "sendToGroup은 \(loopback)를 가진 인터페이스로 보내야 합니다. IP_MULTICAST_IF를 "
                    + "그 주소로 설정하고, 소켓을 다른 주소에 bind하지 마세요."))
        },

        Check("unicast-refused", Text("A unicast \"group\" is refused and nothing is sent",
                                      ko: "유니캐스트 주소는 거절하고 아무것도 보내지 않는다")) {
            let target = try L09.setup(Text("bind a socket to 127.0.0.2", ko: "127.0.0.2에 소켓 bind")) {
                try UDPSocket(bindTo: "127.0.0.2", port: 0)
            }
            let port = target.port
            var threw = false
            do {
                try sendToGroup("not for a group", group: "127.0.0.2", port: port, interface: loopback)
            } catch {
                threw = true
            }
            // A datagram of our own, sent after the call: it proves the socket can hear,
            // so "nothing else arrived" means nothing was sent.
            let sentinel = Array("sentinel".utf8)
            let prober = try L09.setup(Text("open a sending socket", ko: "보내는 소켓 열기")) {
                try UDPSocket(bindTo: loopback)
            }
            _ = try L09.setup(Text("send a test datagram to 127.0.0.2",
                                   ko: "127.0.0.2로 시험 데이터그램 보내기")) {
                try prober.send(sentinel, to: "127.0.0.2", port: port)
            }
            let arrived = target.drain()
            guard arrived.contains(where: { $0.bytes == sentinel }) else {
                throw NotRun(Text("A test datagram sent to 127.0.0.2:\(port) did not arrive, so this "
                                      + "machine cannot show whether sendToGroup sent anything.",
                                  ko: "127.0.0.2:\(port)에 보낸 시험 데이터그램이 도착하지 않아, "
                                      + "sendToGroup이 무언가를 보냈는지 이 컴퓨터에서는 확인할 수 없습니다."))
            }
            let strays = arrived.filter { $0.bytes != sentinel }.count
            let sentNote = Text(strays == 0 ? "" : " It also sent \(strays) datagram(s) to 127.0.0.2:\(port) as plain unicast.",
                                ko: strays == 0 ? "" : " 게다가 127.0.0.2:\(port)에 일반 유니캐스트 데이터그램을 \(strays)개 보냈습니다.")
            try expect(threw, Text(
                "sendToGroup(..., group: \"127.0.0.2\", ...) returned normally. 127.0.0.2 is not "
                    + "multicast (its first four bits are 0111), so it must throw." + sentNote.en,
                ko: "sendToGroup(..., group: \"127.0.0.2\", ...)가 오류 없이 끝났습니다. 127.0.0.2는 "
                    + "멀티캐스트 주소가 아니므로(앞의 네 비트가 0111) 오류를 던져야 합니다." + sentNote.ko))
            try expect(strays == 0, Text(
                "sendToGroup threw, but \(strays) datagram(s) reached 127.0.0.2:\(port) first, as plain "
                    + "unicast. Check the group before any socket is opened or anything is sent.",
                ko: "sendToGroup이 오류를 던지긴 했지만, 그 전에 데이터그램 \(strays)개가 일반 유니캐스트로 "
                    + "127.0.0.2:\(port)에 도착했습니다. 소켓을 열거나 무언가를 보내기 전에 그룹 주소부터 "
                    + "확인하세요."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L09 {
        /// Strings inet_pton(AF_INET) rejects; the first and the last three are ones inet_aton
        /// would accept.
        static let malformed = ["224.0.0", "224.0.0.256", "", "2240.0.0.1",
                                "0xE0.0.0.1", "3758096385", "224.000.0.1"]

        static func whyRejected(_ address: String) -> Text {
            switch address {
            case "224.0.0":
                return Text("It has three parts, not four (inet_aton would quietly read it as 224.0.0.0).",
                            ko: "부분이 넷이 아니라 셋입니다(inet_aton은 이를 224.0.0.0으로 슬쩍 읽어 버립니다).")
            case "224.0.0.256":
                return Text("Each part must be 0...255.", ko: "각 부분은 0~255여야 합니다.")
            case "":
                return Text("The empty string is no address.", ko: "빈 문자열은 주소가 아닙니다.")
            case "2240.0.0.1":
                return Text("2240 is no octet: do not look only at the first characters.",
                            ko: "2240은 옥텟이 아닙니다. 앞 글자만 보고 판단하면 안 됩니다.")
            case "0xE0.0.0.1", "3758096385":
                return Text("Only decimal dotted quads count (inet_aton and inet_addr accept this form; "
                                + "inet_pton does not).",
                            ko: "10진수 네 부분만 인정됩니다(inet_aton과 inet_addr은 이 형식을 받아들이지만 "
                                + "inet_pton은 거부합니다).")
            default:
                return Text("Let inet_pton(AF_INET, ...) decide: it returns 1 only for a dotted-decimal quad.",
                            ko: "inet_pton(AF_INET, ...)에게 맡기세요. 10진수 네 부분 형식일 때만 1을 돌려줍니다.")
            }
        }

        static func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
        }

        static func show(_ value: UInt32?) -> String {
            value.map(hex) ?? "nil"
        }

        /// Runs `body` for the check's own set-up; its failure is the machine's, not the learner's.
        static func setup<T>(_ what: Text, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch {
                throw NotRun(Text("Could not \(what.en): \(error).",
                                  ko: "준비 단계 실패(\(what.ko)): \(error)."))
            }
        }

        /// Joins a fresh receiver to a random group on 127.0.0.1, calls sendToGroup once, and
        /// returns the one datagram that arrived (failing unless exactly one did).
        static func sendAndReceiveOne(_ message: String) throws -> Datagram {
            let group = randomGroup()
            let receiver = try setup(Text("open a receiver", ko: "수신 소켓 열기")) {
                try UDPSocket.receiver()
            }
            try setup(Text("join \(group) on \(loopback)", ko: "\(loopback)에서 \(group) 그룹 가입")) {
                try receiver.join(group, interface: loopback)
            }
            let port = receiver.port
            let call = "sendToGroup(\"\(message)\", group: \"\(group)\", port: \(port), interface: \"\(loopback)\")"
            do {
                try sendToGroup(message, group: group, port: port, interface: loopback)
            } catch {
                throw Failure(Text(
                    "\(call) threw \(error). A group in 239.255.0.0/16 is multicast, so it should send. "
                        + "If a call failed with ENETUNREACH (\"Network is unreachable\"), the socket "
                        + "had no IP_MULTICAST_IF: set it to \(loopback) before sendto.",
                    ko: "\(call)이 오류를 던졌습니다: \(error). 239.255.0.0/16의 그룹은 멀티캐스트 주소이니 "
                        + "보내져야 합니다. ENETUNREACH(\"Network is unreachable\")로 실패했다면 "
                        + "IP_MULTICAST_IF가 빠진 것입니다. sendto 전에 \(loopback)로 설정하세요."))
            }
            let arrived = receiver.drain()
            try Harness.expect(!arrived.isEmpty, Text(
                "\(call) returned, but nothing arrived at the member. Check sendto's return value "
                    + "(a failure ignored looks like this), and that the group and the port go into "
                    + "sockaddr_in in network byte order (port.bigEndian).",
                ko: "\(call)이 끝났지만 그룹 멤버에게 아무것도 도착하지 않았습니다. sendto의 반환값을 "
                    + "확인하는지(무시된 실패가 이렇게 보입니다), 그룹 주소와 포트를 네트워크 바이트 "
                    + "순서로(port.bigEndian) sockaddr_in에 넣었는지 보세요."))
            try Harness.expect(arrived.count == 1, Text(
                "\(call) delivered \(arrived.count) datagrams to the member; one call sends exactly one.",
                ko: "\(call) 한 번에 멤버가 데이터그램 \(arrived.count)개를 받았습니다. "
                    + "한 번 호출하면 정확히 하나만 보내야 합니다."))
            return arrived[0]
        }

        static func expectSameBytes(_ datagram: Datagram, _ message: String) throws {
            let expected = Array(message.utf8)
            let got = datagram.bytes
            var hint = Text("", ko: "")
            if got.count == message.count && got.count != expected.count {
                hint = Text(" That is the number of Characters; the UTF-8 encoding has \(expected.count) "
                                + "bytes. Send Array(message.utf8) with its own count.",
                            ko: " 이것은 문자(Character) 수입니다. UTF-8로 인코딩하면 \(expected.count)바이트"
                                + "입니다. Array(message.utf8)를 그 길이 그대로 보내세요.")
            } else if got == expected + [0] {
                hint = Text(" The extra byte is the C string's terminating NUL: send only the UTF-8 bytes.",
                            ko: " 남는 한 바이트는 C 문자열 끝의 NUL입니다. UTF-8 바이트만 보내세요.")
            }
            try Harness.expect(got == expected, Text(
                "The member received \(got.count) bytes (\"\(datagram.text)\"); expected the "
                    + "\(expected.count) UTF-8 bytes of \"\(message)\"." + hint.en,
                ko: "멤버가 \(got.count)바이트(\"\(datagram.text)\")를 받았습니다. 기대값은 "
                    + "\"\(message)\"의 UTF-8 바이트 \(expected.count)개입니다." + hint.ko))
        }
    }
}
