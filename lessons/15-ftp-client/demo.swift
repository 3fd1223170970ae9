// Lesson 15, FTP client: the demo. A whole session with a real FTP server (pyftpdlib,
// started by the harness in the private network), every command and reply shown, built
// on your readReply and parsers; then your download fetches the uploaded file again.
import Glibc

@main
enum FTPDemo {
    typealias Text = Harness.Text

    static func main() throws {
        let server: Harness.Server
        do {
            server = try Harness.server("ftp")
        } catch let notRun as Harness.NotRun {
            Harness.say("The FTP server could not start, so there is no demo: \(notRun.reason.en)",
                ko: "FTP 서버를 시작할 수 없어 데모를 보여 드릴 수 없습니다: \(notRun.reason.ko)")
            return
        }
        Harness.say("A real FTP server (pyftpdlib) listens on \(server.host):\(server.port),",
            ko: "실제 FTP 서버(pyftpdlib)가 \(server.host):\(server.port)에서 기다립니다.")
        Harness.say("user \(server.user), root folder \(server.root).",
            ko: "사용자 \(server.user), 루트 폴더 \(server.root).")
        Harness.say("C: is what the client sends, S: what the server replies.",
            ko: "C:는 클라이언트가 보내는 것, S:는 서버의 응답입니다.")
        Harness.say("", ko: "")

        let control = try Harness.connectTCP(server.host, server.port)
        defer { close(control) }
        show(try readReply(control))

        Harness.say("\n-- log in --", ko: "\n-- 로그인 --")
        try send(control, "USER \(server.user)")
        try send(control, "PASS \(server.password)", shown: "PASS ****")
        try send(control, "PWD")
        try send(control, "FEAT")

        Harness.say("\n-- a folder, and an upload over a passive data connection --",
            ko: "\n-- 폴더를 만들고, 수동 모드 데이터 연결로 올리기 --")
        try send(control, "MKD demo")
        try send(control, "CWD demo")
        try send(control, "TYPE I")
        let content = Array("hello, FTP!\r\n안녕, FTP!\n\u{0}\u{ff}".utf8) + [0xFF, 0x0D, 0x0A]
        let pasv = try send(control, "PASV")
        guard let (announcedHost, dataPort) = unpack(parsePassiveReply(pasv.text)) else { return }
        Harness.say("   parsePassiveReply: host \(announcedHost), port \(dataPort)",
            ko: "   parsePassiveReply: 호스트 \(announcedHost), 포트 \(dataPort)")
        var data = try Harness.connectTCP(server.host, dataPort)
        Harness.say("   (data connection to port \(dataPort) open)",
            ko: "   (포트 \(dataPort)로 데이터 연결을 열었습니다)")
        try send(control, "STOR hello.bin")
        Harness.writeAll(data, content)
        close(data)
        Harness.say("   (\(content.count) bytes written, data connection closed: that ends the file)",
            ko: "   (\(content.count)바이트를 쓰고 데이터 연결을 닫았습니다. 닫는 것이 파일의 끝입니다)")
        show(try readReply(control))

        Harness.say("\n-- a listing over an extended passive (EPSV) data connection --",
            ko: "\n-- 확장 수동 모드(EPSV) 데이터 연결로 목록 받기 --")
        let epsv = try send(control, "EPSV")
        guard let listPort = parseExtendedPassiveReply(epsv.text) else {
            Harness.say("   parseExtendedPassiveReply gave nil", ko: "   parseExtendedPassiveReply가 nil을 돌려줬습니다")
            return
        }
        Harness.say("   parseExtendedPassiveReply: port \(listPort)",
            ko: "   parseExtendedPassiveReply: 포트 \(listPort)")
        data = try Harness.connectTCP(server.host, listPort)
        try send(control, "LIST")
        let listing = readAll(data)
        close(data)
        for line in listing.split(separator: 10) {
            let text = String(decoding: line.filter { $0 != 13 }, as: UTF8.self)
            Harness.say("   data: \(text)", ko: "   데이터: \(text)")
        }
        show(try readReply(control))
        Harness.say("   (pyftpdlib answers SIZE only in binary mode: in ASCII mode the size",
            ko: "   (pyftpdlib은 SIZE에 바이너리 모드에서만 답합니다. ASCII 모드에서는 줄 끝을")
        Harness.say("   would depend on the line-ending conversion)",
            ko: "   바꾸기 때문에 크기가 달라질 수 있어서입니다)")
        try send(control, "TYPE A")
        try send(control, "SIZE hello.bin")
        try send(control, "TYPE I")
        try send(control, "SIZE hello.bin")

        Harness.say("\n-- your download(), on a connection of its own --",
            ko: "\n-- 여러분의 download()가 자기 연결로 내려받기 --")
        let fetched = try download(host: server.host, port: server.port, user: server.user,
                                   password: server.password, path: "/demo/hello.bin")
        if fetched == content {
            Harness.say("   download returned \(fetched.count) bytes, identical to the upload (CR, LF, 0xFF included).",
                ko: "   download가 \(fetched.count)바이트를 돌려줬습니다. 올린 것과 똑같습니다(CR, LF, 0xFF 포함).")
        } else {
            Harness.say("   download returned \(fetched.count) bytes, NOT the \(content.count) uploaded.",
                ko: "   download가 \(fetched.count)바이트를 돌려줬습니다. 올린 \(content.count)바이트와 다릅니다.")
        }

        Harness.say("\n-- the same download() from servers that differ --",
            ko: "\n-- 조금씩 다른 서버에서 같은 download()로 내려받기 --")
        let variants: [(key: String, host: String, what: Text)] = [
            ("SLOW_GREETING_PORT", "127.0.0.1", Text("greets with 120, then 220", ko: "120, 그다음 220으로 인사")),
            ("NOPASV_PORT", "127.0.0.1", Text("refuses PASV (502)", ko: "PASV를 거절(502)")),
            ("NOEPSV_PORT", "127.0.0.1", Text("refuses EPSV (500)", ko: "EPSV를 거절(500)")),
            ("V6_PORT", "::1", Text("listens on ::1 (IPv6)", ko: "::1(IPv6)에서 기다림")),
        ]
        for variant in variants {
            guard let text = server.value(variant.key), let port = UInt16(text) else {
                Harness.say("   \(variant.what.en): not running here", ko: "   \(variant.what.ko): 여기서는 실행되지 않음")
                continue
            }
            do {
                let bytes = try download(host: variant.host, port: port, user: server.user,
                                         password: server.password, path: "/demo/hello.bin")
                let same = bytes == content
                Harness.say("   \(variant.what.en): \(bytes.count) bytes\(same ? ", identical" : ", NOT the upload")",
                    ko: "   \(variant.what.ko): \(bytes.count)바이트\(same ? ", 똑같음" : ", 올린 것과 다름")")
            } catch {
                Harness.say("   \(variant.what.en): download threw:\n     \(error)",
                    ko: "   \(variant.what.ko): download가 오류를 던졌습니다.\n     \(error)")
            }
        }

        Harness.say("\n-- rename, delete, clean up --", ko: "\n-- 이름 바꾸기, 지우기, 정리 --")
        try send(control, "RNFR hello.bin")
        try send(control, "RNTO notes.bin")
        try send(control, "DELE notes.bin")
        try send(control, "RETR notes.bin")
        try send(control, "CWD /")
        try send(control, "RMD demo")
        try send(control, "QUIT")
        Harness.say("", ko: "")
        Harness.say("Reply classes: 1yz wait for more, 2yz done, 3yz send the next part,",
            ko: "응답 분류: 1yz 더 기다림, 2yz 완료, 3yz 다음 부분을 보낼 것,")
        Harness.say("4yz failed this time (try again), 5yz failed (do not repeat as is).",
            ko: "4yz 이번에는 실패(다시 시도), 5yz 실패(그대로 반복하지 말 것).")
    }

    /// Sends one command and shows it with its reply.
    @discardableResult
    static func send(_ fd: Int32, _ line: String, shown: String? = nil) throws -> FTPReply {
        print("C: \(shown ?? line)")
        Harness.writeAll(fd, Array((line + "\r\n").utf8))
        let reply = try readReply(fd)
        show(reply)
        return reply
    }

    static func show(_ reply: FTPReply) {
        for line in reply.text.split(separator: "\n", omittingEmptySubsequences: false) {
            print("S: \(line)")
        }
    }

    static func unpack(_ value: (host: String, port: UInt16)?) -> (String, UInt16)? {
        guard let value else {
            Harness.say("   parsePassiveReply gave nil", ko: "   parsePassiveReply가 nil을 돌려줬습니다")
            return nil
        }
        return (value.host, value.port)
    }

    static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

}
