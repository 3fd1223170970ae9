// Lesson 01, sockets: the checks `learn check` runs against the learner's file.
// What a descriptor really is, the kernel says: SO_DOMAIN, SO_TYPE and SO_PROTOCOL of the
// socket, /proc/self/fd for what is open, and the pair's own bytes compared with what was sent.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("inet-sockets", Text("openSocket makes real AF_INET stream and datagram sockets",
                                   ko: "openSocket이 진짜 AF_INET 스트림 소켓과 데이터그램 소켓을 만든다")) {
            try L01.expectSocket(family: AF_INET, type: L01.stream, protocol: Int32(IPPROTO_TCP))
            try L01.expectSocket(family: AF_INET, type: L01.datagram, protocol: Int32(IPPROTO_UDP))
        },

        Check("other-families", Text("openSocket makes AF_INET6 and AF_UNIX sockets too",
                                     ko: "openSocket이 AF_INET6 소켓과 AF_UNIX 소켓도 만든다")) {
            try L01.expectSocket(family: AF_INET6, type: L01.stream, protocol: Int32(IPPROTO_TCP))
            try L01.expectSocket(family: AF_INET6, type: L01.datagram, protocol: Int32(IPPROTO_UDP))
            try L01.expectSocket(family: AF_UNIX, type: L01.stream, protocol: 0)
            try L01.expectSocket(family: AF_UNIX, type: L01.datagram, protocol: 0)
        },

        Check("socket-errors", Text("openSocket throws the call and errno, and leaves nothing open",
                                    ko: "openSocket이 실패하면 호출 이름과 errno를 던지고 아무것도 열어 두지 않는다")) {
            // 9999 is no address family at all; 99 is no socket type.
            try L01.expectFailure(family: 9999, type: L01.stream, errno: EAFNOSUPPORT)
            try L01.expectFailure(family: AF_INET, type: 99, errno: EINVAL)
        },

        Check("errno-names", Text("errnoName knows the thirteen names, and nil for the rest",
                                  ko: "errnoName이 열세 가지 이름을 알고, 나머지에는 nil을 준다")) {
            for (code, name) in L01.names {
                let got = errnoName(code)
                try expect(got == name, Text(
                    "errnoName(\(code)) returned \(L01.show(got)), expected \"\(name)\" "
                        + "(\(String(cString: strerror(code)))). Compare with the Glibc constants "
                        + "(\(name) is \(code) here), never with numbers typed in.",
                    ko: "errnoName(\(code))의 결과는 \(L01.show(got))입니다. 기대값은 \"\(name)\"입니다"
                        + "(\(String(cString: strerror(code)))). 숫자를 직접 쓰지 말고 Glibc 상수와 "
                        + "비교하세요(여기서 \(name)은 \(code)입니다)."))
            }
            for code in [0, EPERM, ENOENT, EPROTONOSUPPORT, 9999] {
                let got = errnoName(code)
                try expect(got == nil, Text(
                    "errnoName(\(code)) returned \(L01.show(got)), expected nil: \(code) is not one "
                        + "of the thirteen names.",
                    ko: "errnoName(\(code))의 결과는 \(L01.show(got))입니다. 이 값은 열세 가지 이름에 "
                        + "들지 않으니 nil이어야 합니다."))
            }
        },

        Check("error-description", Text("SystemCallError reads \"call: strerror text (NAME)\"",
                                        ko: "SystemCallError가 \"호출: strerror 글 (이름)\"으로 읽힌다")) {
            let cases: [(String, Int32, String)] = [
                ("connect", ECONNREFUSED, "connect: Connection refused (ECONNREFUSED)"),
                ("socket", EAFNOSUPPORT, "socket: Address family not supported by protocol (EAFNOSUPPORT)"),
                ("bind", EPERM, "bind: Operation not permitted (errno \(EPERM))"),
            ]
            for (call, code, expected) in cases {
                let got = SystemCallError(call: call, code: code).description
                try expect(got == expected, Text(
                    "SystemCallError(call: \"\(call)\", code: \(code)).description is "
                        + "\(quoted(got)), expected \(quoted(expected)). strerror(code) gives the "
                        + "text (String(cString:)), errnoName the name; \"errno N\" when it has none.",
                    ko: "SystemCallError(call: \"\(call)\", code: \(code)).description이 "
                        + "\(quoted(got))입니다. 기대값은 \(quoted(expected))입니다. 글은 strerror(code)"
                        + "(String(cString:)), 이름은 errnoName이 주고, 이름이 없으면 \"errno N\"입니다."))
            }
        },

        Check("pair-small", Text("passThroughPair returns a few bytes exactly, and nothing for nothing",
                                 ko: "passThroughPair가 몇 바이트를 그대로 돌려주고, 빈 입력에는 빈 결과를 준다")) {
            for payload in [Array("hello, socket".utf8), Array("안녕, 소켓!".utf8) + [0, 255, 10], []] {
                let got = try learnerCall("passThroughPair(\(payload.count) bytes)") {
                    try passThroughPair(payload)
                }
                try L01.expectSame(got, payload)
            }
        },

        Check("pair-megabyte", Text("passThroughPair carries 1 MB, more than the pair's buffer",
                                    ko: "passThroughPair가 쌍의 버퍼보다 큰 1MB를 나른다")) {
            // Random bytes from the kernel in one call: a million UInt8.random calls take 0.7 s
            // in a program built without optimisation, before the learner's code even runs.
            var payload = [UInt8](repeating: 0, count: 1_048_576)
            let random = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
            var filled = 0
            while random >= 0 && filled < payload.count {
                let got = payload.withUnsafeMutableBytes { read(random, $0.baseAddress! + filled, $0.count - filled) }
                if got > 0 { filled += got } else if errno != EINTR { break }
            }
            if random >= 0 { close(random) }
            // The call runs in a child process, so that a deadlock is told as one, in time.
            let call = try Peer { report in
                let started = monotonicSeconds()
                do {
                    let got = try passThroughPair(payload)
                    let common = zip(got, payload).prefix { $0 == $1 }.count
                    report("\(got.count) \(common) \(monotonicSeconds() - started)")
                } catch {
                    report("error \(error)")
                }
            }
            let (lines, signal) = call.outcome(timeout: 3)
            guard let line = lines.first else {
                if let signal {
                    throw Failure(Text(
                        "passThroughPair(1 MB) crashed (\(signalName(signal))). A fatalError (the starter's "
                            + "TODO, a force-unwrapped nil, an index out of range) ends a program this way.",
                        ko: "passThroughPair(1MB)가 비정상 종료했습니다(\(signalName(signal))). fatalError(스타터의 "
                            + "TODO, 강제로 푼 nil, 범위를 벗어난 인덱스)가 프로그램을 이렇게 끝냅니다."))
                }
                throw Failure(Text(
                    "passThroughPair(1 MB) did not return within 3 s: a deadlock. A blocking write of more "
                        + "than the pair's buffer (about 200 KB) waits for a read, and the read comes only after "
                        + "the write. Make the writing end non-blocking (O_NONBLOCK) and alternate, or write "
                        + "on another thread.",
                    ko: "passThroughPair(1MB)가 3초 안에 돌아오지 않았습니다. 교착 상태입니다. 쌍의 버퍼"
                        + "(200KB쯤)보다 많이 쓰는 블로킹 write는 read를 기다리는데, read는 write가 끝나야 "
                        + "옵니다. 쓰는 쪽을 논블로킹(O_NONBLOCK)으로 만들어 번갈아 하거나, 다른 스레드에서 "
                        + "쓰세요."))
            }
            if line.hasPrefix("error ") {
                throw Failure(Text("passThroughPair(1 MB) threw \(line.dropFirst(6)).",
                                   ko: "passThroughPair(1MB)가 오류를 던졌습니다: \(line.dropFirst(6))."))
            }
            let fields = line.split(separator: " ")
            let count = Int(fields[0]) ?? -1, common = Int(fields[1]) ?? -1, seconds = Double(fields[2]) ?? 0
            if count != payload.count || common != payload.count {
                try L01.expectSame(Array(payload.prefix(common)) + [UInt8](repeating: 0, count: max(0, count - common)),
                                   payload)
            }
            try expect(seconds < 2, Text(
                "passThroughPair(1 MB) took \(Int(seconds)) s; it should take a fraction of one. "
                    + "Do not sleep: let the other end's read make room for the next write.",
                ko: "passThroughPair(1MB)에 \(Int(seconds))초가 걸렸습니다. 1초도 안 걸려야 합니다. "
                    + "sleep하지 말고, 다른 쪽의 read가 다음 write의 자리를 만들게 하세요."))
        },

        Check("pair-closes", Text("passThroughPair closes both ends of the pair",
                                  ko: "passThroughPair가 쌍의 양쪽 끝을 모두 닫는다")) {
            // Both sizes fit in the pair's buffer: a leak shows here even where 1 MB would deadlock.
            for size in [13, 150_000] {
                let payload = [UInt8](repeating: 0x61, count: size)
                let before = openDescriptors()
                let got = try learnerCall("passThroughPair(\(size) bytes)") { try passThroughPair(payload) }
                let left = openDescriptors().subtracting(before).sorted()
                try expect(left.isEmpty, Text(
                    "After passThroughPair(\(size) bytes), \(left.count) more descriptor(s) are open "
                        + "(\(L01.describe(left))). Close both ends of the pair (defer { close... }).",
                    ko: "passThroughPair(\(size)바이트) 뒤에 디스크립터가 \(left.count)개 더 열려 있습니다"
                        + "(\(L01.describe(left))). 쌍의 양쪽 끝을 모두 닫으세요(defer { close... })."))
                try L01.expectSame(got, payload)
            }
        },

        Check("descriptor-limit", Text("Out of descriptors: EMFILE is thrown, nothing leaks",
                                       ko: "디스크립터가 바닥나면 EMFILE을 던지고 아무것도 새지 않는다")) {
            // No descriptor free: socket itself fails.
            try L01.expectFailure(family: AF_INET, type: L01.stream, errno: EMFILE,
                                  free: 0)
            // One free: a pair needs two, so socketpair fails and nothing may stay open.
            let before = openDescriptors()
            let outcome: Result<[UInt8], Error> = try withDescriptorLimit(free: 1) {
                Result { try passThroughPair(Array("x".utf8)) }
            }
            let left = openDescriptors().subtracting(before).sorted()
            switch outcome {
            case .success(let got):
                throw Failure(Text(
                    "With one descriptor free, passThroughPair returned \(got.count) byte(s) instead of "
                        + "throwing. socketpair needs two and fails with EMFILE: check its return value.",
                    ko: "디스크립터가 하나만 남았는데 passThroughPair가 오류 대신 \(got.count)바이트를 "
                        + "돌려줬습니다. socketpair는 두 개가 필요해 EMFILE로 실패합니다. 반환값을 확인하세요."))
            case .failure(let error):
                guard let error = error as? SystemCallError else {
                    throw Failure(Text(
                        "With one descriptor free, passThroughPair threw \(error), expected a "
                            + "SystemCallError(call: \"socketpair\", code: EMFILE).",
                        ko: "디스크립터가 하나만 남았을 때 passThroughPair가 \(error)를 던졌습니다. "
                            + "기대값은 SystemCallError(call: \"socketpair\", code: EMFILE)입니다."))
                }
                try expect(error.call == "socketpair" && error.code == EMFILE, Text(
                    "With one descriptor free, passThroughPair threw (call: \"\(error.call)\", code: "
                        + "\(L01.name(error.code))), expected (call: \"socketpair\", code: EMFILE).",
                    ko: "디스크립터가 하나만 남았을 때 passThroughPair가 (call: \"\(error.call)\", code: "
                        + "\(L01.name(error.code)))를 던졌습니다. 기대값은 (call: \"socketpair\", code: "
                        + "EMFILE)입니다."))
            }
            try expect(left.isEmpty, Text(
                "After passThroughPair failed, \(left.count) descriptor(s) stayed open "
                    + "(\(L01.describe(left))).",
                ko: "passThroughPair가 실패한 뒤 디스크립터 \(left.count)개가 열린 채 남았습니다"
                    + "(\(L01.describe(left)))."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L01 {
        static let stream = Int32(SOCK_STREAM.rawValue)
        static let datagram = Int32(SOCK_DGRAM.rawValue)

        static let names: [(Int32, String)] = [
            (EACCES, "EACCES"), (EADDRINUSE, "EADDRINUSE"), (EADDRNOTAVAIL, "EADDRNOTAVAIL"),
            (EAFNOSUPPORT, "EAFNOSUPPORT"), (EAGAIN, "EAGAIN"), (ECONNREFUSED, "ECONNREFUSED"),
            (ECONNRESET, "ECONNRESET"), (EINVAL, "EINVAL"), (EMFILE, "EMFILE"),
            (ENETUNREACH, "ENETUNREACH"), (ENOTCONN, "ENOTCONN"), (EPIPE, "EPIPE"),
            (ETIMEDOUT, "ETIMEDOUT"),
        ]

        static func name(_ code: Int32) -> String {
            names.first { $0.0 == code }?.1 ?? "\(code) (\(String(cString: strerror(code))))"
        }

        static func familyName(_ family: Int32) -> String {
            switch family {
            case AF_INET: return "AF_INET"
            case AF_INET6: return "AF_INET6"
            case AF_UNIX: return "AF_UNIX"
            default: return "\(family)"
            }
        }

        static func typeName(_ type: Int32) -> String {
            switch type {
            case stream: return "SOCK_STREAM"
            case datagram: return "SOCK_DGRAM"
            default: return "\(type)"
            }
        }

        static func show(_ text: String?) -> String { text.map { "\"\($0)\"" } ?? "nil" }

        /// What each leaked descriptor is, as /proc/self/fd shows it ("5 -> socket:[1234]").
        static func describe(_ fds: [Int32]) -> String {
            fds.map { fd -> String in
                var buffer = [CChar](repeating: 0, count: 256)
                let n = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
                return n > 0 ? "\(fd) -> \(String(cString: Array(buffer[0..<n]) + [0]))" : "\(fd)"
            }.joined(separator: ", ")
        }

        /// openSocket(family:type:) gives a new open descriptor whose socket is of that family,
        /// type and protocol, as the kernel reports them; the check closes it again.
        static func expectSocket(family: Int32, type: Int32, protocol expectedProtocol: Int32) throws {
            let call = "openSocket(family: \(familyName(family)), type: \(typeName(type)))"
            let before = openDescriptors()
            let fd = try learnerCall(call) { try openSocket(family: family, type: type) }
            let opened = openDescriptors().subtracting(before)
            defer { if opened.contains(fd) { close(fd) } }
            try expect(fd >= 0 && opened.contains(fd), Text(
                "\(call) returned \(fd), which is not a descriptor it opened. Return what socket "
                    + "returned, and throw when that is -1.",
                ko: "\(call)이 \(fd)를 돌려줬는데, 이 함수가 연 디스크립터가 아닙니다. socket이 돌려준 "
                    + "값을 돌려주고, -1이면 오류를 던지세요."))
            try expect(opened.count == 1, Text(
                "\(call) left \(opened.count) new descriptors open (\(describe(opened.sorted()))); "
                    + "one socket is one descriptor.",
                ko: "\(call)이 새 디스크립터를 \(opened.count)개 열어 두었습니다(\(describe(opened.sorted()))). "
                    + "소켓 하나는 디스크립터 하나입니다."))
            let got = (socketOption(fd, SO_DOMAIN), socketOption(fd, SO_TYPE), socketOption(fd, SO_PROTOCOL))
            guard let domain = got.0, let kind = got.1, let proto = got.2 else {
                throw Failure(Text(
                    "\(call) returned \(fd), but getsockopt(SO_DOMAIN) on it fails: it is not a socket "
                        + "(\(describe([fd]))).",
                    ko: "\(call)이 \(fd)를 돌려줬지만 거기에 getsockopt(SO_DOMAIN)이 실패합니다. 소켓이 "
                        + "아닙니다(\(describe([fd])))."))
            }
            try expect(domain == family && kind == type && proto == expectedProtocol, Text(
                "\(call) made a socket of family \(familyName(domain)), type \(typeName(kind)), protocol "
                    + "\(proto) (the kernel's SO_DOMAIN, SO_TYPE, SO_PROTOCOL); expected \(familyName(family)), "
                    + "\(typeName(type)), \(expectedProtocol). Pass family and type to socket as given, "
                    + "protocol 0.",
                ko: "\(call)이 만든 소켓은 커널이 알려 준 SO_DOMAIN, SO_TYPE, SO_PROTOCOL로 보면 패밀리 "
                    + "\(familyName(domain)), 타입 \(typeName(kind)), 프로토콜 \(proto)입니다. 기대값은 "
                    + "\(familyName(family)), \(typeName(type)), \(expectedProtocol)입니다. family와 type은 "
                    + "받은 그대로, 프로토콜은 0으로 socket에 넘기세요."))
        }

        /// openSocket(family:type:) must throw SystemCallError(call: "socket", code: expected)
        /// and open nothing.
        /// With `free`, only that many descriptors can be opened during the call.
        static func expectFailure(family: Int32, type: Int32, errno expected: Int32,
                                  free: Int? = nil) throws {
            let plain = "openSocket(family: \(familyName(family)), type: \(typeName(type)))"
            let call = free == nil ? plain : plain + " (no descriptor free)"
            let callKo = free == nil ? plain : plain + "(남은 디스크립터 없음)"
            let before = openDescriptors()
            let attempt = { Result { try openSocket(family: family, type: type) } }
            let outcome = try free.map { try withDescriptorLimit(free: $0, attempt) } ?? attempt()
            let opened = openDescriptors().subtracting(before)
            defer { for fd in opened { close(fd) } }
            switch outcome {
            case .success(let fd):
                throw Failure(Text(
                    "\(call) returned \(fd) instead of throwing. socket returns -1 here, with "
                        + "errno \(name(expected)): throw SystemCallError(call: \"socket\", code: errno).",
                    ko: "\(callKo)이 오류를 던지지 않고 \(fd)를 돌려줬습니다. 여기서 socket은 -1을 "
                        + "돌려주고 errno는 \(name(expected))입니다. SystemCallError(call: \"socket\", "
                        + "code: errno)를 던지세요."))
            case .failure(let error):
                guard let error = error as? SystemCallError else {
                    throw Failure(Text(
                        "\(call) threw \(error), expected SystemCallError(call: \"socket\", "
                            + "code: \(name(expected))).",
                        ko: "\(callKo)이 \(error)를 던졌습니다. 기대값은 SystemCallError(call: "
                            + "\"socket\", code: \(name(expected)))입니다."))
                }
                try expect(error.call == "socket" && error.code == expected, Text(
                    "\(call) threw (call: \"\(error.call)\", code: \(name(error.code))), "
                        + "expected (call: \"socket\", code: \(name(expected))). Read errno right after "
                        + "the failed call, before anything else can change it.",
                    ko: "\(callKo)이 (call: \"\(error.call)\", code: \(name(error.code)))를 "
                        + "던졌습니다. 기대값은 (call: \"socket\", code: \(name(expected)))입니다. errno는 "
                        + "실패한 호출 바로 뒤, 다른 것이 바꾸기 전에 읽으세요."))
            }
            try expect(opened.isEmpty, Text(
                "\(call) failed but left \(describe(opened.sorted())) open.",
                ko: "\(callKo)이 실패했는데 \(describe(opened.sorted()))가 열린 채 남았습니다."))
        }

        static func expectSame(_ got: [UInt8], _ sent: [UInt8]) throws {
            if got == sent { return }
            let common = zip(got, sent).prefix { $0 == $1 }.count
            let why: Text
            if got.isEmpty && !sent.isEmpty {
                why = Text(" Nothing came back: read until read returns 0 (the end of the stream).",
                           ko: " 아무것도 돌아오지 않았습니다. read가 0(스트림의 끝)을 돌려줄 때까지 읽으세요.")
            } else if got.count < sent.count && common == got.count {
                why = Text(" Only the first \(got.count) came back: one read (or write) moves some bytes, "
                               + "not all. Loop until the end of the stream.",
                           ko: " 앞의 \(got.count)바이트만 돌아왔습니다. read(또는 write) 한 번은 전부가 아니라 "
                               + "일부만 옮깁니다. 스트림이 끝날 때까지 반복하세요.")
            } else {
                why = Text(" The first difference is at byte \(common).",
                           ko: " 처음 달라지는 곳은 \(common)번째 바이트입니다.")
            }
            throw Failure(Text(
                "Sent \(sent.count) bytes through the pair; passThroughPair returned \(got.count)." + why.en,
                ko: "쌍으로 \(sent.count)바이트를 보냈는데 passThroughPair가 \(got.count)바이트를 "
                    + "돌려줬습니다." + why.ko))
        }
    }
}
