// Lesson 15, FTP client: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("reply-one-line", Text("readReply reads a one-line reply",
                                     ko: "readReply가 한 줄짜리 응답을 읽는다")) {
            try L15.expectReplies(sent: "220 learn FTP server ready.\r\n",
                                  expected: [(220, "220 learn FTP server ready.")])
        },

        Check("reply-multi-line", Text("readReply reads a multi-line reply to its last line",
                                       ko: "readReply가 여러 줄 응답을 마지막 줄까지 읽는다")) {
            try L15.expectReplies(sent: "211-Features:\r\n EPSV\r\n SIZE\r\n211 End\r\n",
                                  expected: [(211, "211-Features:\n EPSV\n SIZE\n211 End")])
        },

        Check("reply-inner-code", Text("An inner line that starts with the code does not end the reply",
                                       ko: "코드로 시작하는 중간 줄에서 응답이 끝나지 않는다")) {
            try L15.expectReplies(
                sent: "211-Status:\r\n211-still going\r\n2119 files\r\n211 End of status\r\n",
                expected: [(211, "211-Status:\n211-still going\n2119 files\n211 End of status")])
        },

        Check("reply-two-in-one-write", Text("Two replies sent in one write are read by two calls",
                                             ko: "한 번에 보낸 응답 두 개를 두 번의 호출로 읽는다")) {
            try L15.expectReplies(sent: "331 Password required.\r\n230-Welcome!\r\n230 Logged in.\r\n",
                                  expected: [(331, "331 Password required."),
                                             (230, "230-Welcome!\n230 Logged in.")])
        },

        Check("reply-cut-off", Text("A reply cut off by a closed connection throws",
                                    ko: "연결이 끊겨 잘린 응답에는 오류를 던진다")) {
            let (ours, theirs) = try L15.socketPair()
            defer { close(theirs) }
            writeAll(ours, Array("150-Opening data connection\r\n150-still".utf8))
            close(ours)
            let reply: FTPReply
            do {
                reply = try readReply(theirs)
            } catch {
                return
            }
            throw Failure(Text(
                "The peer sent \"150-Opening data connection\\r\\n150-still\" and closed the "
                    + "connection; readReply returned code \(reply.code), text \(L15.show(reply.text)). "
                    + "read returning 0 means the connection is closed: the reply will never be "
                    + "complete, so throw.",
                ko: "상대가 \"150-Opening data connection\\r\\n150-still\"만 보내고 연결을 닫았는데 "
                    + "readReply가 코드 \(reply.code), 텍스트 \(L15.show(reply.text))를 돌려줬습니다. "
                    + "read가 0을 돌려주면 연결이 닫힌 것이라 응답은 끝내 완성되지 않습니다. "
                    + "오류를 던지세요."))
        },

        Check("pasv-parse", Text("parsePassiveReply finds the host and port of a 227 reply",
                                 ko: "parsePassiveReply가 227 응답에서 호스트와 포트를 찾는다")) {
            let cases: [(String, String, UInt16)] = [
                ("227 Entering passive mode (127,0,0,1,235,191).", "127.0.0.1", 60351),
                ("227 Entering Passive Mode (192,168,0,10,4,1)", "192.168.0.10", 1025),
                ("227 =10,1,2,3,0,21", "10.1.2.3", 21),
                ("227 Passive 255,255,255,255,255,255 ok", "255.255.255.255", 65535),
            ]
            for (text, host, port) in cases {
                let got = parsePassiveReply(text)
                try expect(got?.host == host && got?.port == port, Text(
                    "parsePassiveReply(\(L15.show(text))) returned \(L15.show(got)), expected "
                        + "(\"\(host)\", \(port)). The six numbers h1,h2,h3,h4,p1,p2 may stand "
                        + "anywhere in the text, with or without parentheses; the host is "
                        + "h1.h2.h3.h4 and the port p1 * 256 + p2.",
                    ko: "parsePassiveReply(\(L15.show(text)))의 결과는 \(L15.show(got))입니다. "
                        + "기대값은 (\"\(host)\", \(port))입니다. 여섯 숫자 h1,h2,h3,h4,p1,p2는 괄호가 "
                        + "있든 없든 텍스트 어디에나 올 수 있습니다. 호스트는 h1.h2.h3.h4, 포트는 "
                        + "p1 * 256 + p2입니다."))
            }
        },

        Check("pasv-garbage", Text("parsePassiveReply gives nil for garbage and numbers over 255",
                                   ko: "parsePassiveReply는 엉터리 텍스트와 255를 넘는 숫자에 nil을 돌려준다")) {
            let good = parsePassiveReply("227 Entering passive mode (127,0,0,1,4,1).")
            try expect(good?.host == "127.0.0.1" && good?.port == 1025, Text(
                "parsePassiveReply(\"227 Entering passive mode (127,0,0,1,4,1).\") returned "
                    + "\(L15.show(good)), expected (\"127.0.0.1\", 1025). (This check needs a "
                    + "working parsePassiveReply before it can test garbage.)",
                ko: "parsePassiveReply(\"227 Entering passive mode (127,0,0,1,4,1).\")의 결과는 "
                    + "\(L15.show(good))입니다. 기대값은 (\"127.0.0.1\", 1025)입니다. "
                    + "(엉터리 입력을 시험하려면 먼저 올바른 응답을 제대로 읽어야 합니다.)"))
            let cases: [(String, Text)] = [
                ("227 Entering Passive Mode", Text("There are no numbers at all.", ko: "숫자가 하나도 없습니다.")),
                ("227 Entering Passive Mode (127,0,0,1,4)",
                 Text("Only five numbers: the port needs two.", ko: "숫자가 다섯 개뿐입니다. 포트에는 둘이 필요합니다.")),
                ("227 Entering Passive Mode (127,0,0,1,300,1)",
                 Text("300 does not fit in a byte.", ko: "300은 한 바이트에 들어가지 않습니다.")),
                ("227 Entering Passive Mode (256,0,0,1,4,1)",
                 Text("256.0.0.1 is no IPv4 address.", ko: "256.0.0.1은 IPv4 주소가 아닙니다.")),
                ("227 Entering Passive Mode (127,0,0,1,4,99999999999999999999)",
                 Text("A number that long must not crash the parser.",
                      ko: "이렇게 긴 숫자에도 파서가 죽으면 안 됩니다.")),
                ("", Text("The text is empty.", ko: "텍스트가 비어 있습니다.")),
            ]
            for (text, why) in cases {
                let got = parsePassiveReply(text)
                try expect(got == nil, Text(
                    "parsePassiveReply(\(L15.show(text))) returned \(L15.show(got)), expected nil. \(why.en)",
                    ko: "parsePassiveReply(\(L15.show(text)))의 결과는 \(L15.show(got))입니다. "
                        + "기대값은 nil입니다. \(why.ko)"))
            }
        },

        Check("epsv-parse", Text("parseExtendedPassiveReply finds the port of a 229 reply",
                                 ko: "parseExtendedPassiveReply가 229 응답에서 포트를 찾는다")) {
            let cases: [(String, UInt16)] = [
                ("229 Entering extended passive mode (|||57859|).", 57859),
                ("229 Entering Extended Passive Mode (|||21|)", 21),
                ("229 Extended Passive (!!!6446!)", 6446),
                ("229 ok (|||65535|)", 65535),
            ]
            for (text, port) in cases {
                let got = parseExtendedPassiveReply(text)
                try expect(got == port, Text(
                    "parseExtendedPassiveReply(\(L15.show(text))) returned \(L15.show(got)), "
                        + "expected \(port). The port stands between the third and the fourth "
                        + "delimiter inside the parentheses; the delimiter is whatever character "
                        + "follows \"(\" (usually |).",
                    ko: "parseExtendedPassiveReply(\(L15.show(text)))의 결과는 \(L15.show(got))"
                        + "입니다. 기대값은 \(port)입니다. 포트는 괄호 안의 세 번째와 네 번째 "
                        + "구분 문자 사이에 있습니다. 구분 문자는 \"(\" 바로 뒤의 문자입니다(보통 |)."))
            }
        },

        Check("epsv-garbage", Text("parseExtendedPassiveReply gives nil for garbage and ports over 65535",
                                   ko: "parseExtendedPassiveReply는 엉터리 텍스트와 65535를 넘는 포트에 nil을 돌려준다")) {
            let good = parseExtendedPassiveReply("229 Entering extended passive mode (|||4001|).")
            try expect(good == 4001, Text(
                "parseExtendedPassiveReply(\"229 Entering extended passive mode (|||4001|).\") "
                    + "returned \(L15.show(good)), expected 4001. (This check needs a working "
                    + "parseExtendedPassiveReply before it can test garbage.)",
                ko: "parseExtendedPassiveReply(\"229 Entering extended passive mode (|||4001|).\")의 결과는 "
                    + "\(L15.show(good))입니다. 기대값은 4001입니다. (엉터리 입력을 "
                    + "시험하려면 먼저 올바른 응답을 제대로 읽어야 합니다.)"))
            let cases: [(String, Text)] = [
                ("229 Entering Extended Passive Mode", Text("There are no parentheses.", ko: "괄호가 없습니다.")),
                ("229 Entering Extended Passive Mode (|||70000|)",
                 Text("70000 is over 65535.", ko: "70000은 65535보다 큽니다.")),
                ("229 Entering Extended Passive Mode (|||99999999999999999999|)",
                 Text("A number that long must not crash the parser.",
                      ko: "이렇게 긴 숫자에도 파서가 죽으면 안 됩니다.")),
                ("229 Entering Extended Passive Mode (|||)",
                 Text("There is no port between the delimiters.", ko: "구분 문자 사이에 포트가 없습니다.")),
                ("229 Entering Extended Passive Mode (|||abc|)",
                 Text("abc is no port.", ko: "abc는 포트가 아닙니다.")),
                ("", Text("The text is empty.", ko: "텍스트가 비어 있습니다.")),
            ]
            for (text, why) in cases {
                let got = parseExtendedPassiveReply(text)
                try expect(got == nil, Text(
                    "parseExtendedPassiveReply(\(L15.show(text))) returned \(L15.show(got)), "
                        + "expected nil. \(why.en)",
                    ko: "parseExtendedPassiveReply(\(L15.show(text)))의 결과는 \(L15.show(got))"
                        + "입니다. 기대값은 nil입니다. \(why.ko)"))
            }
        },

        Check("download-binary", Text("A file of random bytes downloads byte for byte from a real server",
                                      ko: "무작위 바이트 파일을 실제 서버에서 바이트 그대로 내려받는다")) {
            let server = try Harness.server("ftp")
            var bytes: [UInt8] = [13, 10, 255, 0, 10, 13, 13, 10, 255, 255]
            for _ in 0..<(200 * 1024) { bytes.append(UInt8.random(in: 0...255)) }
            bytes += [13, 10]
            let name = "random-\(UInt32.random(in: 0...UInt32.max)).bin"
            try L15.put(bytes, as: name, on: server)
            let got = try L15.fetch(server, "/" + name)
            try L15.expectSame(got, bytes, path: "/" + name)
        },

        Check("wrong-password", Text("A wrong password throws",
                                     ko: "틀린 비밀번호에는 오류를 던진다")) {
            let server = try Harness.server("ftp")
            try L15.expectWorkingDownload(server)
            let call = "download(host: \"\(server.host)\", port: \(server.port), user: "
                + "\"\(server.user)\", password: \"wrong\", path: \"/hello.txt\")"
            let got: [UInt8]
            do {
                got = try download(host: server.host, port: server.port, user: server.user,
                                   password: "wrong", path: "/hello.txt")
            } catch {
                return
            }
            throw Failure(Text(
                "\(call) returned \(got.count) bytes. The server answers PASS wrong with "
                    + "\"530 Authentication failed.\": a 5yz reply is a permanent failure, so "
                    + "check every reply's code and throw.",
                ko: "\(call)가 \(got.count)바이트를 돌려줬습니다. 서버는 PASS wrong에 "
                    + "\"530 Authentication failed.\"로 답합니다. 5yz 응답은 영구 실패이니 "
                    + "응답마다 코드를 확인하고 오류를 던지세요."))
        },

        Check("missing-file", Text("A missing file throws",
                                   ko: "없는 파일에는 오류를 던진다")) {
            let server = try Harness.server("ftp")
            try L15.expectWorkingDownload(server)
            let path = "/no-such-file-\(UInt32.random(in: 0...UInt32.max)).bin"
            let got: [UInt8]
            do {
                got = try download(host: server.host, port: server.port, user: server.user,
                                   password: server.password, path: path)
            } catch {
                return
            }
            throw Failure(Text(
                "download(..., path: \"\(path)\") returned \(got.count) bytes, but there is no "
                    + "such file: the server answered RETR with \"550 No such file or directory.\" "
                    + "and sent nothing on the data connection. Check RETR's reply (a 1yz reply "
                    + "means the transfer starts) before you read the data.",
                ko: "download(..., path: \"\(path)\")가 \(got.count)바이트를 돌려줬지만 그런 파일은 "
                    + "없습니다. 서버는 RETR에 \"550 No such file or directory.\"로 답했고 데이터 "
                    + "연결로는 아무것도 보내지 않았습니다. 데이터를 읽기 전에 RETR의 응답을 "
                    + "확인하세요(1yz 응답이어야 전송이 시작됩니다)."))
        },

        Check("greeting-120", Text("A 120 greeting followed by 220 is waited out",
                                   ko: "120 인사 뒤에 오는 220까지 기다린다")) {
            let server = try Harness.server("ftp")
            try L15.expectVariant(server, portKey: "SLOW_GREETING_PORT", Text(
                "This server greets with \"120 Service ready in 1 minute.\" and then \"220 ...\". "
                    + "120 is a preliminary reply (1yz): read replies until the 2yz one before "
                    + "you send USER.",
                ko: "이 서버는 \"120 Service ready in 1 minute.\"로 인사한 뒤 \"220 ...\"을 보냅니다. "
                    + "120은 예비 응답(1yz)입니다. USER를 보내기 전에 2yz 응답이 올 때까지 "
                    + "응답을 읽으세요."))
        },

        Check("epsv-only", Text("A server that refuses PASV is reached with EPSV",
                                ko: "PASV를 거절하는 서버에는 EPSV로 연결한다")) {
            let server = try Harness.server("ftp")
            try L15.expectVariant(server, portKey: "NOPASV_PORT", Text(
                "This server answers PASV with \"502 PASV not offered here; use EPSV.\" and EPSV "
                    + "with 229. Send EPSV first and take the port of its 229 reply "
                    + "(parseExtendedPassiveReply).",
                ko: "이 서버는 PASV에 \"502 PASV not offered here; use EPSV.\"로, EPSV에 229로 "
                    + "답합니다. EPSV를 먼저 보내고 229 응답의 포트(parseExtendedPassiveReply)를 "
                    + "쓰세요."))
        },

        Check("pasv-fallback", Text("A server that refuses EPSV (5yz) is reached with PASV",
                                    ko: "EPSV를 거절(5yz)하는 서버에는 PASV로 연결한다")) {
            let server = try Harness.server("ftp")
            try L15.expectVariant(server, portKey: "NOEPSV_PORT", Text(
                "This server, like those older than RFC 2428, answers EPSV with \"500 'EPSV': "
                    + "command not understood.\" A 5yz reply to EPSV means \"not here\": send PASV "
                    + "then, and take the port of its 227 reply.",
                ko: "이 서버는 RFC 2428보다 오래된 서버처럼 EPSV에 \"500 'EPSV': command not "
                    + "understood.\"로 답합니다. EPSV에 5yz가 오면 \"여기서는 안 된다\"는 뜻이니, "
                    + "그때 PASV를 보내고 227 응답의 포트를 쓰세요."))
        },

        Check("download-ipv6", Text("A server on ::1 (IPv6) downloads too",
                                    ko: "::1(IPv6)의 서버에서도 내려받는다")) {
            let server = try Harness.server("ftp")
            try L15.expectVariant(server, portKey: "V6_PORT", host: "::1", Text(
                "This is the plain server, on the IPv6 address ::1. Connect with an AF_INET6 "
                    + "socket (a sockaddr_in6) when the host is an IPv6 address, and use EPSV: PASV "
                    + "knows only IPv4 (pyftpdlib answers it with \"227 ... (::1,p1,p2)\", which "
                    + "has no address in it). The data connection goes to ::1 as well.",
                ko: "평범한 서버를 IPv6 주소 ::1에 띄운 것입니다. 호스트가 IPv6 주소면 AF_INET6 "
                    + "소켓(sockaddr_in6)으로 연결하고 EPSV를 쓰세요. PASV는 IPv4만 압니다(pyftpdlib는 "
                    + "PASV에 주소가 없는 \"227 ... (::1,p1,p2)\"로 답합니다). 데이터 연결도 ::1로 "
                    + "갑니다."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L15 {
        /// A download from one of the launcher's other servers (same user, same folder), which
        /// must give the file byte for byte; `why` says what that server does differently.
        static func expectVariant(_ server: Server, portKey: String, host: String = "127.0.0.1",
                                  _ why: Text) throws {
            guard let text = server.value(portKey), let port = UInt16(text) else {
                throw NotRun(Text(
                    "The FTP launcher started no server for \(portKey)"
                        + (host == "::1" ? " (is IPv6 off here? ::1 could not be bound)." : "."),
                    ko: "FTP 런처가 \(portKey) 서버를 띄우지 않았습니다"
                        + (host == "::1" ? "(여기서 IPv6가 꺼져 있나요? ::1에 bind하지 못했습니다)." : ".")))
            }
            let bytes = Array("learn: \(portKey) \(UInt32.random(in: 0...UInt32.max))\r\n".utf8)
            let name = "variant-\(UInt32.random(in: 0...UInt32.max)).txt"
            try put(bytes, as: name, on: server)
            let call = "download(host: \"\(host)\", port: \(port), user: \"\(server.user)\", "
                + "password: \"\(server.password)\", path: \"/\(name)\")"
            let got: [UInt8]
            do {
                got = try download(host: host, port: port, user: server.user,
                                   password: server.password, path: "/" + name)
            } catch {
                throw Failure(Text("\(call) threw \"\(error)\". \(why.en)",
                                   ko: "\(call)가 오류를 던졌습니다: \"\(error)\". \(why.ko)"))
            }
            try Harness.expect(got == bytes, Text(
                "\(call) returned \(got.count) bytes; the file has \(bytes.count): "
                    + "\(show(String(decoding: bytes, as: UTF8.self))). \(why.en)",
                ko: "\(call)가 \(got.count)바이트를 돌려줬는데 파일은 \(bytes.count)바이트입니다: "
                    + "\(show(String(decoding: bytes, as: UTF8.self))). \(why.ko)"))
        }

        /// A connected pair of stream sockets: the check writes on the first, the learner
        /// reads the second. Reads on it give up after 2 s instead of waiting forever.
        static func socketPair() throws -> (Int32, Int32) {
            var pair: [Int32] = [0, 0]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
                throw NotRun(Text(errnoText("socketpair"), ko: errnoText("socketpair")))
            }
            var limit = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(pair[1], SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            return (pair[0], pair[1])
        }

        /// Sends `sent` in one write, then calls readReply once per expected reply.
        static func expectReplies(sent: String, expected: [(Int, String)]) throws {
            let (ours, theirs) = try socketPair()
            defer { close(ours); close(theirs) }
            writeAll(ours, Array(sent.utf8))
            var remaining = Array(sent.utf8)
            for (number, (code, text)) in expected.enumerated() {
                let call = expected.count == 1 ? "readReply" : "readReply (call \(number + 1))"
                let reply: FTPReply
                do {
                    reply = try readReply(theirs)
                } catch {
                    throw Failure(Text(
                        "The peer sent \(show(sent)) in one write; \(call) threw \(error). "
                            + (number > 0 ? "The first call may have read past its reply's CR LF "
                                + "and taken bytes of the next one. " : "")
                            + "A reply ends with the CR LF of its last line; nothing more is "
                            + "coming, so read exactly up to there.",
                        ko: "상대가 \(show(sent))를 한 번에 보냈는데 \(call)이(가) 오류를 던졌습니다: "
                            + "\(error). " + (number > 0 ? "첫 호출이 자기 응답의 CR LF 너머까지 "
                                + "읽어서 다음 응답의 바이트를 가져갔을 수 있습니다. " : "")
                            + "응답은 마지막 줄의 CR LF에서 끝나고 더 올 데이터는 없으니, 정확히 "
                            + "거기까지만 읽으세요."))
                }
                try Harness.expect(reply.code == code && reply.text == text, Text(
                    "The peer sent \(show(sent)); \(call) returned code \(reply.code), text "
                        + "\(show(reply.text)); expected code \(code), text \(show(text)). "
                        + "A reply whose first line is \"\(code)-\" goes on up to the first line "
                        + "that starts with \"\(code) \" (the code and a space); its lines are "
                        + "joined with \"\\n\", without their CR LF.",
                    ko: "상대가 \(show(sent))를 보냈는데 \(call)이(가) 코드 \(reply.code), 텍스트 "
                        + "\(show(reply.text))를 돌려줬습니다. 기대값은 코드 \(code), 텍스트 "
                        + "\(show(text))입니다. 첫 줄이 \"\(code)-\"인 응답은 \"\(code) \"(코드와 "
                        + "공백)로 시작하는 첫 줄까지 이어집니다. 줄들은 CR LF를 떼고 \"\\n\"으로 "
                        + "이어 붙입니다."))
                // What this reply took from the socket must be exactly its own lines.
                let ownLength = replyLength(remaining)
                remaining.removeFirst(ownLength)
                let left = peek(theirs)
                try Harness.expect(left == remaining, Text(
                    "After \(call), the socket still holds \(show(String(decoding: left, as: UTF8.self))); "
                        + "expected \(show(String(decoding: remaining, as: UTF8.self))). readReply "
                        + "must not take one byte past its reply's final CR LF: what follows is "
                        + "the next reply (or the data of a transfer). Read a byte at a time.",
                    ko: "\(call) 뒤 소켓에 \(show(String(decoding: left, as: UTF8.self)))가 남았습니다. "
                        + "기대값은 \(show(String(decoding: remaining, as: UTF8.self)))입니다. "
                        + "readReply는 응답의 마지막 CR LF 너머의 바이트를 하나도 가져가면 안 "
                        + "됩니다. 그 뒤는 다음 응답입니다. 한 바이트씩 읽으세요."))
            }
        }

        /// The bytes of the first reply in `bytes` (through its final CR LF).
        static func replyLength(_ bytes: [UInt8]) -> Int {
            var lines: [[UInt8]] = []
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == 10 {
                lines.append(Array(bytes[start...index]))
                start = index + 1
            }
            guard let first = lines.first else { return bytes.count }
            var length = first.count
            if first.count > 3 && first[3] == UInt8(ascii: "-") {
                for line in lines.dropFirst() {
                    length += line.count
                    if Array(line.prefix(4)) == Array(first.prefix(3)) + [32] { break }
                }
            }
            return length
        }

        /// What is waiting in the socket, left in place.
        static func peek(_ fd: Int32) -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_PEEK | MSG_DONTWAIT))
            return count > 0 ? Array(buffer[0..<count]) : []
        }

        /// Text with CR and LF written out, in quotes, for messages.
        static func show(_ text: String) -> String { Harness.quoted(text) }

        static func show(_ value: (host: String, port: UInt16)?) -> String {
            guard let value else { return "nil" }
            return "(\"\(value.host)\", \(value.port))"
        }

        static func show(_ value: UInt16?) -> String {
            value.map { String($0) } ?? "nil"
        }

        /// Writes a file into the server's root folder, as the harness (not over FTP).
        static func put(_ bytes: [UInt8], as name: String, on server: Server) throws {
            let path = server.root + "/" + name
            guard let file = fopen(path, "wb") else {
                throw NotRun(Text("Could not create \(path): \(errnoText("fopen")).",
                                  ko: "\(path)을(를) 만들지 못했습니다: \(errnoText("fopen"))."))
            }
            let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
            guard written == bytes.count else {
                throw NotRun(Text("Could not write \(path).", ko: "\(path)에 쓰지 못했습니다."))
            }
        }

        /// The learner's download of `path`, as the server's user.
        static func fetch(_ server: Server, _ path: String) throws -> [UInt8] {
            let call = "download(host: \"\(server.host)\", port: \(server.port), user: "
                + "\"\(server.user)\", password: \"\(server.password)\", path: \"\(path)\")"
            do {
                return try download(host: server.host, port: server.port, user: server.user,
                                    password: server.password, path: path)
            } catch {
                throw Failure(Text(
                    "\(call) threw \(error). The file exists and the password is right: log in "
                        + "(USER, then PASS after a 331 reply), TYPE I, EPSV (PASV if EPSV gets a "
                        + "5yz), connect to the announced port, RETR, read until the data "
                        + "connection closes, then read the 226 reply.",
                    ko: "\(call)가 오류를 던졌습니다: \(error). 파일은 있고 비밀번호도 맞습니다. "
                        + "로그인하고(USER, 331 응답이 오면 PASS), TYPE I, EPSV(5yz가 오면 PASV), "
                        + "알려 준 포트로 연결, RETR, 데이터 연결이 닫힐 때까지 읽기, 그다음 226 "
                        + "응답 읽기 순서입니다."))
            }
        }

        /// A first, good download; the checks for errors need a download that works.
        static func expectWorkingDownload(_ server: Server) throws {
            let hello = Array("hello, FTP\r\n".utf8)
            try put(hello, as: "hello.txt", on: server)
            let got = try fetch(server, "/hello.txt")
            try Harness.expect(got == hello, Text(
                "download of /hello.txt (12 bytes) returned \(got.count) bytes. (This check needs a "
                    + "working download before it can test errors.)",
                ko: "/hello.txt(12바이트)를 download했더니 \(got.count)바이트가 돌아왔습니다. "
                    + "(오류 처리를 시험하려면 먼저 다운로드가 제대로 되어야 합니다.)"))
        }

        static func expectSame(_ got: [UInt8], _ expected: [UInt8], path: String) throws {
            if got == expected { return }
            // ASCII mode turns LF into CR LF (pyftpdlib leaves a CR LF as it is).
            func bare(_ bytes: [UInt8]) -> [UInt8] {
                var out: [UInt8] = []
                for byte in bytes {
                    if byte == 10 && out.last == 13 { out.removeLast() }
                    out.append(byte)
                }
                return out
            }
            var why: Text
            if got.isEmpty {
                why = Text("Nothing arrived: read the data connection until read returns 0.",
                           ko: "아무것도 오지 않았습니다. 데이터 연결은 read가 0을 돌려줄 때까지 읽으세요.")
            } else if got.count > expected.count && bare(got) == bare(expected) {
                why = Text("That is an extra CR before LFs: the server converted line endings "
                               + "because the transfer was in ASCII mode (TYPE A, the default). "
                               + "Send TYPE I before RETR.",
                           ko: "LF 앞에 CR이 더 붙었습니다. ASCII 모드(TYPE A, 기본값)로 전송해서 "
                               + "서버가 줄 끝을 바꾼 것입니다. RETR 전에 TYPE I를 보내세요.")
            } else if got.count < expected.count && Array(expected.prefix(got.count)) == got {
                why = Text("The start is right, but the rest is missing: one read returns only what "
                               + "has arrived so far. Keep reading until read returns 0.",
                           ko: "앞부분은 맞지만 나머지가 없습니다. read 한 번은 그때까지 도착한 만큼만 "
                               + "돌려줍니다. read가 0을 돌려줄 때까지 계속 읽으세요.")
            } else {
                let first = zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(got.count, expected.count)
                why = Text("The first difference is at byte \(first). Keep bytes as bytes: never "
                               + "turn the data into a String on the way.",
                           ko: "처음 다른 곳은 \(first)번째 바이트입니다. 데이터는 바이트 그대로 "
                               + "다루세요. 중간에 String으로 바꾸면 안 됩니다.")
            }
            throw Failure(Text(
                "\(path) has \(expected.count) bytes on the server; download returned "
                    + "\(got.count) bytes that differ. \(why.en)",
                ko: "서버에 있는 \(path) 파일은 \(expected.count)바이트인데 download가 돌려준 \(got.count)바이트는 "
                    + "내용이 다릅니다. \(why.ko)"))
        }
    }
}
