// Lesson 07, many clients: the demo. Three clients chat through relay at the same time; then
// one of three never reads while another sends 300 KB, and relay cuts it off while the third
// gets everything; and how little CPU the relay used while it waited in poll.
import Glibc

@main
enum ManyClientsDemo {
    typealias Text = Harness.Text

    static func main() throws {
        try showChat()
        try showSlowReader()
    }

    /// Lines a peer reports: what it read, in order, until `count` lines or 2 s of silence.
    static func read(_ fd: Int32, count: Int) -> [String] {
        var heard: [String] = []
        while heard.count < count {
            let line = Harness.readLine(fd, timeout: 2)
            guard line.bytes.last == UInt8(ascii: "\n") else { break }
            heard.append(String(decoding: line.bytes.dropLast(), as: UTF8.self))
        }
        return heard
    }

    static func showChat() throws {
        let room = try Harness.ClientRoom(count: 3)
        let names = ["ana", "bo", "cy"]
        // Who says what, and after how many milliseconds of the conversation.
        let script: [(Int, Int, String)] = [(0, 0, "hi, ana here"), (1, 80, "hello ana, bo"), (2, 160, "cy too"),
                                            (0, 300, "who brought the coffee?"), (2, 420, "not me"),
                                            (1, 500, "me, it is on the table")]
        var peers: [Harness.Peer] = []
        for index in 0..<3 {
            let mine = script.filter { $0.0 == index }
            let expected = script.count - mine.count
            peers.append(try room.peer(index) { fd, report in
                // Everyone starts once the relay has let the last client in: its hello proves it.
                if index == 2 { _ = try? Harness.sendAllBytes(fd, Array("(cy is in)\n".utf8)) }
                var heard = index == 2 ? [] : read(fd, count: 1)
                let start = Harness.monotonicSeconds()
                for (_, at, text) in mine {
                    let wait = Double(at) / 1000 - (Harness.monotonicSeconds() - start)
                    if wait > 0 { usleep(UInt32(wait * 1e6)) }
                    _ = try? Harness.sendAllBytes(fd, Array("\(names[index]): \(text)\n".utf8))
                }
                heard += read(fd, count: expected)
                report(heard.joined(separator: "|"))
            })
        }
        room.closeCopies()
        Harness.say("Three clients connect to relay(listener, clients: 3, limit: 65536)",
            ko: "세 클라이언트가 relay(listener, clients: 3, limit: 65536)에 연결해서")
        Harness.say("and talk at the same time:", ko: "동시에 말합니다:")
        for (index, text) in script.map({ ($0.0, $0.2) }) {
            Harness.say("  \(names[index]) sends \"\(text)\"", ko: "  \(names[index]) 보냄: \"\(text)\"")
        }
        let cpuBefore = cpuSeconds(), wallBefore = Harness.monotonicSeconds()
        try relay(room.listener, clients: 3, limit: 65536)
        let cpu = cpuSeconds() - cpuBefore, wall = Harness.monotonicSeconds() - wallBefore
        print("")
        for (index, peer) in peers.enumerated() {
            let heard = (peer.lines(timeout: 2).first ?? "").split(separator: "|").map(String.init)
            Harness.say("\(names[index]) received:", ko: "\(names[index]) 받음:")
            for line in heard { print("    \(line)") }
        }
        print("")
        Harness.say("Each line went to the two others, never back to its sender,",
            ko: "줄마다 나머지 둘에게 갔고, 보낸 이에게는 돌아가지 않았으며,")
        Harness.say("and in the order it was sent.", ko: "보낸 순서를 지켰습니다.")
        Harness.say("The relay ran \(Int(wall * 1000)) ms and used \(Int(cpu * 1000)) ms of CPU: between lines,",
            ko: "중계는 \(Int(wall * 1000))ms 동안 돌며 CPU를 \(Int(cpu * 1000))ms 썼습니다. 줄 사이에는")
        Harness.say("it slept in poll.", ko: "poll 안에서 잤습니다.")
    }

    static func showSlowReader() throws {
        let lines = 5000
        let room = try Harness.ClientRoom(count: 3, sendBuffer: 8192, firstReceiveBuffer: 4096)
        let start = Harness.monotonicSeconds()
        let stalled = try room.peer(0) { fd, _ in usleep(3_000_000) }
        let reader = try room.peer(1) { fd, report in
            var count = 0
            var buffer = [UInt8](repeating: 0, count: 65536)
            var bytes = 0
            while count < lines, Harness.waitReadable(fd, timeout: 2) {
                let n = Glibc.read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += n
                let before = count
                count += buffer[0..<n].filter { $0 == UInt8(ascii: "\n") }.count
                // Every 500 lines it says so, and the sender waits for that (flow control).
                if count / 500 > before / 500 { _ = try? Harness.sendAllBytes(fd, Array("ack\n".utf8)) }
            }
            report("\(count) \(bytes) \(Int((Harness.monotonicSeconds() - start) * 1000))")
        }
        let sender = try room.peer(2) { fd, _ in
            let line = Array(("bulk " + String(repeating: "x", count: 54) + "\n").utf8)
            for _ in 0..<(lines / 500) {
                guard (try? Harness.sendAllBytes(fd, Array([[UInt8]](repeating: line, count: 500).joined()))) != nil,
                      Harness.readLine(fd, timeout: 2).bytes.last == UInt8(ascii: "\n") else { return }
            }
        }
        room.closeCopies()
        print("")
        Harness.say("Now one client never reads, one reads,",
            ko: "이번에는 한 클라이언트는 읽지 않고, 하나는 읽고,")
        Harness.say("and one sends \(lines) lines of 60 bytes, waiting for the reader's \"ack\" after",
            ko: "하나는 60바이트 줄 \(lines)개를 보내면서 500줄마다 읽는 쪽의 \"ack\"를")
        Harness.say("every 500 (the silent one gets the acks too, and reads nothing):",
            ko: "기다립니다(조용한 쪽에도 ack가 가지만 아무것도 읽지 않습니다):")
        try relay(room.listener, clients: 3, limit: 65536)
        let relayTime = Int((Harness.monotonicSeconds() - start) * 1000)
        let report = (reader.lines(timeout: 3).first ?? "").split(separator: " ").compactMap { Int($0) }
        stalled.stop()
        sender.stop()
        if report.count == 3 {
            Harness.say("  the reader got \(report[0]) lines (\(report[1]) bytes), done after \(report[2]) ms;",
                ko: "  읽는 쪽은 \(report[2])ms 만에 줄 \(report[0])개(\(report[1])바이트)를 다 받았고,")
        }
        Harness.say("  the relay returned after \(relayTime) ms: the client that never reads was cut off",
            ko: "  중계는 \(relayTime)ms 뒤에 끝났습니다. 읽지 않는 클라이언트는 보내지 못한 바이트가")
        Harness.say("  once 64 KiB waited for it, long before it would have left by itself (3 s).",
            ko: "  64KiB를 넘자 끊겼습니다. 스스로 떠났을 3초보다 훨씬 전입니다.")
    }

    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
