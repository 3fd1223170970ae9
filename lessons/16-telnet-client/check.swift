// Lesson 16, Telnet client: the checks `learn check` runs against the learner's file.
import Glibc

extension Harness {
    static let checks: [Check] = [
        Check("negotiate-verbs", Text("negotiate refuses DO and WILL, and leaves DONT and WONT unanswered",
                                      ko: "negotiate가 DO와 WILL을 거절하고 DONT와 WONT에는 답하지 않는다")) {
            typealias T = L16
            try L16.expectNegotiate([T.IAC, T.DO, 1], data: [], reply: [T.IAC, T.WONT, 1],
                                    Text("DO ECHO asks us to echo: a client that supports no options answers WONT ECHO.",
                                         ko: "DO ECHO는 우리에게 에코를 하라는 요청입니다. 옵션을 지원하지 않는 클라이언트는 WONT ECHO로 답합니다."))
            try L16.expectNegotiate([T.IAC, T.WILL, 3], data: [], reply: [T.IAC, T.DONT, 3],
                                    Text("WILL SUPPRESS-GO-AHEAD offers an option: refuse it with DONT.",
                                         ko: "WILL SUPPRESS-GO-AHEAD는 옵션을 제안하는 것입니다. DONT로 거절하세요."))
            try L16.expectNegotiate([T.IAC, T.DONT, 31], data: [], reply: [],
                                    Text("DONT asks us to keep an option off; it already is, so no reply (a reply could start a loop).",
                                         ko: "DONT는 옵션을 끈 채로 두라는 뜻입니다. 이미 꺼져 있으니 답하지 않습니다(답하면 무한 반복이 생길 수 있습니다)."))
            try L16.expectNegotiate([T.IAC, T.WONT, 1], data: [], reply: [],
                                    Text("WONT says the server keeps an option off; nothing to answer.",
                                         ko: "WONT는 서버가 옵션을 끈 채로 둔다는 뜻입니다. 답할 것이 없습니다."))
            try L16.expectNegotiate([T.IAC, T.DO, 31, T.IAC, T.WILL, 1, T.IAC, T.DO, 24],
                                    data: [], reply: [T.IAC, T.WONT, 31, T.IAC, T.DONT, 1, T.IAC, T.WONT, 24],
                                    Text("Every DO and WILL gets its own refusal, in order.",
                                         ko: "DO와 WILL마다 거절을 하나씩, 순서대로 보냅니다."))
        },

        Check("negotiate-subnegotiation", Text("negotiate skips SB ... IAC SE",
                                               ko: "negotiate가 SB ... IAC SE를 건너뛴다")) {
            typealias T = L16
            try L16.expectNegotiate([65, T.IAC, T.SB, 24, 1, T.IAC, T.SE, 66], data: [65, 66], reply: [],
                                    Text("A subnegotiation (here TERMINAL-TYPE SEND) runs from IAC SB to IAC SE; none of it is data.",
                                         ko: "하위 협상(여기서는 TERMINAL-TYPE SEND)은 IAC SB부터 IAC SE까지이고, 그 안은 데이터가 아닙니다."))
            try L16.expectNegotiate([T.IAC, T.SB, 24, 0, 120, T.IAC, T.IAC, 121, T.IAC, T.SE, 67],
                                    data: [67], reply: [],
                                    Text("Inside SB, IAC IAC is an escaped 255, not the end: only IAC SE ends it.",
                                         ko: "SB 안에서 IAC IAC는 이스케이프된 255일 뿐 끝이 아닙니다. 끝은 IAC SE뿐입니다."))
            try L16.expectNegotiate([T.IAC, T.SB, 31, 0, 80, 0, 24, T.IAC, T.SE, T.IAC, T.DO, 1],
                                    data: [], reply: [T.IAC, T.WONT, 1],
                                    Text("After IAC SE, commands go on as usual.",
                                         ko: "IAC SE 뒤로는 명령이 평소대로 이어집니다."))
        },

        Check("negotiate-iac-iac", Text("negotiate turns IAC IAC into one data byte 255",
                                        ko: "negotiate가 IAC IAC를 데이터 바이트 255 하나로 바꾼다")) {
            typealias T = L16
            try L16.expectNegotiate([97, T.IAC, T.IAC, 98], data: [97, 255, 98], reply: [],
                                    Text("A data byte 255 travels doubled; IAC IAC is one byte 255 of data.",
                                         ko: "데이터 바이트 255는 두 번 보내집니다. IAC IAC는 데이터 255 한 바이트입니다."))
            try L16.expectNegotiate([T.IAC, T.IAC, T.IAC, T.IAC], data: [255, 255], reply: [],
                                    Text("Four IACs are two data bytes 255.",
                                         ko: "IAC 네 개는 데이터 255 두 바이트입니다."))
            try L16.expectNegotiate([T.IAC, T.IAC, T.DO, 1], data: [255, T.DO, 1], reply: [],
                                    Text("After IAC IAC the next byte is data again: 253 here is not DO.",
                                         ko: "IAC IAC 다음 바이트는 다시 데이터입니다. 여기서 253은 DO가 아닙니다."))
        },

        Check("negotiate-other-commands", Text("negotiate drops NOP, GA, DM and other commands",
                                               ko: "negotiate가 NOP, GA, DM 같은 다른 명령을 버린다")) {
            typealias T = L16
            try L16.expectNegotiate([104, T.IAC, 241, 105, T.IAC, 249, 106, T.IAC, 242, 107, T.IAC, 246],
                                    data: [104, 105, 106, 107], reply: [],
                                    Text("NOP (241), GA (249), DM (242) and AYT (246) are two-byte commands: drop both bytes, keep the data around them.",
                                         ko: "NOP(241), GA(249), DM(242), AYT(246)은 두 바이트 명령입니다. 두 바이트를 버리고 주변 데이터는 남기세요."))
        },

        Check("negotiate-mixed", Text("negotiate keeps data before, between and after commands",
                                      ko: "negotiate가 명령의 앞, 사이, 뒤의 데이터를 지킨다")) {
            try L16.expectNegotiate(L16.mixed, data: L16.mixedData, reply: L16.mixedReply,
                                    Text("This is the start of a real busybox telnetd session with a subnegotiation, a NOP and an IAC IAC added.",
                                         ko: "실제 busybox telnetd 세션의 시작에 하위 협상, NOP, IAC IAC를 더한 것입니다."))
        },

        Check("negotiate-cr-nul", Text("negotiate turns CR NUL into a bare CR and leaves CR LF alone",
                                       ko: "negotiate가 CR NUL을 CR 하나로 바꾸고 CR LF는 그대로 둔다")) {
            typealias T = L16
            try L16.expectNegotiate([97, 13, 0, 98, 13, 10], data: [97, 13, 98, 13, 10], reply: [],
                                    Text("On the wire a bare CR travels as CR NUL (RFC 854): the NUL only marks the CR as bare, so drop it. CR LF is a line end and stays.",
                                         ko: "회선에서 CR 하나는 CR NUL로 옵니다(RFC 854). NUL은 그 CR 뒤에 LF가 없다는 표시일 뿐이니 버리세요. CR LF는 줄 끝이니 그대로 둡니다."))
            try L16.expectNegotiate([13, 0, 13, 0, T.IAC, T.DO, 1, 13, 0, 120],
                                    data: [13, 13, 13, 120], reply: [T.IAC, T.WONT, 1],
                                    Text("Every CR NUL is one CR of data, next to commands too.",
                                         ko: "CR NUL은 명령 옆에 있어도 언제나 데이터 CR 하나입니다."))
        },

        Check("negotiate-split", Text("A sequence cut at every byte comes out whole through rest",
                                      ko: "어느 바이트에서 잘린 순서도 rest를 거쳐 온전히 처리된다")) {
            let all = L16.mixed
            for cut in 1..<all.count {
                let first = negotiate(Array(all[..<cut]))
                let second = negotiate(first.rest + Array(all[cut...]))
                let data = first.data + second.data
                let reply = first.reply + second.reply
                try expect(data == L16.mixedData && reply == L16.mixedReply && second.rest.isEmpty, Text(
                    "The sequence \(L16.hex(all)) was cut after byte \(cut) and fed in two calls "
                        + "(the second with the first's rest in front). First call: data "
                        + "\(L16.hex(first.data)), reply \(L16.hex(first.reply)), rest \(L16.hex(first.rest)). "
                        + "Together: data \(L16.hex(data)), reply \(L16.hex(reply)), left over "
                        + "\(L16.hex(second.rest)); expected data \(L16.hex(L16.mixedData)), reply "
                        + "\(L16.hex(L16.mixedReply)), nothing left. A command cut in two (IAC at the "
                        + "end, IAC DO without its option, SB without IAC SE) must wait in rest.",
                    ko: "바이트열 \(L16.hex(all)), 이것을 \(cut)번째 바이트 뒤에서 잘라 두 번에 나눠 넣었습니다"
                        + "(두 번째 호출 앞에는 첫 호출의 rest를 붙임). 첫 호출: data "
                        + "\(L16.hex(first.data)), reply \(L16.hex(first.reply)), rest \(L16.hex(first.rest)). "
                        + "합치면 data \(L16.hex(data)), reply \(L16.hex(reply)), 남은 것 "
                        + "\(L16.hex(second.rest))입니다. 기대값은 data \(L16.hex(L16.mixedData)), reply "
                        + "\(L16.hex(L16.mixedReply)), 남은 것 없음입니다. 둘로 잘린 명령(끝의 IAC, "
                        + "옵션 없는 IAC DO, IAC SE 없는 SB)은 rest에서 기다려야 합니다."))
            }
        },

        Check("write-line-endings", Text("write sends CR LF line endings and UTF-8 text",
                                         ko: "write가 줄 끝을 CR LF로, 텍스트를 UTF-8로 보낸다")) {
            let cases: [(String, [UInt8])] = [
                ("ls\n", Array("ls\r\n".utf8)),
                ("a\nb\n", Array("a\r\nb\r\n".utf8)),
                ("already\r\n", Array("already\r\n".utf8)),
                ("echo 안녕\n", Array("echo 안녕".utf8) + [13, 10]),
            ]
            for (text, expected) in cases {
                let got = try L16.written(text)
                try expect(got == expected, Text(
                    "write(\(L16.show(text))) sent \(L16.hex(got)); expected \(L16.hex(expected)). "
                        + "Telnet ends lines with CR LF: put a CR before every LF that has none, "
                        + "and send the text's UTF-8 bytes.",
                    ko: "write(\(L16.show(text)))가 \(L16.hex(got))를 보냈습니다. 기대값은 "
                        + "\(L16.hex(expected))입니다. 텔넷의 줄 끝은 CR LF입니다. CR이 없는 LF마다 "
                        + "앞에 CR을 붙이고, 텍스트는 UTF-8 바이트로 보내세요."))
            }
        },

        Check("write-bare-cr", Text("write sends a bare CR as CR NUL",
                                    ko: "write가 CR 하나를 CR NUL로 보낸다")) {
            let cases: [(String, [UInt8])] = [
                ("a\rb", [97, 13, 0, 98]),
                ("\r", [13, 0]),
                ("over\rwrite\r\n", Array("over".utf8) + [13, 0] + Array("write".utf8) + [13, 10]),
            ]
            for (text, expected) in cases {
                let got = try L16.written(text)
                try expect(got == expected, Text(
                    "write(\(L16.show(text))) sent \(L16.hex(got)); expected \(L16.hex(expected)). "
                        + "In Telnet a CR is followed by LF (a line end) or by NUL (a bare CR, RFC "
                        + "854): add a NUL after every CR that no LF follows.",
                    ko: "write(\(L16.show(text)))가 \(L16.hex(got))를 보냈습니다. 기대값은 "
                        + "\(L16.hex(expected))입니다. 텔넷에서 CR 뒤에는 LF(줄 끝)나 NUL(CR 하나, "
                        + "RFC 854)이 옵니다. 뒤에 LF가 없는 CR마다 NUL을 붙이세요."))
            }
        },

        Check("read-cr-nul", Text("readUntil gives a CR NUL from the server as a bare CR, even cut between two reads",
                                  ko: "서버가 보낸 CR NUL을 readUntil이 CR 하나로 돌려준다(두 번의 read로 잘려 와도)")) {
            // busybox telnetd sends no CR NUL on its own: this check plays the server.
            let (server, client) = try L16.scriptedServer()
            defer { close(server); close(client) }
            let session = TelnetConnection(fd: client)
            writeAll(server, Array("one\r".utf8) + [0] + Array("two> ".utf8))
            let first = try L16.readScripted(session, "> ")
            try expect(first == "one\rtwo> ", Text(
                "The server sent \(L16.hex(Array("one\r".utf8) + [0] + Array("two> ".utf8))); "
                    + "readUntil(\"> \") returned \(L16.show(first)); expected \"one\\rtwo> \". "
                    + "CR NUL on the wire is a bare CR: drop the NUL.",
                ko: "서버가 \(L16.hex(Array("one\r".utf8) + [0] + Array("two> ".utf8)))를 보냈는데 "
                    + "readUntil(\"> \")의 결과는 \(L16.show(first))입니다. 기대값은 "
                    + "\"one\\rtwo> \"입니다. 회선의 CR NUL은 CR 하나이니 NUL을 버리세요."))
            // The CR arrives at the end of one read, its NUL at the start of the next.
            writeAll(server, Array("three\r".utf8))
            _ = try L16.readScripted(session, "three")
            writeAll(server, [0] + Array("four> ".utf8))
            let second = try L16.readScripted(session, "> ")
            try expect(second == "\rfour> ", Text(
                "The server sent \"three\\r\", then (after readUntil(\"three\") returned) NUL and "
                    + "\"four> \"; readUntil(\"> \") returned \(L16.show(second)); expected "
                    + "\"\\rfour> \". A CR at the end of a chunk may still be followed by its NUL: "
                    + "keep it back (in rest) until the next byte shows which it is.",
                ko: "서버가 \"three\\r\"를 보내고, (readUntil(\"three\")가 돌아온 뒤) NUL과 "
                    + "\"four> \"를 보냈는데 readUntil(\"> \")의 결과는 \(L16.show(second))입니다. "
                    + "기대값은 \"\\rfour> \"입니다. 덩어리 끝의 CR 뒤에는 아직 NUL이 올 수 있습니다. "
                    + "다음 바이트가 올 때까지 (rest에) 남겨 두세요."))
        },

        Check("server-prompt", Text("readUntil finds the login prompt of a real server",
                                    ko: "readUntil이 실제 서버의 로그인 프롬프트를 찾는다")) {
            let session = try L16.connect()
            let text = try L16.read(session, "login: ", timeout: 3)
            try expect(text.hasSuffix("login: "), Text(
                "readUntil(\"login: \") returned \(L16.show(text)); it must end with the marker.",
                ko: "readUntil(\"login: \")의 결과는 \(L16.show(text))입니다. 표시 문자열로 끝나야 합니다."))
            try expect(text.contains("learn Telnet server") && !text.contains("\u{FFFD}"), Text(
                "readUntil(\"login: \") returned \(L16.show(text)). Expected the server's greeting "
                    + "\"learn Telnet server ...\" before the prompt, and no replacement characters: "
                    + "the negotiations (IAC DO ECHO, ...) are not data.",
                ko: "readUntil(\"login: \")의 결과는 \(L16.show(text))입니다. 프롬프트 앞에 서버 "
                    + "인사말 \"learn Telnet server ...\"가 있어야 하고, 대체 문자(�)는 없어야 "
                    + "합니다. 협상(IAC DO ECHO 등)은 데이터가 아닙니다."))
        },

        Check("server-command", Text("A command's computed output comes back from a real server",
                                     ko: "명령이 계산한 출력이 실제 서버에서 돌아온다")) {
            let session = try L16.connectAndLogIn()
            try L16.send(session, "echo $((6*7))x\n")
            let text = try L16.read(session, "42x", timeout: 3)
            try expect(text.hasSuffix("42x"), Text(
                "readUntil(\"42x\") returned \(L16.show(text)); it must end with the marker.",
                ko: "readUntil(\"42x\")의 결과는 \(L16.show(text))입니다. 표시 문자열로 끝나야 합니다."))
            let after = try L16.read(session, "learn$ ", timeout: 3)
            try expect(!after.contains("42x"), Text(
                "After readUntil(\"42x\"), readUntil(\"learn$ \") returned \(L16.show(after)), which "
                    + "holds 42x again: return the data up to the marker and keep only what follows.",
                ko: "readUntil(\"42x\") 다음 readUntil(\"learn$ \")의 결과가 \(L16.show(after))인데 "
                    + "42x가 또 들어 있습니다. 표시 문자열까지를 돌려주고 그 뒤만 남겨 두세요."))
        },

        Check("server-two-markers", Text("Two markers in one burst are found by two calls",
                                         ko: "한 번에 온 표시 문자열 두 개를 두 번의 호출로 찾는다")) {
            let session = try L16.connectAndLogIn()
            // One printf: one burst. Then the server says nothing for 2 s.
            try L16.send(session, "printf 'A%sA B%sB\\n' $((1+1)) $((2+2)); sleep 2\n")
            let first = try L16.read(session, "A2A", timeout: 3)
            try expect(!first.contains("B4B"), Text(
                "readUntil(\"A2A\") returned \(L16.show(first)), which goes past the marker.",
                ko: "readUntil(\"A2A\")의 결과가 \(L16.show(first))인데 표시 문자열을 넘어갔습니다."))
            let second: String
            do {
                second = try session.readUntil("B4B", timeout: 1)
            } catch {
                throw Failure(Text(
                    "The server sent \"A2A B4B\" in one burst and then nothing for 2 s. "
                        + "readUntil(\"A2A\") worked, but readUntil(\"B4B\", timeout: 1) threw \(error). "
                        + "\" B4B\" had already arrived with A2A: keep the data read past a marker "
                        + "for the next call, and look there before reading again.",
                    ko: "서버가 \"A2A B4B\"를 한 번에 보내고 2초 동안 아무것도 보내지 않았습니다. "
                        + "readUntil(\"A2A\")는 됐지만 readUntil(\"B4B\", timeout: 1)이 오류를 "
                        + "던졌습니다: \(error). \" B4B\"는 A2A와 함께 이미 도착했습니다. 표시 문자열 "
                        + "너머로 읽은 데이터는 다음 호출을 위해 남겨 두고, 다시 읽기 전에 거기부터 "
                        + "찾으세요."))
            }
            try expect(second == " B4B", Text(
                "readUntil(\"B4B\") returned \(L16.show(second)); expected \" B4B\", the data after A2A.",
                ko: "readUntil(\"B4B\")의 결과는 \(L16.show(second))입니다. 기대값은 A2A 뒤의 데이터인 \" B4B\"입니다."))
        },

        Check("server-timeout", Text("A marker that never comes throws within the timeout",
                                     ko: "끝내 오지 않는 표시 문자열에는 시간 안에 오류를 던진다")) {
            let session = try L16.connectAndLogIn()
            // A read that blocks gives up after 3 s instead of hanging the check.
            var limit = timeval(tv_sec: 3, tv_usec: 0)
            setsockopt(session.fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            let marker = "never-\(UInt32.random(in: 0...UInt32.max))"
            let start = monotonicSeconds()
            var threw = false
            var got = ""
            do {
                got = try session.readUntil(marker, timeout: 0.3)
            } catch {
                threw = true
            }
            let took = monotonicSeconds() - start
            let seconds = String(Double(Int(took * 10)) / 10)
            try expect(threw, Text(
                "readUntil(\"\(marker)\", timeout: 0.3) returned \(L16.show(got)) after \(seconds) s, "
                    + "but the server never sends that marker: throw when the time is up.",
                ko: "readUntil(\"\(marker)\", timeout: 0.3)가 \(seconds)초 뒤 \(L16.show(got))를 "
                    + "돌려줬지만 서버는 그 표시 문자열을 보내지 않습니다. 시간이 다 되면 오류를 "
                    + "던지세요."))
            try expect(took >= 0.25 && took < 1.3, Text(
                "readUntil(\"\(marker)\", timeout: 0.3) threw after \(seconds) s; expected about "
                    + "0.3 s. Wait with poll for at most the time that is left, and read only "
                    + "when poll says data is there (a plain read waits as long as the server is silent).",
                ko: "readUntil(\"\(marker)\", timeout: 0.3)가 \(seconds)초 뒤에 오류를 던졌습니다. "
                    + "0.3초쯤이어야 합니다. 남은 시간만큼만 poll로 기다리고, poll이 데이터가 "
                    + "있다고 할 때만 read하세요(그냥 read는 서버가 조용한 동안 계속 기다립니다)."))
        },
    ]

    /// This lesson's helpers, kept apart from the harness's own names.
    enum L16 {
        static let IAC: UInt8 = 255, DONT: UInt8 = 254, DO: UInt8 = 253, WONT: UInt8 = 252
        static let WILL: UInt8 = 251, SB: UInt8 = 250, SE: UInt8 = 240

        /// What busybox telnetd sends first, plus a subnegotiation, a NOP and an IAC IAC.
        static let mixed: [UInt8] = [IAC, DO, 1, IAC, DO, 31, IAC, WILL, 1, IAC, WILL, 3, 13, 10]
            + Array("hi".utf8) + [IAC, SB, 24, 1, IAC, SE] + [IAC, 241] + Array("x".utf8)
            + [IAC, IAC] + Array("login: ".utf8)
        static let mixedData: [UInt8] = [13, 10] + Array("hix".utf8) + [255] + Array("login: ".utf8)
        static let mixedReply: [UInt8] = [IAC, WONT, 1, IAC, WONT, 31, IAC, DONT, 1, IAC, DONT, 3]

        static func expectNegotiate(_ input: [UInt8], data: [UInt8], reply: [UInt8], _ why: Text) throws {
            let got = negotiate(input)
            try Harness.expect(got.data == data && got.reply == reply && got.rest.isEmpty, Text(
                "negotiate(\(hex(input))) returned data \(hex(got.data)), reply \(hex(got.reply)), "
                    + "rest \(hex(got.rest)); expected data \(hex(data)), reply \(hex(reply)), "
                    + "rest []. \(why.en)",
                ko: "negotiate(\(hex(input)))가 data \(hex(got.data)), reply \(hex(got.reply)), "
                    + "rest \(hex(got.rest))를 돌려줬습니다. 기대값은 data \(hex(data)), reply "
                    + "\(hex(reply)), rest []입니다. \(why.ko)"))
        }

        /// Bytes with Telnet's command bytes named: [IAC DO 1 'h' 'i'].
        static func hex(_ bytes: [UInt8]) -> String {
            let names: [UInt8: String] = [255: "IAC", 254: "DONT", 253: "DO", 252: "WONT", 251: "WILL",
                                          250: "SB", 249: "GA", 246: "AYT", 242: "DM", 241: "NOP",
                                          240: "SE"]
            let shown = bytes.map { byte -> String in
                if let name = names[byte] { return name }
                if byte == 13 { return "CR" }
                if byte == 10 { return "LF" }
                if byte >= 32 && byte < 127 { return "'\(Character(Unicode.Scalar(byte)))'" }
                return String(byte)
            }
            if shown.count > 40 { return "[" + shown.prefix(40).joined(separator: " ") + " ...]" }
            return "[" + shown.joined(separator: " ") + "]"
        }

        /// In quotes, CR and LF written out, and a NUL as \0 (a terminal shows nothing for it).
        static func show(_ text: String) -> String {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if scalar == "\0" { scalars.append(contentsOf: "\\0".unicodeScalars) } else { scalars.append(scalar) }
            }
            return Harness.quoted(String(scalars))
        }

        /// What the learner's write puts on the wire, read back through a socket pair.
        static func written(_ text: String) throws -> [UInt8] {
            var pair: [Int32] = [0, 0]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
                throw NotRun(Text(errnoText("socketpair"), ko: errnoText("socketpair")))
            }
            defer { close(pair[0]); close(pair[1]) }
            let connection = TelnetConnection(fd: pair[0])
            do {
                try connection.write(text)
            } catch {
                throw Failure(Text("write(\(show(text))) threw \(error).",
                                   ko: "write(\(show(text)))가 오류를 던졌습니다: \(error)."))
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(pair[1], &buffer, buffer.count, Int32(MSG_DONTWAIT))
            return count > 0 ? Array(buffer[0..<count]) : []
        }

        /// A connected socket pair: the check writes the server's bytes on the first; the
        /// learner's TelnetConnection reads the second. A blocking read there gives up after 3 s.
        static func scriptedServer() throws -> (Int32, Int32) {
            var pair: [Int32] = [0, 0]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
                throw NotRun(Text(errnoText("socketpair"), ko: errnoText("socketpair")))
            }
            var limit = timeval(tv_sec: 3, tv_usec: 0)
            setsockopt(pair[1], SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            return (pair[0], pair[1])
        }

        /// The learner's readUntil on the scripted server, whose bytes are all sent already.
        static func readScripted(_ session: TelnetConnection, _ marker: String) throws -> String {
            do {
                return try session.readUntil(marker, timeout: 1)
            } catch {
                throw Failure(Text(
                    "readUntil(\"\(marker)\", timeout: 1) threw \(error), though the check, playing "
                        + "the server, had already sent that text (with a CR NUL before it).",
                    ko: "readUntil(\"\(marker)\", timeout: 1)이 오류를 던졌습니다: \(error). 서버 역할을 "
                        + "하는 검사는 그 텍스트를 (앞에 CR NUL을 붙여) 이미 보냈습니다."))
            }
        }

        /// A TelnetConnection to the real server.
        static func connect() throws -> TelnetConnection {
            let server = try Harness.server("telnet")
            let fd: Int32
            do {
                fd = try connectTCP(server.host, server.port)
            } catch {
                throw NotRun(Text("Could not connect to the Telnet server: \(error).",
                                  ko: "텔넷 서버에 연결하지 못했습니다: \(error)."))
            }
            return TelnetConnection(fd: fd)
        }

        /// Logged in, at the prompt "learn$ ".
        static func connectAndLogIn() throws -> TelnetConnection {
            let server = try Harness.server("telnet")
            let session = try connect()
            _ = try read(session, "login: ", timeout: 3)
            try send(session, server.user + "\n")
            _ = try read(session, "Password: ", timeout: 3)
            try send(session, server.password + "\n")
            _ = try read(session, "learn$ ", timeout: 3)
            return session
        }

        /// The learner's readUntil; what it throws becomes a failure that says what was awaited.
        static func read(_ session: TelnetConnection, _ marker: String, timeout: Double) throws -> String {
            do {
                return try session.readUntil(marker, timeout: timeout)
            } catch {
                throw Failure(Text(
                    "readUntil(\"\(marker)\", timeout: \(timeout)) threw \(error). The server sends "
                        + "that text (after its negotiations: IAC DO ECHO, IAC DO NAWS, IAC WILL ECHO, "
                        + "IAC WILL SGA). Read, pass each chunk through negotiate (with the last "
                        + "rest in front), send the replies, keep the data, and look for the marker.",
                    ko: "readUntil(\"\(marker)\", timeout: \(timeout))가 오류를 던졌습니다: \(error). "
                        + "서버는 그 텍스트를 보냅니다(협상 IAC DO ECHO, IAC DO NAWS, IAC WILL ECHO, "
                        + "IAC WILL SGA 다음에). 읽은 덩어리마다 (지난 rest를 앞에 붙여) negotiate에 "
                        + "넣고, 답을 보내고, 데이터를 모아 표시 문자열을 찾으세요."))
            }
        }

        static func send(_ session: TelnetConnection, _ text: String) throws {
            do {
                try session.write(text)
            } catch {
                throw Failure(Text("write(\(show(text))) threw \(error).",
                                   ko: "write(\(show(text)))가 오류를 던졌습니다: \(error)."))
            }
        }
    }
}
