// Lesson 02, addresses: the checks `learn check` runs against the learner's file.
// Built addresses are bound to real sockets and read back with getsockname; addresses read
// back are the kernel's own (getsockname, recvfrom), so a byte-order slip shows either way.
// Addresses this network does not have (192.0.2.0/24, 2001:db8::/32, both for documentation)
// are bound with IP_FREEBIND / IPV6_FREEBIND; nothing is ever sent to them.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("parse-ipv4", Text("parseEndpoint reads \"1.2.3.4:80\"",
                                 ko: "parseEndpoint가 \"1.2.3.4:80\"을 읽는다")) {
            try L02.expectParses([("1.2.3.4:80", "1.2.3.4", 80), ("127.0.0.1:0", "127.0.0.1", 0),
                                  ("255.255.255.255:65535", "255.255.255.255", 65535)])
        },

        Check("parse-ipv6", Text("parseEndpoint reads \"[::1]:8080\" and writes IPv6 canonically",
                                 ko: "parseEndpoint가 \"[::1]:8080\"을 읽고 IPv6를 표준 형태로 쓴다")) {
            try L02.expectParses([("[::1]:8080", "::1", 8080),
                                  ("[2001:DB8:0:0:0:0:0:1]:443", "2001:db8::1", 443),
                                  ("[0:0:0:0:0:0:0:0]:53", "::", 53),
                                  ("[2001:db8:0:1:0:0:0:1]:1", "2001:db8:0:1::1", 1),
                                  ("[::FFFF:1.2.3.4]:80", "::ffff:1.2.3.4", 80),
                                  ("[fe80::1%lo]:9", "fe80::1%lo", 9)])
        },

        Check("refuse-malformed", Text("parseEndpoint refuses malformed text",
                                       ko: "parseEndpoint가 형식이 틀린 글을 거절한다")) {
            _ = try learnerCall("parseEndpoint(\"1.2.3.4:80\")") { try parseEndpoint("1.2.3.4:80") }
            for (text, why) in L02.malformed {
                guard let got = try? parseEndpoint(text) else { continue }
                throw Failure(Text(
                    "parseEndpoint(\(quoted(text))) returned \(L02.show(got)); it must throw: \(why.en).",
                    ko: "parseEndpoint(\(quoted(text)))가 \(L02.show(got))를 돌려줬습니다. 오류를 던져야 "
                        + "합니다. \(why.ko)."))
            }
        },

        Check("format", Text("description writes \"1.2.3.4:80\", \"[::1]:8080\", \"[fe80::1%lo]:9\"",
                             ko: "description이 \"1.2.3.4:80\", \"[::1]:8080\", \"[fe80::1%lo]:9\"로 쓴다")) {
            let cases: [(IPEndpoint, String)] = [
                (IPEndpoint(host: "1.2.3.4", port: 80), "1.2.3.4:80"),
                (IPEndpoint(host: "::1", port: 8080), "[::1]:8080"),
                (IPEndpoint(host: "fe80::1%lo", port: 9), "[fe80::1%lo]:9"),
                (IPEndpoint(host: "::ffff:1.2.3.4", port: 0), "[::ffff:1.2.3.4]:0"),
            ]
            for (endpoint, expected) in cases {
                let got = endpoint.description
                try expect(got == expected, Text(
                    "IPEndpoint(host: \"\(endpoint.host)\", port: \(endpoint.port)).description is "
                        + "\(quoted(got)), expected \(quoted(expected)). An IPv6 address (it has a colon) "
                        + "goes in brackets, so its colons are not mistaken for the port's.",
                    ko: "IPEndpoint(host: \"\(endpoint.host)\", port: \(endpoint.port)).description이 "
                        + "\(quoted(got))입니다. 기대값은 \(quoted(expected))입니다. IPv6 주소(콜론이 있음)는 "
                        + "대괄호로 감싸서 주소의 콜론이 포트의 콜론과 헷갈리지 않게 합니다."))
            }
            // Text in, the same canonical text out.
            for text in ["[2001:DB8::0:1]:443", "[::FFFF:127.0.0.1]:1"] {
                let parsed = try learnerCall("parseEndpoint(\(quoted(text)))") { try parseEndpoint(text) }
                let expected = text == "[2001:DB8::0:1]:443" ? "[2001:db8::1]:443" : "[::ffff:127.0.0.1]:1"
                try expect(parsed.description == expected, Text(
                    "parseEndpoint(\(quoted(text))).description is \(quoted(parsed.description)), "
                        + "expected \(quoted(expected)).",
                    ko: "parseEndpoint(\(quoted(text))).description이 \(quoted(parsed.description))입니다. "
                        + "기대값은 \(quoted(expected))입니다."))
            }
        },

        Check("bind-ipv4", Text("makeSocketAddress(for:) for IPv4 binds a real socket where it says",
                                ko: "makeSocketAddress(for:)로 만든 IPv4 주소에 진짜 소켓이 그대로 bind된다")) {
            // 0x1234 and 0x3412 differ, and so do 192.0.2.33 and 33.2.0.192: a swap shows.
            try L02.expectBinds(IPEndpoint(host: "127.0.0.1", port: L02.freePort()))
            try L02.expectBinds(IPEndpoint(host: "192.0.2.33", port: 0x1234), freebind: true)
            try L02.expectBinds(IPEndpoint(host: "127.0.0.1", port: 0), portZero: true)
        },

        Check("bind-ipv6", Text("makeSocketAddress(for:) for IPv6 binds, zone and mapped addresses too",
                                ko: "makeSocketAddress(for:)로 만든 IPv6 주소가 bind된다(zone, 매핑 주소도)")) {
            try L02.expectBinds(IPEndpoint(host: "::1", port: L02.freePort()))
            try L02.expectBinds(IPEndpoint(host: "2001:db8::5", port: 0x1234), freebind: true)
            try L02.expectBinds(IPEndpoint(host: "fe80::1%lo", port: L02.freePort()),
                                freebind: !L02.linkLocalReady())
            try L02.expectBinds(IPEndpoint(host: "::ffff:127.0.0.1", port: L02.freePort()))
        },

        Check("read-back", Text("readSocketAddress(_:) reads what getsockname filled in",
                                ko: "readSocketAddress(_:)가 getsockname이 채운 주소를 읽는다")) {
            let linkLocal = L02.linkLocalReady()
            for (host, freebind) in [("127.0.0.1", false), ("192.0.2.77", true), ("::1", false),
                                     ("2001:db8::abcd", true), ("fe80::1", !linkLocal),
                                     ("::ffff:127.0.0.1", false)] {
                let family = host.contains(":") ? AF_INET6 : AF_INET
                let port = UInt16(0x2000 + Int.random(in: 0...0x0fff))
                let scope: UInt32 = host.hasPrefix("fe80") ? if_nametoindex("lo") : 0
                let (fd, name) = try L02.harnessBound(family: family, host: host, port: port, scope: scope,
                                                      freebind: freebind)
                defer { close(fd) }
                let expected = IPEndpoint(host: scope != 0 ? host + "%lo" : host, port: port)
                let got = try learnerCall("readSocketAddress(getsockname of a socket bound to \(expected))") {
                    try readSocketAddress(name)
                }
                try L02.expectSame(got, expected, Text("getsockname of a socket bound to \(expected)",
                                                       ko: "\(expected)에 bind한 소켓의 getsockname"))
            }
            var unix = sockaddr_storage()
            unix.ss_family = sa_family_t(AF_UNIX)
            if let got = try? readSocketAddress(unix) {
                throw Failure(Text(
                    "readSocketAddress(_:) of an AF_UNIX address returned \(L02.show(got)); it must throw.",
                    ko: "AF_UNIX 주소에 readSocketAddress(_:)가 \(L02.show(got))를 돌려줬습니다. 오류를 던져야 합니다."))
            }
        },

        Check("datagram-round-trip", Text("A datagram sent to built addresses arrives; its sender reads back",
                                          ko: "만든 주소로 보낸 데이터그램이 도착하고, 보낸 쪽 주소를 읽는다")) {
            guard L02.linkLocalReady() else {
                throw NotRun(Text("fe80::1 could not be put on lo: that needs the private network.",
                                  ko: "lo에 fe80::1을 둘 수 없습니다. 사설 네트워크가 필요합니다."))
            }
            for host in ["127.0.0.1", "::1", "fe80::1%lo"] {
                try L02.roundTrip(host)
            }
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L02 {
        static let malformed: [(String, Text)] = [
            ("1.2.3.4", Text("there is no port", ko: "포트가 없습니다")),
            ("1.2.3.4:", Text("the port is empty", ko: "포트가 비었습니다")),
            ("1.2.3.4:65536", Text("65536 does not fit in 16 bits", ko: "65536은 16비트에 들어가지 않습니다")),
            ("1.2.3.4:-1", Text("a port has no sign", ko: "포트에는 부호가 없습니다")),
            ("1.2.3.4:+80", Text("a port has no sign", ko: "포트에는 부호가 없습니다")),
            ("1.2.3.4:80a", Text("\"80a\" is not a number", ko: "\"80a\"는 숫자가 아닙니다")),
            ("1.2.3.4:123456", Text("a port has at most 5 digits", ko: "포트는 다섯 자리까지입니다")),
            ("::1:80", Text("an IPv6 address needs brackets: \"[::1]:80\" (without, \"::1:80\" is itself "
                                + "an address, and which colon starts the port?)",
                            ko: "IPv6 주소에는 대괄호가 필요합니다. \"[::1]:80\"(대괄호가 없으면 \"::1:80\" 자체가 "
                                + "주소이기도 해서 어느 콜론부터 포트인지 알 수 없습니다)")),
            ("[::1]", Text("there is no port", ko: "포트가 없습니다")),
            ("[::1]80", Text("a colon must follow the bracket", ko: "대괄호 뒤에 콜론이 와야 합니다")),
            ("[::1]:", Text("the port is empty", ko: "포트가 비었습니다")),
            ("[::1:80", Text("the bracket is never closed", ko: "대괄호가 닫히지 않았습니다")),
            ("[1.2.3.4]:80", Text("brackets are for IPv6 addresses", ko: "대괄호는 IPv6 주소에만 씁니다")),
            ("1.2.3:80", Text("inet_pton(AF_INET) wants four numbers", ko: "inet_pton(AF_INET)은 숫자 네 개를 원합니다")),
            ("256.1.1.1:80", Text("256 is not an octet", ko: "256은 옥텟이 아닙니다")),
            ("localhost:80", Text("a name is not a numeric address (lesson 04 resolves names)",
                                  ko: "이름은 숫자 주소가 아닙니다(이름 풀기는 레슨 04에서 합니다)")),
            ("[::g]:80", Text("g is not a hex digit", ko: "g는 16진수 숫자가 아닙니다")),
            ("[fe80::1%no-such-if]:9", Text("this host has no interface \"no-such-if\"",
                                            ko: "이 호스트에는 \"no-such-if\" 인터페이스가 없습니다")),
            ("[fe80::1%]:9", Text("the zone after % is empty", ko: "% 뒤의 zone이 비었습니다")),
            ("", Text("it is empty", ko: "빈 글입니다")),
            (":80", Text("there is no address", ko: "주소가 없습니다")),
            (" 1.2.3.4:80", Text("a space is not part of an address", ko: "공백은 주소의 일부가 아닙니다")),
        ]

        static func show(_ endpoint: IPEndpoint) -> String {
            "IPEndpoint(host: \"\(endpoint.host)\", port: \(endpoint.port))"
        }

        static func expectParses(_ cases: [(String, String, UInt16)]) throws {
            for (text, host, port) in cases {
                let got = try learnerCall("parseEndpoint(\(quoted(text)))") { try parseEndpoint(text) }
                let expected = IPEndpoint(host: host, port: port)
                guard got != expected else { continue }
                var why = Text("", ko: "")
                if got.host == host && got.port == port.byteSwapped {
                    why = Text(" The port's bytes are swapped: the text is a plain number; only the "
                                   + "sockaddr holds it in network byte order.",
                               ko: " 포트의 바이트가 뒤바뀌었습니다. 글에 쓰인 포트는 그냥 숫자이고, "
                                   + "네트워크 바이트 순서는 sockaddr 안에서만입니다.")
                } else if got.host != host && got.host.lowercased() != got.host {
                    why = Text(" Write the address with inet_ntop: lower case, longest run of zeros as ::.",
                               ko: " 주소는 inet_ntop으로 쓰세요. 소문자로, 가장 긴 0의 연속은 ::로 씁니다.")
                } else if got.host != host {
                    why = Text(" Parse the address with inet_pton and write it back with inet_ntop "
                                   + "(the zone after % stays as it is).",
                               ko: " 주소를 inet_pton으로 읽고 inet_ntop으로 다시 쓰세요(% 뒤의 zone은 그대로).")
                }
                throw Failure(Text(
                    "parseEndpoint(\(quoted(text))) returned \(show(got)), expected \(show(expected))." + why.en,
                    ko: "parseEndpoint(\(quoted(text)))가 \(show(got))를 돌려줬습니다. 기대값은 "
                        + "\(show(expected))입니다." + why.ko))
            }
        }

        /// A port that is free for both TCP-less uses here: 0x4000-0x4fff with distinct bytes.
        static func freePort() -> UInt16 {
            while true {
                let port = UInt16.random(in: 0x4001...0x4ffe)
                if port != port.byteSwapped { return port }
            }
        }

        /// Puts fe80::1 on lo (only in the private network) and says whether datagrams sent to
        /// it arrive. Where it cannot be, binding it needs IPV6_FREEBIND, and nothing can be sent to it.
        static func linkLocalReady() -> Bool {
            if !hasLinkLocal() {
                guard (try? runIP(["-6", "addr", "add", "fe80::1/64", "dev", "lo", "nodad"])) != nil,
                      hasLinkLocal() else { return false }
            }
            return linkLocalDelivers()
        }

        /// With `nodad` the address is never tentative and binds at once, but the kernel installs
        /// its local route (`ip -6 route show table local`) from a work queue a moment later:
        /// a datagram sent in between is routed off lo and lost (seen 1 in 300 tries, more under
        /// load). So wait until the harness's own datagram to fe80::1%lo comes back.
        static func linkLocalDelivers() -> Bool {
            guard let (fd, name) = try? harnessBound(family: AF_INET6, host: "fe80::1", port: 0,
                                                     scope: if_nametoindex("lo"), freebind: false)
            else { return false }
            defer { close(fd) }
            var to = name
            let deadline = monotonicSeconds() + 5
            while monotonicSeconds() < deadline {
                _ = withUnsafePointer(to: &to) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, "probe", 5, 0, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                    }
                }
                if waitReadable(fd, timeout: 0.05) { return true }
            }
            return false
        }

        static func hasLinkLocal() -> Bool {
            let fd = socket(AF_INET6, Int32(SOCK_DGRAM.rawValue), 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            inet_pton(AF_INET6, "fe80::1", &address.sin6_addr)
            address.sin6_scope_id = if_nametoindex("lo")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            } == 0
        }

        /// The harness's own reading of an address: canonical text, "%name" for a scope, port.
        static func read(_ storage: sockaddr_storage) -> IPEndpoint? {
            var copy = storage
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            switch Int32(storage.ss_family) {
            case AF_INET:
                var address = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in.self) }
                inet_ntop(AF_INET, &address.sin_addr, &text, socklen_t(text.count))
                return IPEndpoint(host: String(cString: text), port: UInt16(bigEndian: address.sin_port))
            case AF_INET6:
                var address = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in6.self) }
                inet_ntop(AF_INET6, &address.sin6_addr, &text, socklen_t(text.count))
                var host = String(cString: text)
                if address.sin6_scope_id != 0 {
                    var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE))
                    host += "%" + (if_indextoname(address.sin6_scope_id, &name).map { String(cString: $0) }
                        ?? "\(address.sin6_scope_id)")
                }
                return IPEndpoint(host: host, port: UInt16(bigEndian: address.sin6_port))
            default:
                return nil
            }
        }

        static func name(_ fd: Int32) -> sockaddr_storage {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            _ = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            return storage
        }

        static func datagramSocket(_ family: Int32, freebind: Bool) throws -> Int32 {
            let fd = socket(family, Int32(SOCK_DGRAM.rawValue), 0)
            guard fd >= 0 else { throw NotRun(Text(errnoText("socket"), ko: errnoText("socket"))) }
            var on: Int32 = 1
            if freebind {
                let (level, option) = family == AF_INET6 ? (Int32(IPPROTO_IPV6), IPV6_FREEBIND)
                                                        : (Int32(IPPROTO_IP), IP_FREEBIND)
                setsockopt(fd, level, option, &on, socklen_t(MemoryLayout<Int32>.size))
            }
            if family == AF_INET6 {
                // Dual stack, so that an IPv4-mapped address can be bound too.
                var off: Int32 = 0
                setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &off, socklen_t(MemoryLayout<Int32>.size))
            }
            return fd
        }

        /// A socket the harness bound itself; its getsockname.
        static func harnessBound(family: Int32, host: String, port: UInt16, scope: UInt32,
                                 freebind: Bool) throws -> (Int32, sockaddr_storage) {
            let fd = try datagramSocket(family, freebind: freebind)
            var (storage, length) = try socketAddress(any: host, port)
            if scope != 0 {
                withUnsafeMutableBytes(of: &storage) { raw in
                    var address = raw.load(as: sockaddr_in6.self)
                    address.sin6_scope_id = scope
                    raw.storeBytes(of: address, as: sockaddr_in6.self)
                }
            }
            let status = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            guard status == 0 else {
                let text = errnoText("bind")
                close(fd)
                throw NotRun(Text("(set-up) binding \(host) port \(port): \(text)",
                                  ko: "(준비) \(host) 포트 \(port)에 bind: \(text)"))
            }
            return (fd, name(fd))
        }

        /// The learner's sockaddr for `endpoint`, bound to a real socket, read back by getsockname.
        static func expectBinds(_ endpoint: IPEndpoint, freebind: Bool = false, portZero: Bool = false) throws {
            let family = endpoint.host.contains(":") ? AF_INET6 : AF_INET
            let familyName = family == AF_INET6 ? "AF_INET6" : "AF_INET"
            let built = try learnerCall("makeSocketAddress(for: \(show(endpoint)))") { try makeSocketAddress(for: endpoint) }
            let size = family == AF_INET6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size
            try expect(Int32(built.storage.ss_family) == family, Text(
                "makeSocketAddress(for: \(show(endpoint))) gave ss_family \(built.storage.ss_family), "
                    + "expected \(familyName) (\(family)).",
                ko: "makeSocketAddress(for: \(show(endpoint)))의 ss_family가 \(built.storage.ss_family)입니다. "
                    + "기대값은 \(familyName)(\(family))입니다."))
            try expect(Int(built.length) == size, Text(
                "makeSocketAddress(for: \(show(endpoint))) gave length \(built.length), expected \(size): "
                    + "MemoryLayout<\(family == AF_INET6 ? "sockaddr_in6" : "sockaddr_in")>.size, not the "
                    + "storage's 128.",
                ko: "makeSocketAddress(for: \(show(endpoint)))의 길이가 \(built.length)입니다. 기대값은 \(size)"
                    + "(MemoryLayout<\(family == AF_INET6 ? "sockaddr_in6" : "sockaddr_in")>.size)이고, "
                    + "storage의 128이 아닙니다."))
            let fd = try datagramSocket(family, freebind: freebind)
            defer { close(fd) }
            var storage = built.storage
            let status = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, built.length) }
            }
            if status != 0 {
                let code = errno
                var why = Text("", ko: "")
                if code == EINVAL && endpoint.host.contains("%") {
                    why = Text(" A link-local address needs its interface: set sin6_scope_id to "
                                   + "if_nametoindex(zone).",
                               ko: " 링크 로컬 주소에는 인터페이스가 필요합니다. sin6_scope_id에 "
                                   + "if_nametoindex(zone)을 넣으세요.")
                } else if code == EADDRNOTAVAIL {
                    why = Text(" The kernel saw an address this host does not have: are the address's "
                                   + "bytes what inet_pton wrote?",
                               ko: " 커널이 이 호스트에 없는 주소를 봤습니다. 주소 바이트가 inet_pton이 "
                                   + "쓴 그대로인가요?")
                }
                throw Failure(Text(
                    "bind with makeSocketAddress(for: \(show(endpoint))) failed: "
                        + "\(String(cString: strerror(code))).\(why.en)",
                    ko: "makeSocketAddress(for: \(show(endpoint)))로 bind가 실패했습니다: "
                        + "\(String(cString: strerror(code))).\(why.ko)"))
            }
            guard let got = read(name(fd)) else {
                throw Failure(Text("getsockname after the bind gave no IP address.",
                                   ko: "bind 뒤의 getsockname이 IP 주소를 주지 않았습니다."))
            }
            if portZero {
                try expect(got.host == endpoint.host && got.port != 0, Text(
                    "Bound with makeSocketAddress(for: \(show(endpoint))); getsockname says \(got). Port 0 "
                        + "asks the kernel for a free port, and the address must stay \(endpoint.host).",
                    ko: "makeSocketAddress(for: \(show(endpoint)))로 bind했더니 getsockname은 \(got)입니다. "
                        + "포트 0은 커널에 빈 포트를 달라는 뜻이고, 주소는 \(endpoint.host) 그대로여야 합니다."))
                return
            }
            try expectSame(got, endpoint, Text("getsockname after binding makeSocketAddress(for: \(show(endpoint)))",
                                               ko: "makeSocketAddress(for: \(show(endpoint)))로 bind한 뒤의 getsockname"))
        }

        /// `got` must be `expected`; names a byte swap when that is what happened.
        static func expectSame(_ got: IPEndpoint, _ expected: IPEndpoint, _ what: Text) throws {
            if got == expected { return }
            var why = Text("", ko: "")
            if got.host == expected.host && got.port == expected.port.byteSwapped {
                why = Text(" The port's two bytes are swapped: sin_port/sin6_port holds port.bigEndian, "
                               + "and reads back with UInt16(bigEndian:).",
                           ko: " 포트의 두 바이트가 뒤바뀌었습니다. sin_port/sin6_port에는 port.bigEndian을 "
                               + "넣고, UInt16(bigEndian:)으로 읽습니다.")
            } else if got.host != expected.host && expected.host.hasSuffix("%lo") {
                why = Text(" The zone comes from sin6_scope_id: if_indextoname gives the interface's name.",
                           ko: " zone은 sin6_scope_id에서 옵니다. if_indextoname이 인터페이스 이름을 줍니다.")
            } else if got.host != expected.host {
                why = Text(" The address's bytes are already in network order: let inet_pton and "
                               + "inet_ntop handle them, and do not swap them.",
                           ko: " 주소 바이트는 이미 네트워크 순서입니다. inet_pton과 inet_ntop에 맡기고 "
                               + "뒤집지 마세요.")
            }
            throw Failure(Text("\(what.en) is \(expected); got \(show(got))." + why.en,
                               ko: "\(what.ko)는 \(expected)입니다. 결과는 \(show(got))입니다." + why.ko))
        }

        /// A receiver bound by the harness on `host`; the learner's sockaddr as sendto's
        /// destination; recvfrom's sender address read by the learner's readSocketAddress(_:).
        static func roundTrip(_ host: String) throws {
            let family = host.contains(":") ? AF_INET6 : AF_INET
            let plain = String(host.split(separator: "%")[0])
            let scope: UInt32 = host.contains("%") ? if_nametoindex("lo") : 0
            let port = freePort()
            let (receiver, _) = try harnessBound(family: family, host: plain, port: port, scope: scope, freebind: false)
            defer { close(receiver) }
            let (sender, senderName) = try harnessBound(family: family, host: plain, port: 0, scope: scope, freebind: false)
            defer { close(sender) }
            let destination = IPEndpoint(host: host, port: port)
            var built = try learnerCall("makeSocketAddress(for: \(show(destination)))") { try makeSocketAddress(for: destination) }
            let payload = Array("to \(destination)".utf8)
            // After the learner's datagram, a sentinel to the receiver's own address: a datagram
            // the learner sent elsewhere is known lost when the sentinel arrives, not after a timeout.
            let sentinel = Array("sentinel".utf8)
            var receiverName = name(receiver)
            let sent = payload.withUnsafeBytes { bytes in
                withUnsafePointer(to: &built.storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(sender, bytes.baseAddress, bytes.count, 0, $0, built.length)
                    }
                }
            }
            guard sent == payload.count else {
                throw Failure(Text(
                    "sendto with makeSocketAddress(for: \(show(destination))) as the destination failed: "
                        + "\(String(cString: strerror(errno))).",
                    ko: "makeSocketAddress(for: \(show(destination)))를 목적지로 한 sendto가 실패했습니다: "
                        + "\(String(cString: strerror(errno)))."))
            }
            let sentinelSent = sentinel.withUnsafeBytes { bytes in
                withUnsafePointer(to: &receiverName) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(sender, bytes.baseAddress, bytes.count, 0, $0,
                               socklen_t(MemoryLayout<sockaddr_storage>.size))
                    }
                }
            } == sentinel.count
            guard sentinelSent, waitReadable(receiver, timeout: 5) else {
                throw NotRun(Text("(set-up) the harness's own datagram to \(destination) did not arrive.",
                                  ko: "(준비) 하네스가 \(destination)로 보낸 데이터그램이 도착하지 않았습니다."))
            }
            var buffer = [UInt8](repeating: 0, count: 512)
            var from = sockaddr_storage()
            func receive() -> [UInt8] {
                var fromLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let n = withUnsafeMutablePointer(to: &from) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(receiver, &buffer, buffer.count, Int32(MSG_DONTWAIT), $0, &fromLength)
                    }
                }
                return Array(buffer[0..<max(n, 0)])
            }
            var first = receive()
            // Loopback delivers from per-CPU queues: had this thread moved to the other CPU
            // between the two sends while the first queue waited, the sentinel could come first.
            if first == sentinel && waitReadable(receiver, timeout: 0.5) { first = receive() }
            try expect(first == payload, Text(
                "A datagram sent to makeSocketAddress(for: \(show(destination))) did not arrive at the socket "
                    + "bound to \(destination) (the harness's datagram sent after it did): the address or "
                    + "the port in the sockaddr is not that one.",
                ko: "makeSocketAddress(for: \(show(destination)))로 보낸 데이터그램이 \(destination)에 bind한 "
                    + "소켓에 도착하지 않았습니다(그 뒤에 하네스가 보낸 데이터그램은 도착했습니다). sockaddr 안의 "
                    + "주소나 포트가 그것이 아닙니다."))
            guard let sender = read(senderName) else { return }
            let got = try learnerCall("readSocketAddress(recvfrom's sender address)") { try readSocketAddress(from) }
            try expectSame(got, sender, Text("The sender address recvfrom filled in",
                                             ko: "recvfrom이 채운 보낸 쪽 주소"))
        }
    }
}
