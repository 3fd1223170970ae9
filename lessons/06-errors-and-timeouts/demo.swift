// Lesson 06, errors and timeouts: the demo. readExactly against peers that are slow, close
// early or reset; connectWithTimeout against a server, a closed port and a server that
// answers nobody; then what SIGPIPE does to a plain send, and what sendAll does instead.
import Glibc

@main
enum ErrorsDemo {
    typealias Text = Harness.Text

    static func main() throws {
        try showReads()
        try showConnects()
        try showSigpipe()
    }

    static func showReads() throws {
        Harness.say("readExactly(fd, count: 10, timeout: 0.5) against four peers:",
            ko: "readExactly(fd, count: 10, timeout: 0.5)를 상대 넷에게:")
        var rows = [Text("peer|result|after", ko: "상대|결과|걸린 시간").string.split(separator: "|").map(String.init)]
        // What each peer does with its end of the connection; true when it closed it.
        let peers: [(Text, (Int32) -> Bool)] = [
            (Text("sends 10 bytes", ko: "10바이트를 보냄"), { server in
                _ = try? Harness.sendAllBytes(server, Array("0123456789".utf8))
                return false
            }),
            (Text("sends 3, then waits", ko: "3바이트 보내고 기다림"), { server in
                _ = try? Harness.sendAllBytes(server, Array("abc".utf8))
                return false
            }),
            (Text("sends 4, then closes", ko: "4바이트 보내고 닫음"), { server in
                _ = try? Harness.sendAllBytes(server, Array("abcd".utf8))
                shutdown(server, Int32(SHUT_WR))
                return false
            }),
            (Text("closes with SO_LINGER 0", ko: "SO_LINGER 0으로 닫음"), { server in
                var option = linger(l_onoff: 1, l_linger: 0)
                setsockopt(server, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
                close(server)
                return true
            }),
        ]
        for (story, act) in peers {
            let (client, server) = try Harness.tcpPair()
            let closedIt = act(server)
            _ = Harness.waitReadable(client, timeout: 0.1)
            let start = now()
            let result = Result { try readExactly(client, count: 10, timeout: 0.5) }
            let elapsed = now() - start
            let shown: String
            switch result {
            case .success(let bytes): shown = "\"" + String(decoding: bytes, as: UTF8.self) + "\""
            case .failure(let error): shown = show(error)
            }
            rows.append([story.string, shown, milliseconds(elapsed)])
            close(client)
            if !closedIt { close(server) }
        }
        Harness.printTable(rows)
    }

    static func showConnects() throws {
        print("")
        Harness.say("connectWithTimeout(host, port: P, timeout: 0.5), host 127.0.0.1 unless named:",
            ko: "connectWithTimeout(host, port: P, timeout: 0.5), host는 따로 없으면 127.0.0.1:")
        var rows = [Text("target|result|after", ko: "대상|결과|걸린 시간").string.split(separator: "|").map(String.init)]
        let listener = try Harness.TCPListener()
        let closed = try boundOnly()
        defer { close(closed.fd) }
        let silent = try fullQueue()
        defer { close(silent.filler); close(silent.fd) }
        var targets = [(Text("P: a server listens", ko: "P: 서버가 리슨함"), Harness.loopback, listener.endpoint.port),
                       (Text("P: nobody listens", ko: "P: 아무도 리슨하지 않음"), Harness.loopback, closed.port),
                       (Text("P: accept queue full", ko: "P: accept 대기열이 참"), Harness.loopback, silent.port)]
        // On the lab's LAN (lessons/course.txt: lab=lan) two more: an address no host has, and
        // a network the router R has no route to.
        let inLab = (try? Harness.lab()) != nil
        if inLab {
            targets += [(Text("10.77.0.99: no host", ko: "10.77.0.99: 호스트 없음"), "10.77.0.99", 80),
                        (Text("10.77.9.9: no route", ko: "10.77.9.9: 경로 없음"), "10.77.9.9", 80)]
        }
        for (story, host, port) in targets {
            let start = now()
            let result = Result { try connectWithTimeout(host, port: port, timeout: 0.5) }
            let elapsed = now() - start
            let shown: String
            switch result {
            case .success(let fd):
                shown = Text("connected (fd \(fd))", ko: "연결됨 (fd \(fd))").string
                close(fd)
            case .failure(let error):
                shown = show(error)
            }
            rows.append([story.string, shown, milliseconds(elapsed)])
        }
        Harness.printTable(rows)
        Harness.say("A refusal comes back at once (a reset answers the SYN); silence is only",
            ko: "거절은 곧바로 돌아옵니다(SYN에 리셋이 답합니다). 침묵은 시간 제한이")
        Harness.say("ended by the time limit. Without one, connect retries for about two minutes.",
            ko: "끝내 줄 뿐입니다. 제한이 없으면 connect는 2분 남짓 다시 시도합니다.")
        if inLab {
            Harness.say("(The last two rows ran on host A of the lab's LAN: nobody answers ARP for",
                ko: "(마지막 두 행은 랩 LAN의 호스트 A에서 실행했습니다. 10.77.0.99의 ARP에는")
            Harness.say("10.77.0.99, and the router answers the SYN for 10.77.9.9 with ICMP",
                ko: "아무도 답하지 않고, 라우터는 10.77.9.9로 가는 SYN에 ICMP")
            Harness.say("\"network unreachable\".)", ko: "\"network unreachable\"로 답합니다.)")
        } else {
            Harness.say("(In the lab, two more rows would show a LAN address no host has and a network",
                ko: "(랩에서라면 두 행이 더 나옵니다. 어떤 호스트도 갖지 않은 LAN 주소, 그리고 라우터가")
            Harness.say("the router has no route to; the lab cannot run here.)",
                ko: "경로를 모르는 네트워크입니다. 여기서는 랩을 띄울 수 없습니다.)")
        }
    }

    static func showSigpipe() throws {
        print("")
        Harness.say("Writing to a peer that closed (its kernel answered our first bytes with RST):",
            ko: "닫힌 상대에게 쓰기(상대 커널이 우리의 첫 바이트에 리셋으로 답한 뒤):")
        for plain in [true, false] {
            let client = try Harness.resetByPeer()
            let attempt = try Harness.Peer { report in
                signal(SIGPIPE, SIG_DFL)
                if plain {
                    let sent = send(client, "again", 5, 0)
                    report(sent < 0 ? "send = -1, " + String(cString: strerror(errno)) : "send = \(sent)")
                } else {
                    do {
                        try sendAll(client, Array("again".utf8))
                        report(Text("sendAll returned", ko: "sendAll이 오류 없이 끝남").string)
                    } catch {
                        report(Text("sendAll threw \(show(error))", ko: "sendAll의 오류: \(show(error))").string)
                    }
                }
            }
            let (lines, endedBy) = attempt.outcome(timeout: 2)
            let call = plain ? "send(fd, \"again\", 5, 0)" : "sendAll(fd, \"again\")"
            Harness.say("  \(call)", ko: "  \(call)")
            if endedBy == SIGPIPE {
                Harness.say("    the process was killed by SIGPIPE: nothing after it ran.",
                    ko: "    프로세스가 SIGPIPE로 죽었습니다. 그 뒤는 실행되지 않았습니다.")
            } else {
                Harness.say("    \(lines.first ?? "?"), and the process goes on.",
                    ko: "    \(lines.first ?? "?"). 프로세스는 계속 돕니다.")
            }
            close(client)
        }
    }

    /// An error in a few words: the call and strerror's text for a failed call.
    static func show(_ error: Error) -> String {
        if case NetError.system(let call, let code) = error { return "\(call): " + String(cString: strerror(code)) }
        return "\(error)"
    }

    static func milliseconds(_ seconds: Double) -> String {
        "\(Int((seconds * 1000).rounded())) ms"
    }

    /// A TCP socket bound to a free port that does not listen: connects to it are refused.
    static func boundOnly() throws -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = try Harness.socketAddress(Harness.loopback, 0)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return (fd, Harness.boundAddress(fd)?.port ?? 0)
    }

    /// A listener with backlog 0 and one connection nobody accepts: further SYNs are dropped.
    static func fullQueue() throws -> (fd: Int32, filler: Int32, port: UInt16) {
        let (fd, port) = try boundOnly()
        listen(fd, 0)
        let filler = try Harness.tcpConnect(to: Harness.Endpoint(host: Harness.loopback, port: port))
        for _ in 0..<100 where !Harness.tcpStates(localPort: port).contains("01") { usleep(5_000) }
        return (fd, filler, port)
    }
}
