// Lesson 14, socket helpers: the checks `learn check` runs against the learner's file.
// Every expected value comes from the system itself: /etc/services as the check reads it,
// the addresses the harness bound and accept reported, getaddrinfo, uname, Python.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("service-ports", Text("port(ofService:protocol:) agrees with /etc/services",
                                    ko: "port(ofService:protocol:)가 /etc/services와 같은 값을 준다")) {
            let table = try L14.servicesFile()
            var asked = 0
            for (name, proto) in L14.serviceQuestions {
                guard let expected = table.port(name, proto) else { continue }
                asked += 1
                let got = port(ofService: name, protocol: proto)
                let call = "port(ofService: \"\(name)\", protocol: \"\(proto)\")"
                guard let got else {
                    throw Failure(Text(
                        "\(call) returned nil, but /etc/services has \(name) \(expected)/\(proto). "
                            + "getservbyname(name, proto) finds it (aliases too, like www for http).",
                        ko: "\(call)이 nil을 돌려줬지만 /etc/services에는 \(name) \(expected)/\(proto)가 "
                            + "있습니다. getservbyname(name, proto)가 찾아 줍니다(www처럼 http의 별칭도)."))
                }
                let swapped = got == expected.byteSwapped && expected != expected.byteSwapped
                try expect(got == expected, Text(
                    "\(call) returned \(got), but /etc/services says \(expected). "
                        + (swapped ? "The two bytes are swapped: s_port is in network byte order. "
                            + "Read it with UInt16(bigEndian: UInt16(truncatingIfNeeded: s_port))."
                            : "Take the port from the servent that getservbyname returns."),
                    ko: "\(call)이 \(got)를 돌려줬지만 /etc/services에는 \(expected)입니다. "
                        + (swapped ? "두 바이트가 뒤바뀌었습니다. s_port는 네트워크 바이트 순서입니다. "
                            + "UInt16(bigEndian: UInt16(truncatingIfNeeded: s_port))로 읽으세요."
                            : "getservbyname이 돌려준 servent에서 포트를 꺼내세요.")))
            }
            if asked == 0 {
                throw NotRun(Text("/etc/services lists none of http, domain, ssh, www, postgresql.",
                                  ko: "/etc/services에 http, domain, ssh, www, postgresql이 하나도 없습니다."))
            }
        },

        Check("service-unknown", Text("An unknown service or protocol gives nil",
                                      ko: "모르는 서비스나 프로토콜이면 nil을 돌려준다")) {
            let table = try L14.servicesFile()
            let unknown = "no-such-service-\(Int.random(in: 1000...9999))"
            var questions = [(unknown, "tcp"), (unknown, "udp"), ("http", "no-such-protocol")]
            // A name the file has for one protocol only, asked with the other.
            if let (name, proto) = L14.oneProtocolOnly(table) { questions.append((name, proto)) }
            for (name, proto) in questions {
                try expect(table.port(name, proto) == nil, Text(
                    "(set-up) /etc/services unexpectedly lists \(name)/\(proto).",
                    ko: "(준비) /etc/services에 \(name)/\(proto)가 있습니다."))
                let got = port(ofService: name, protocol: proto)
                try expect(got == nil, Text(
                    "port(ofService: \"\(name)\", protocol: \"\(proto)\") returned \(got.map(String.init) ?? "nil"), "
                        + "expected nil: /etc/services has no \(name)/\(proto). getservbyname returns "
                        + "a null pointer then; return nil when it does.",
                    ko: "port(ofService: \"\(name)\", protocol: \"\(proto)\")가 \(got.map(String.init) ?? "nil")를 "
                        + "돌려줬습니다. 기대값은 nil입니다. /etc/services에 \(name)/\(proto)가 없으면 "
                        + "getservbyname은 널 포인터를 돌려주니, 그때 nil을 돌려주세요."))
            }
        },

        Check("ipv4-endpoints", Text("Both ends of a TCP connection on 127.0.0.1",
                                     ko: "127.0.0.1의 TCP 연결 양쪽 끝 주소")) {
            try L14.checkEndpoints(on: "127.0.0.1")
        },

        Check("ipv6-endpoints", Text("Both ends of a TCP connection on ::1 (IPv6)",
                                     ko: "::1(IPv6)의 TCP 연결 양쪽 끝 주소")) {
            try L14.checkEndpoints(on: "::1")
        },

        Check("unconnected-peer", Text("peerEndpoint throws for an unconnected UDP socket",
                                       ko: "연결되지 않은 UDP 소켓이면 peerEndpoint가 오류를 던진다")) {
            let socket = try L14.setup(Text("open a UDP socket on 127.0.0.1", ko: "127.0.0.1에 UDP 소켓 열기")) {
                try UDPSocket(bindTo: loopback)
            }
            let port = socket.port
            let local = try learnerCall("localEndpoint(of:) on a UDP socket bound to 127.0.0.1:\(port)") {
                try localEndpoint(of: socket.fd)
            }
            try expect(local.host == loopback && local.port == port, Text(
                "localEndpoint(of:) of a UDP socket bound to 127.0.0.1:\(port) returned "
                    + "\(L14.show(local)).",
                ko: "127.0.0.1:\(port)에 bind한 UDP 소켓에 localEndpoint(of:)를 부르니 "
                    + "\(L14.show(local))가 나왔습니다."))
            do {
                let peer = try peerEndpoint(of: socket.fd)
                throw Failure(Text(
                    "peerEndpoint(of:) returned \(L14.show(peer)) for a UDP socket that never called "
                        + "connect. getpeername fails there with ENOTCONN; check its return value "
                        + "and throw.",
                    ko: "connect를 한 적 없는 UDP 소켓인데 peerEndpoint(of:)의 결과는 \(L14.show(peer))"
                        + "입니다. 이때 getpeername은 ENOTCONN으로 실패합니다. 반환값을 확인하고 "
                        + "오류를 던지세요."))
            } catch let failure as Failure {
                throw failure
            } catch {
                // Any error will do.
            }
        },

        Check("resolve-localhost", Text("resolve(\"localhost\") gives getaddrinfo's addresses once each",
                                        ko: "resolve(\"localhost\")가 getaddrinfo의 주소를 하나씩만 준다")) {
            let got = try learnerCall("resolve(\"localhost\")") { try resolve("localhost") }
            try L14.expectDistinct(got, "localhost")
            try expect(got.contains(loopback), Text(
                "resolve(\"localhost\") returned \(got), without 127.0.0.1.",
                ko: "resolve(\"localhost\")의 결과가 \(got)인데 127.0.0.1이 없습니다."))
            try L14.expectSystemAnswer(got, "localhost")
        },

        Check("resolve-numeric", Text("resolve takes numeric IPv4 and IPv6 addresses",
                                      ko: "resolve가 숫자로 쓴 IPv4, IPv6 주소도 받는다")) {
            for host in ["127.0.0.1", "::1"] {
                let got: [String]
                do {
                    got = try resolve(host)
                } catch {
                    throw Failure(Text(
                        "resolve(\"\(host)\") threw \(error). getaddrinfo accepts a numeric address "
                            + "as well as a name; with hints.ai_family = AF_UNSPEC both families come back.",
                        ko: "resolve(\"\(host)\")가 오류를 던졌습니다: \(error). getaddrinfo는 이름뿐 아니라 "
                            + "숫자 주소도 받습니다. hints.ai_family = AF_UNSPEC이면 두 패밀리가 다 나옵니다."))
                }
                try L14.expectDistinct(got, host)
                try L14.expectSystemAnswer(got, host)
            }
        },

        Check("resolve-unknown", Text("resolve throws for a name that does not exist",
                                      ko: "없는 이름이면 resolve가 오류를 던진다")) {
            let host = "no.such.host.invalid"
            do {
                let got = try resolve(host)
                throw Failure(Text(
                    "resolve(\"\(host)\") returned \(got). The name .invalid never exists (RFC 6761), "
                        + "so getaddrinfo returns an EAI_* code, not 0: throw then.",
                    ko: "resolve(\"\(host)\")의 결과는 \(got)입니다. .invalid로 끝나는 이름은 절대 "
                        + "존재하지 않으므로(RFC 6761) getaddrinfo는 0이 아닌 EAI_* 코드를 돌려줍니다. "
                        + "그때 오류를 던지세요."))
            } catch let failure as Failure {
                throw failure
            } catch {
                // Any error will do.
            }
        },

        Check("host-name", Text("hostName() is the kernel's host name",
                                ko: "hostName()이 커널의 호스트 이름과 같다")) {
            let expected = L14.kernelHostName()
            let got = hostName()
            try expect(got == expected, Text(
                "hostName() returned \"\(got)\"; the kernel (uname) says \"\(expected)\". "
                    + "gethostname fills a buffer you give it (at least HOST_NAME_MAX + 1 = 65 "
                    + "bytes) with a NUL-terminated name.",
                ko: "hostName()이 \"\(got)\"를 돌려줬지만 커널(uname)은 \"\(expected)\"라고 합니다. "
                    + "gethostname은 넘겨준 버퍼(HOST_NAME_MAX + 1 = 65바이트 이상)에 NUL로 끝나는 "
                    + "이름을 채워 줍니다."))
        },

        Check("fqdn-like-python", Text("fullyQualifiedName answers as Python's socket.getfqdn",
                                       ko: "fullyQualifiedName이 파이썬 socket.getfqdn과 같은 답을 한다")) {
            let names = ["", "localhost", "127.0.0.1"]
            let python = L14.python
            let script = "import socket, sys\nfor n in sys.argv[1:]: print(socket.getfqdn(n))"
            guard access(python, X_OK) == 0 else {
                throw NotRun(Text("\(python) is missing, so there is no Python to compare with.",
                                  ko: "\(python) 명령이 없어서 비교할 파이썬이 없습니다."))
            }
            let run: ProgramResult
            do {
                run = try runProgram([python, "-c", script] + names, timeLimit: 4)
            } catch {
                throw NotRun(Text("Could not run \(python): \(error).",
                                  ko: "\(python) 명령을 실행할 수 없습니다: \(error)."))
            }
            let answers = run.outputText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard run.succeeded, answers.count >= names.count else {
                throw NotRun(Text("\(python) did not answer: \(run.errorText)",
                                  ko: "\(python) 명령이 답하지 않았습니다: \(run.errorText)"))
            }
            for (name, expected) in zip(names, answers) {
                let got = fullyQualifiedName(name)
                try expect(got == expected, Text(
                    "fullyQualifiedName(\"\(name)\") returned \"\(got)\"; Python's "
                        + "socket.getfqdn(\"\(name)\") says \"\(expected)\" on this machine. "
                        + L14.fqdnSteps.en,
                    ko: "fullyQualifiedName(\"\(name)\")가 \"\(got)\"를 돌려줬지만 이 컴퓨터에서 파이썬 "
                        + "socket.getfqdn(\"\(name)\")은 \"\(expected)\"입니다. " + L14.fqdnSteps.ko))
            }
        },

        Check("read-lines", Text("readLines returns the peer's lines exactly",
                                 ko: "readLines가 상대가 보낸 줄을 그대로 돌려준다")) {
            let long = String(repeating: "0123456789", count: 1000)
            let lines = ["first line", "CR LF ends this one", "", "안녕하세요, 소켓!", long,
                         "  spaces stay  ", "the last line has no newline"]
            let endings = ["\n", "\r\n", "\n", "\n", "\n", "\n", ""]
            let payload = zip(lines, endings).map { $0 + $1 }.joined()
            let got = try L14.readLinesSent(payload)
            try L14.expectLines(got, lines, payload)
        },

        Check("read-lines-ends", Text("A final newline adds no empty line; nothing gives no lines",
                                      ko: "마지막 줄바꿈은 빈 줄을 만들지 않고, 빈 입력은 빈 배열이다")) {
            for (payload, lines) in [("one\ntwo\n", ["one", "two"]), ("\n", [""]),
                                     ("one\r\ntwo\r\n", ["one", "two"]), ("", [])] {
                let got = try L14.readLinesSent(payload)
                try L14.expectLines(got, lines, payload)
            }
        },

        Check("read-lines-fd-open", Text("After readLines the socket is still open and usable",
                                         ko: "readLines 뒤에도 소켓이 열려 있고 쓸 수 있다")) {
            let connection = try L14.setup(Text("connect on 127.0.0.1", ko: "127.0.0.1에서 연결")) {
                try TCPConnection()
            }
            writeAll(connection.client, Array("one\ntwo\n".utf8))
            shutdown(connection.client, Int32(SHUT_WR))
            _ = try learnerCall("readLines(from:)") { try readLines(from: connection.server) }
            try expect(fcntl(connection.server, F_GETFD) != -1, Text(
                "After readLines(from: fd), fd is closed (fcntl(fd, F_GETFD) fails: "
                    + "\(String(cString: strerror(errno)))). fclose closes the descriptor under "
                    + "the FILE stream: give fdopen a dup(fd), never fd itself.",
                ko: "readLines(from: fd) 뒤에 fd가 닫혀 있습니다(fcntl(fd, F_GETFD) 실패: "
                    + "\(String(cString: strerror(errno)))). fclose는 FILE 스트림 밑의 디스크립터를 "
                    + "닫습니다. fdopen에는 fd가 아니라 dup(fd)를 넘기세요."))
            // Still the same connection: a reply written on fd reaches the peer.
            let reply = Array("still here\n".utf8)
            let sent = reply.withUnsafeBytes { send(connection.server, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            try expect(sent == reply.count, Text(
                "fd is open after readLines, but sending on it failed: \(String(cString: strerror(errno))).",
                ko: "readLines 뒤에 fd는 열려 있지만 그 위로 보내기가 실패했습니다: "
                    + "\(String(cString: strerror(errno)))."))
            shutdown(connection.server, Int32(SHUT_WR))
            let echoed = readToEnd(connection.client, timeout: 2)
            try expect(echoed == reply, Text(
                "After readLines, a reply sent on fd did not reach the peer intact.",
                ko: "readLines 뒤에 fd로 보낸 답장이 상대에게 온전히 도착하지 않았습니다."))
        },

        Check("read-lines-no-leak", Text("readLines leaves no descriptor open behind it",
                                         ko: "readLines가 열어 둔 디스크립터를 남기지 않는다")) {
            let connection = try L14.setup(Text("connect on 127.0.0.1", ko: "127.0.0.1에서 연결")) {
                try TCPConnection()
            }
            writeAll(connection.client, Array("one\ntwo\n".utf8))
            shutdown(connection.client, Int32(SHUT_WR))
            let before = openDescriptors()
            _ = try learnerCall("readLines(from:)") { try readLines(from: connection.server) }
            let after = openDescriptors()
            let extra = after.subtracting(before).sorted()
            try expect(extra.isEmpty, Text(
                "readLines left \(extra.count) more descriptor(s) open (\(extra)). Close the FILE "
                    + "stream with fclose when you are done (defer): it closes the dup under it.",
                ko: "readLines가 디스크립터를 \(extra.count)개 더 열어 둔 채 끝났습니다(\(extra)). "
                    + "다 읽었으면 FILE 스트림을 fclose로 닫으세요(defer). 그 밑의 dup도 함께 닫힙니다."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L14 {
        static let python = "/usr/bin/python3"

        /// (name, protocol) pairs to ask about; only those /etc/services lists are asked.
        static let serviceQuestions = [("http", "tcp"), ("domain", "udp"), ("domain", "tcp"),
                                       ("ssh", "tcp"), ("www", "tcp"), ("postgresql", "tcp")]

        /// /etc/services as this check reads it: name or alias + protocol -> port.
        struct ServicesTable {
            var ports: [String: UInt16] = [:]
            var protocols: [String: Set<String>] = [:]
            func port(_ name: String, _ proto: String) -> UInt16? { ports["\(name)/\(proto)"] }
        }

        static func servicesFile() throws -> ServicesTable {
            guard let file = fopen("/etc/services", "r") else {
                throw NotRun(Text("/etc/services cannot be read (\(String(cString: strerror(errno)))). "
                                      + "On Debian it comes with the package netbase.",
                                  ko: "/etc/services를 읽을 수 없습니다(\(String(cString: strerror(errno)))). "
                                      + "데비안에서는 netbase 패키지에 들어 있습니다."))
            }
            defer { fclose(file) }
            var table = ServicesTable()
            var line: UnsafeMutablePointer<CChar>?
            var capacity = 0
            defer { free(line) }
            while getline(&line, &capacity, file) >= 0, let line {
                let text = String(cString: line)
                let content = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                guard fields.count >= 2 else { continue }
                let portAndProto = fields[1].split(separator: "/")
                guard portAndProto.count == 2, let number = UInt16(portAndProto[0]) else { continue }
                let proto = String(portAndProto[1])
                for name in [fields[0]] + fields.dropFirst(2) {
                    let key = "\(name)/\(proto)"
                    // The first entry wins, as getservbyname's scan of the file does.
                    if table.ports[key] == nil { table.ports[key] = number }
                    table.protocols[String(name), default: []].insert(proto)
                }
            }
            return table
        }

        /// A name the file lists for exactly one of tcp and udp, with the other protocol.
        static func oneProtocolOnly(_ table: ServicesTable) -> (String, String)? {
            for name in ["http", "ssh", "https", "smtp", "telnet", "ftp"] {
                let protocols = table.protocols[name] ?? []
                if protocols == ["tcp"] { return (name, "udp") }
                if protocols == ["udp"] { return (name, "tcp") }
            }
            return nil
        }

        static func show(_ endpoint: (host: String, port: UInt16)) -> String {
            "(host: \"\(endpoint.host)\", port: \(endpoint.port))"
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

        /// A real connection on `host`; each end's two endpoints, asked of the learner's
        /// functions, against what bind and accept said.
        static func checkEndpoints(on host: String) throws {
            let family = host.contains(":") ? "AF_INET6" : "AF_INET"
            let connection = try setup(Text("connect a TCP socket on \(host)",
                                             ko: "\(host)에서 TCP 소켓 연결")) {
                try TCPConnection(on: host)
            }
            let server = connection.serverEndpoint, client = connection.clientEndpoint
            let questions: [(String, Int32, Endpoint, Text)] = [
                ("localEndpoint", connection.listener.fd, server,
                 Text("the listening socket", ko: "듣는(listen) 소켓")),
                ("localEndpoint", connection.client, client,
                 Text("the client end", ko: "클라이언트 쪽 소켓")),
                ("peerEndpoint", connection.client, server,
                 Text("the client end", ko: "클라이언트 쪽 소켓")),
                ("localEndpoint", connection.server, server,
                 Text("the accepted end", ko: "accept로 받은 소켓")),
                ("peerEndpoint", connection.server, client,
                 Text("the accepted end", ko: "accept로 받은 소켓")),
            ]
            for (function, fd, expected, which) in questions {
                let call = "\(function)(of:) on \(which.en) (\(family))"
                let got = try learnerCall(call) {
                    function == "localEndpoint" ? try localEndpoint(of: fd) : try peerEndpoint(of: fd)
                }
                if got.host == expected.host && got.port == expected.port { continue }
                var why = Text("", ko: "")
                if got.host == expected.host && got.port == expected.port.byteSwapped {
                    why = Text(" The port's two bytes are swapped: sin_port/sin6_port is in network "
                                   + "byte order, so read it with UInt16(bigEndian:).",
                               ko: " 포트의 두 바이트가 뒤바뀌었습니다. sin_port/sin6_port는 네트워크 "
                                   + "바이트 순서이니 UInt16(bigEndian:)으로 읽으세요.")
                } else if host.contains(":") && !got.host.contains(":") {
                    why = Text(" This is an AF_INET6 socket: look at ss_family and read a "
                                   + "sockaddr_in6 (inet_ntop(AF_INET6, ...)) from a sockaddr_storage.",
                               ko: " 이 소켓은 AF_INET6입니다. ss_family를 보고 sockaddr_storage에서 "
                                   + "sockaddr_in6을 읽으세요(inet_ntop(AF_INET6, ...)).")
                } else if got.host == expected.host && got.port != expected.port {
                    why = Text(function == "localEndpoint"
                                   ? " getsockname gives this socket's own address; getpeername the other end's."
                                   : " getpeername gives the other end's address; getsockname this socket's own.",
                               ko: function == "localEndpoint"
                                   ? " getsockname은 이 소켓 자신의 주소를, getpeername은 상대편 주소를 줍니다."
                                   : " getpeername은 상대편 주소를, getsockname은 이 소켓 자신의 주소를 줍니다.")
                }
                throw Failure(Text(
                    "\(call) returned \(show(got)), expected \(show((expected.host, expected.port)))."
                        + why.en,
                    ko: "\(which.ko)(\(family))에 \(function)(of:)를 부르니 \(show(got))가 나왔습니다. "
                        + "기대값은 \(show((expected.host, expected.port)))입니다." + why.ko))
            }
        }

        /// The distinct numeric addresses getaddrinfo gives for `host`, in its order.
        static func systemAddresses(_ host: String) -> [String]? {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &list) == 0 else { return nil }
            defer { freeaddrinfo(list) }
            var addresses: [String] = []
            var node = list
            while let entry = node?.pointee {
                node = entry.ai_next
                guard let address = entry.ai_addr else { continue }
                var storage = sockaddr_storage()
                withUnsafeMutableBytes(of: &storage) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(entry.ai_addrlen)))
                }
                if let text = Harness.endpoint(storage)?.host, !addresses.contains(text) {
                    addresses.append(text)
                }
            }
            return addresses
        }

        static func expectDistinct(_ got: [String], _ host: String) throws {
            let repeated = got.filter { address in got.filter { $0 == address }.count > 1 }
            try expect(repeated.isEmpty, Text(
                "resolve(\"\(host)\") returned \(got): \(repeated[0]) more than once. Without "
                    + "hints.ai_socktype, getaddrinfo gives every address once per socket type "
                    + "(stream, datagram, raw). Set ai_socktype, and skip addresses already seen.",
                ko: "resolve(\"\(host)\")의 결과는 \(got)입니다. \(repeated.first ?? "")가 여러 번 "
                    + "나옵니다. hints.ai_socktype을 정하지 않으면 getaddrinfo는 주소 하나를 소켓 "
                    + "종류(스트림, 데이터그램, raw)마다 한 번씩 돌려줍니다. ai_socktype을 정하고, "
                    + "이미 나온 주소는 건너뛰세요."))
        }

        static func expectSystemAnswer(_ got: [String], _ host: String) throws {
            guard let expected = systemAddresses(host) else {
                throw NotRun(Text("getaddrinfo(\"\(host)\") itself fails on this machine.",
                                  ko: "이 컴퓨터에서는 getaddrinfo(\"\(host)\") 자체가 실패합니다."))
            }
            let missing = expected.filter { !got.contains($0) }
            var why = Text(" Keep getaddrinfo's order, and write each address with inet_ntop.",
                           ko: " getaddrinfo가 준 순서를 지키고, 주소는 inet_ntop으로 쓰세요.")
            if missing.contains(where: { $0.contains(":") }) {
                why = Text(" IPv6 is missing: set hints.ai_family to AF_UNSPEC (gethostbyname and "
                               + "AF_INET know only IPv4).",
                           ko: " IPv6가 빠졌습니다. hints.ai_family를 AF_UNSPEC으로 두세요"
                               + "(gethostbyname과 AF_INET은 IPv4만 압니다).")
            }
            try expect(got == expected, Text(
                "resolve(\"\(host)\") returned \(got); getaddrinfo gives \(expected)." + why.en,
                ko: "resolve(\"\(host)\")의 결과는 \(got)입니다. getaddrinfo의 답은 \(expected)입니다."
                    + why.ko))
        }

        /// The node name from uname(2), the kernel's own record of the host name.
        static func kernelHostName() -> String {
            var names = utsname()
            uname(&names)
            return withUnsafeBytes(of: &names.nodename) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }

        static let fqdnSteps = Text(
            "Python does this: an empty name means gethostname(); getaddrinfo gives its "
                + "first address; gethostbyaddr looks that address up in reverse; the answer is "
                + "the first of h_name and h_aliases that contains a dot, else h_name. When a "
                + "lookup fails, the answer is the name itself.",
            ko: "파이썬은 이렇게 합니다. 이름이 비었으면 gethostname()을 씁니다. getaddrinfo로 첫 "
                + "주소를 얻고, gethostbyaddr로 그 주소를 거꾸로 찾습니다. h_name과 h_aliases 가운데 "
                + "점(.)이 든 첫 이름이 답이고, 없으면 h_name입니다. 찾기가 실패하면 그 이름 자체가 "
                + "답입니다.")

        /// Sends `payload` from the client end, shuts its writing side, and gives the learner's
        /// readLines the accepted end.
        static func readLinesSent(_ payload: String) throws -> [String] {
            let connection = try setup(Text("connect on 127.0.0.1", ko: "127.0.0.1에서 연결")) {
                try TCPConnection()
            }
            writeAll(connection.client, Array(payload.utf8))
            shutdown(connection.client, Int32(SHUT_WR))
            return try learnerCall("readLines(from:)") { try readLines(from: connection.server) }
        }

        static func quoted(_ text: String) -> String { Harness.quoted(text, abbreviatingOver: 40) }

        static func list(_ lines: [String]) -> String {
            "[" + lines.map(quoted).joined(separator: ", ") + "]"
        }

        static func expectLines(_ got: [String], _ expected: [String], _ payload: String) throws {
            if got == expected { return }
            var why = Text("", ko: "")
            if got.dropLast() == expected[...] && got.last == "" {
                why = Text(" A line ending closes a line; it does not open a new empty one.",
                           ko: " 줄바꿈은 줄을 끝낼 뿐, 새 빈 줄을 여는 것이 아닙니다.")
            } else if got.count == expected.count - 1 && Array(expected.dropLast()) == got {
                why = Text(" Text after the last line ending is a line too.",
                           ko: " 마지막 줄바꿈 뒤에 남은 글자도 한 줄입니다.")
            } else if got.contains(where: { $0.hasSuffix("\r") || $0.hasSuffix("\n") }) {
                why = Text(" Remove the line ending: \\n, and a \\r just before it.",
                           ko: " 줄 끝 문자를 떼세요. \\n과, 그 바로 앞의 \\r도.")
            } else if got.count > expected.count {
                why = Text(" A long line came back in pieces: a fixed buffer (fgets) cuts long "
                               + "lines; getline grows its buffer to fit.",
                           ko: " 긴 줄이 조각나 돌아왔습니다. 고정 크기 버퍼(fgets)는 긴 줄을 자릅니다. "
                               + "getline은 줄에 맞게 버퍼를 늘립니다.")
            } else if !expected.isEmpty && got.isEmpty {
                why = Text(" Read until getline returns -1 (the end of the stream).",
                           ko: " getline이 -1(스트림의 끝)을 돌려줄 때까지 읽으세요.")
            }
            throw Failure(Text(
                "The peer sent \(quoted(payload)) and closed; readLines returned \(list(got)), "
                    + "expected \(list(expected))." + why.en,
                ko: "상대가 \(quoted(payload))를 보내고 닫았습니다. readLines가 \(list(got))를 "
                    + "돌려줬습니다. 기대값은 \(list(expected))입니다." + why.ko))
        }
    }
}
