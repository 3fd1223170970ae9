// Lesson 16, Telnet client: the demo. Connects to a real Telnet server (busybox telnetd,
// started by the harness in the private network), shows every negotiation it sends and
// the refusal your negotiate answers with, logs in, runs a command and reads its output
// with your TelnetConnection.
import Glibc

@main
enum TelnetDemo {
    typealias Text = Harness.Text

    static func main() throws {
        let server: Harness.Server
        do {
            server = try Harness.server("telnet")
        } catch let notRun as Harness.NotRun {
            Harness.say("The Telnet server could not start, so there is no demo: \(notRun.reason.en)",
                ko: "텔넷 서버를 시작할 수 없어 데모를 보여 드릴 수 없습니다: \(notRun.reason.ko)")
            return
        }
        Harness.say("A real Telnet server (busybox telnetd) listens on \(server.host):\(server.port).",
            ko: "실제 텔넷 서버(busybox telnetd)가 \(server.host):\(server.port)에서 기다립니다.")
        let fd = try Harness.connectTCP(server.host, server.port)
        defer { close(fd) }

        // Raw bytes first, to see the negotiation: read until the login prompt.
        Harness.say("\n-- negotiation: what the server sent, what negotiate answered --",
            ko: "\n-- 협상: 서버가 보낸 것, negotiate가 답한 것 --")
        var data: [UInt8] = []
        var rest: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !contains(data, Array("login: ".utf8)) {
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { Harness.say("(connection closed)", ko: "(연결이 닫혔습니다)"); return }
            let chunk = rest + buffer[0..<count]
            for command in commands(in: chunk) { print("  S: \(command)") }
            let parts = negotiate(chunk)
            rest = parts.rest
            data += parts.data
            for command in commands(in: parts.reply) { print("  C: \(command)") }
            Harness.writeAll(fd, parts.reply)
        }
        Harness.say("Every DO got a WONT and every WILL a DONT, as telnetlib does: we use no",
            ko: "telnetlib처럼 DO에는 모두 WONT, WILL에는 모두 DONT로 답했습니다. 옵션은 하나도")
        Harness.say("options. (busybox still echoes what we type, as you will see below.)",
            ko: "쓰지 않습니다. (그래도 busybox는 입력을 되돌려 보냅니다. 아래에서 보입니다.)")
        Harness.say("\nThe data around the commands:", ko: "\n명령을 뺀 데이터:")
        printData(data)

        // From here on, your TelnetConnection does the reading.
        Harness.say("\n-- log in and run commands with TelnetConnection --",
            ko: "\n-- TelnetConnection으로 로그인하고 명령 실행 --")
        let telnet = TelnetConnection(fd: fd)
        try step(telnet, send: server.user, shown: server.user, until: "Password: ")
        try step(telnet, send: server.password, shown: "****", until: "learn$ ")
        try step(telnet, send: "echo $((6*7))x", until: "learn$ ")
        try step(telnet, send: "ls; cat notes.txt", until: "learn$ ")
        try step(telnet, send: "echo 안녕, 텔넷", until: "learn$ ")
        Harness.say("\n-- a marker that never comes --", ko: "\n-- 끝내 오지 않는 표시 문자열 --")
        do {
            let text = try telnet.readUntil("never", timeout: 0.3)
            Harness.say("readUntil(\"never\") returned \(text.debugDescription)",
                ko: "readUntil(\"never\")의 결과는 \(text.debugDescription)입니다")
        } catch {
            Harness.say("readUntil(\"never\", timeout: 0.3) threw:\n  \(error)",
                ko: "readUntil(\"never\", timeout: 0.3)이 오류를 던졌습니다.\n  \(error)")
        }
        try step(telnet, send: "exit", until: "Bye.")
        Harness.say("\nThe command line comes back first: the server echoes what we type.",
            ko: "\n명령 줄이 먼저 돌아옵니다. 서버가 우리가 입력한 것을 되돌려 보내기 때문입니다.")
        Harness.say("Then its output, then the next prompt, which ends readUntil.",
            ko: "그다음 출력, 그다음 다음 프롬프트가 오고, 프롬프트에서 readUntil이 끝납니다.")
    }

    /// Writes a line, then reads until `marker`, showing both.
    static func step(_ telnet: TelnetConnection, send line: String, shown: String? = nil,
                     until marker: String) throws {
        print("  C: write(\((shown ?? line).debugDescription + " + \"\\n\""))")
        try telnet.write(line + "\n")
        let text = try telnet.readUntil(marker, timeout: 3)
        print("  S: readUntil(\(marker.debugDescription)) ->")
        printData(Array(text.utf8))
    }

    /// Data with its CR LF line ends made visible.
    static func printData(_ bytes: [UInt8]) {
        var line = ""
        for byte in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch byte {
            case "\r": line += "\\r"
            case "\n": print("     | " + line + "\\n"); line = ""
            default: line.unicodeScalars.append(byte)
            }
        }
        if !line.isEmpty { print("     | " + line) }
    }

    /// The commands in a byte sequence, named: "IAC DO ECHO (255 253 1)".
    static func commands(in bytes: [UInt8]) -> [String] {
        let verbs: [UInt8: String] = [254: "DONT", 253: "DO", 252: "WONT", 251: "WILL"]
        let options: [UInt8: String] = [0: "BINARY", 1: "ECHO", 3: "SUPPRESS-GO-AHEAD",
                                        24: "TERMINAL-TYPE", 31: "NAWS (window size)",
                                        32: "TERMINAL-SPEED", 34: "LINEMODE", 39: "NEW-ENVIRON"]
        var found: [String] = []
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 255, let verb = verbs[bytes[index + 1]] {
                let option = bytes[index + 2]
                found.append("IAC \(verb) \(options[option] ?? String(option))"
                                + "   (255 \(bytes[index + 1]) \(option))")
                index += 3
            } else {
                index += bytes[index] == 255 ? 2 : 1
            }
        }
        return found
    }

    static func contains(_ data: [UInt8], _ wanted: [UInt8]) -> Bool {
        guard data.count >= wanted.count else { return false }
        return (0...(data.count - wanted.count)).contains {
            data[$0..<$0 + wanted.count].elementsEqual(wanted)
        }
    }

}
