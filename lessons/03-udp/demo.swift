// Lesson 03, UDP: the demo. A child process runs echoOnce as a small echo server while ask
// sends requests to it; then ask meets a closed port (ECONNREFUSED at once) and a silent one
// (TimedOut at its deadline). Last, datagrams keep their boundaries, receiveTruncating tells a
// cut one, and sendto shows the size limit.
import Glibc

@main
enum UDPDemo {
    typealias Text = Harness.Text

    static func main() throws {
        try echoServer()
        try boundaries()
        try sizeLimit()
    }

    static func echoServer() throws {
        let server = try Harness.UDPSocket.receiver(bindTo: Harness.loopback)
        let requests = ["hello", "안녕", ""]
        fflush(stdout)
        let child = fork()
        if child == 0 {
            // The echo server: one echoOnce per request, then done.
            for _ in requests { _ = try? echoOnce(on: server.fd) }
            _exit(0)
        }
        defer {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
        }
        Harness.say("An echo server (echoOnce, in a child process) on 127.0.0.1:\(server.port).",
            ko: "에코 서버(자식 프로세스에서 도는 echoOnce)가 127.0.0.1:\(server.port)에 있습니다.")
        for request in requests {
            let started = Harness.monotonicSeconds()
            do {
                let reply = try ask(Array(request.utf8), host: Harness.loopback, port: server.port, timeout: 1)
                let text = String(decoding: reply, as: UTF8.self)
                Harness.say("  ask(\"\(request)\") -> \"\(text)\", \(reply.count) bytes, \(milliseconds(since: started))",
                    ko: "  ask(\"\(request)\") -> \"\(text)\", \(reply.count)바이트, \(milliseconds(since: started))")
            } catch {
                Harness.say("  ask(\"\(request)\") threw: \(error)", ko: "  ask(\"\(request)\")의 오류: \(error)")
            }
        }
        Harness.say("  (an empty datagram is a datagram: it arrives, and is echoed, with 0 bytes)",
            ko: "  (빈 데이터그램도 데이터그램입니다. 0바이트로 도착하고, 0바이트로 돌아옵니다)")
        Harness.say("", ko: "")

        let closed = try Harness.UDPSocket.receiver(bindTo: Harness.loopback).port
        let silent = try Harness.UDPSocket.receiver(bindTo: Harness.loopback)
        for (port, what) in [(closed, Text("nobody listens", ko: "듣는 쪽 없음")),
                             (silent.port, Text("a socket that never answers", ko: "답하지 않는 소켓"))] {
            let started = Harness.monotonicSeconds()
            do {
                _ = try ask(Array("anyone?".utf8), host: Harness.loopback, port: port, timeout: 0.5)
                Harness.say("ask to port \(port) (\(what.en)) got a reply?",
                    ko: "\(port)번 포트(\(what.ko))에 ask했더니 답이 왔습니다?")
            } catch {
                Harness.say("ask to port \(port), \(what.en), timeout 0.5 s:",
                    ko: "\(port)번 포트(\(what.ko))에 ask, 제한 시간 0.5초:")
                Harness.say("  after \(milliseconds(since: started)): \(error)",
                    ko: "  \(milliseconds(since: started)) 뒤: \(error)")
            }
        }
        Harness.say("The closed port answers with ICMP port unreachable, at once; silence only ends",
            ko: "닫힌 포트는 곧바로 ICMP port unreachable로 답합니다. 침묵은 마감 시각이 되어야만")
        Harness.say("at the deadline. (Both look the same to an unconnected socket: nothing comes.)",
            ko: "끝납니다. (connect하지 않은 소켓에게는 둘이 같습니다. 아무것도 오지 않으니까요.)")
        Harness.say("", ko: "")
    }

    static func boundaries() throws {
        let receiver = try Harness.UDPSocket.receiver(bindTo: Harness.loopback)
        let sender = try Harness.UDPSocket.receiver(bindTo: Harness.loopback)
        let parts = ["one", "two", "three"]
        for part in parts { try sender.send(part, to: Harness.loopback, port: receiver.port) }
        Harness.say("Three sendto calls, \"one\", \"two\", \"three\"; then three receives of room 100:",
            ko: "sendto 세 번(\"one\", \"two\", \"three\"), 그다음 100바이트 자리로 받기 세 번:")
        for _ in parts {
            let got = try receiveTruncating(on: receiver.fd, capacity: 100)
            Harness.say("  \"\(String(decoding: got.bytes, as: UTF8.self))\" (\(got.bytes.count) bytes, truncated \(got.truncated))",
                ko: "  \"\(String(decoding: got.bytes, as: UTF8.self))\" (\(got.bytes.count)바이트, truncated \(got.truncated))")
        }
        Harness.say("Each receive is one datagram: boundaries are kept, never merged or split.",
            ko: "받기 한 번이 데이터그램 하나입니다. 경계가 지켜져 합쳐지거나 쪼개지지 않습니다.")
        try sender.send([UInt8](repeating: 0x2E, count: 2000), to: Harness.loopback, port: receiver.port)
        try sender.send("next", to: Harness.loopback, port: receiver.port)
        let cut = try receiveTruncating(on: receiver.fd, capacity: 16)
        let next = try receiveTruncating(on: receiver.fd, capacity: 16)
        Harness.say("A 2000-byte datagram into room for 16: \(cut.bytes.count) bytes, truncated \(cut.truncated);",
            ko: "2000바이트 데이터그램을 16바이트 자리에: \(cut.bytes.count)바이트, truncated \(cut.truncated).")
        Harness.say("  the next receive gets \"\(String(decoding: next.bytes, as: UTF8.self))\": the other 1984 bytes are gone.",
            ko: "  다음 받기는 \"\(String(decoding: next.bytes, as: UTF8.self))\": 나머지 1984바이트는 사라졌습니다.")
        Harness.say("", ko: "")
    }

    static func sizeLimit() throws {
        let receiver = try Harness.UDPSocket.receiver(bindTo: Harness.loopback)
        let sender = try Harness.UDPSocket.receiver(bindTo: Harness.loopback)
        Harness.say("The size limit over IPv4: 65535 - 20 (IP header) - 8 (UDP header) = 65507.",
            ko: "IPv4에서의 크기 한계: 65535 - 20(IP 헤더) - 8(UDP 헤더) = 65507.")
        for size in [65507, 65508] {
            do {
                let sent = try sender.send([UInt8](repeating: 1, count: size), to: Harness.loopback, port: receiver.port)
                let got = try receiveTruncating(on: receiver.fd, capacity: 65536)
                Harness.say("  sendto \(size) bytes: sent \(sent), received \(got.bytes.count)",
                    ko: "  sendto \(size)바이트: 보냄 \(sent), 받음 \(got.bytes.count)")
            } catch {
                Harness.say("  sendto \(size) bytes: \(error)", ko: "  sendto \(size)바이트: \(error)")
            }
        }
    }

    static func milliseconds(since start: Double) -> String {
        "\(Int(((Harness.monotonicSeconds() - start) * 1000).rounded())) ms"
    }
}
