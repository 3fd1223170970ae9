// Lesson 01, sockets: the demo. Sockets are small numbers in this process's descriptor table:
// it opens a few with openSocket and asks the kernel what each is, shows a failure as a
// SystemCallError, runs out of descriptors on purpose, and sends bytes through a socketpair,
// first with one non-blocking write (which takes only part), then with passThroughPair.
import Glibc

@main
enum SocketsDemo {
    typealias Text = Harness.Text
    static let stream = Int32(SOCK_STREAM.rawValue)
    static let datagram = Int32(SOCK_DGRAM.rawValue)

    static func main() throws {
        descriptors()
        failures()
        limit()
        try pair()
    }

    /// Four sockets, their numbers, and what the kernel says they are.
    static func descriptors() {
        Harness.say("Four sockets from openSocket, and what the kernel says each one is:",
            ko: "openSocket으로 만든 소켓 네 개와, 커널이 알려 주는 각 소켓의 정체:")
        let asked = [(AF_INET, stream, "AF_INET", "SOCK_STREAM"), (AF_INET, datagram, "AF_INET", "SOCK_DGRAM"),
                     (AF_INET6, stream, "AF_INET6", "SOCK_STREAM"), (AF_UNIX, datagram, "AF_UNIX", "SOCK_DGRAM")]
        var rows = [Text("fd|asked for|domain|type|protocol|/proc/self/fd",
                         ko: "fd|요청|domain|type|protocol|/proc/self/fd").string
            .split(separator: "|").map(String.init)]
        var opened: [Int32] = []
        for (family, type, familyName, typeName) in asked {
            do {
                let fd = try openSocket(family: family, type: type)
                opened.append(fd)
                rows.append(["\(fd)", "\(familyName) \(typeName)",
                             option(fd, SO_DOMAIN), option(fd, SO_TYPE), option(fd, SO_PROTOCOL), link(fd)])
            } catch {
                rows.append(["-", "\(familyName) \(typeName)", "\(error)", "", "", ""])
            }
        }
        Harness.printTable(rows)
        Harness.say("(domain, type, protocol: getsockopt SO_DOMAIN, SO_TYPE, SO_PROTOCOL.",
            ko: "(domain, type, protocol은 getsockopt의 SO_DOMAIN, SO_TYPE, SO_PROTOCOL.")
        Harness.say(" AF_INET is \(AF_INET), AF_INET6 \(AF_INET6), AF_UNIX \(AF_UNIX); SOCK_STREAM \(stream), "
                + "SOCK_DGRAM \(datagram);", ko: " AF_INET은 \(AF_INET), AF_INET6은 \(AF_INET6), AF_UNIX는 "
                + "\(AF_UNIX), SOCK_STREAM은 \(stream), SOCK_DGRAM은 \(datagram).")
        Harness.say(" protocol 0 chose TCP (\(IPPROTO_TCP)) for stream and UDP (\(IPPROTO_UDP)) for datagram.)",
            ko: " 프로토콜 0을 주면 스트림에는 TCP(\(IPPROTO_TCP)), 데이터그램에는 UDP(\(IPPROTO_UDP))가 골라집니다.)")
        if let second = opened.dropFirst().first {
            close(second)
            if let again = try? openSocket(family: AF_INET, type: datagram) {
                Harness.say("Closed \(second) and opened one more: it got \(again), the lowest free number.",
                    ko: "\(second)번을 닫고 새로 열면 \(again)번: 비어 있는 가장 작은 번호입니다.")
                opened[1] = again
            }
        }
        for fd in opened { close(fd) }
        Harness.say("", ko: "")
    }

    /// socket failing, as SystemCallError describes it.
    static func failures() {
        Harness.say("When socket fails, errno says why; SystemCallError carries both:",
            ko: "socket이 실패하면 errno가 이유를 알려 주고, SystemCallError가 둘 다 담습니다:")
        for (family, type, what) in [(Int32(9999), stream, "family 9999"), (AF_INET, Int32(99), "type 99")] {
            do {
                let fd = try openSocket(family: family, type: type)
                close(fd)
                Harness.say("  \(what): opened \(fd)?", ko: "  \(what): \(fd)번이 열렸습니다?")
            } catch {
                Harness.say("  openSocket(\(what)) threw", ko: "  openSocket(\(what))이 던진 오류:")
                Harness.say("    \(error)", ko: "    \(error)")
            }
        }
        let codes = [EADDRINUSE, ECONNREFUSED, EPIPE, EPERM]
        let names = codes.map { "\($0) = \(errnoName($0) ?? "nil")" }.joined(separator: ", ")
        Harness.say("  errnoName: \(names)", ko: "  errnoName: \(names)")
        Harness.say("", ko: "")
    }

    /// Descriptors are a limited resource: lower the limit and open sockets until EMFILE.
    static func limit() {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let saved = limit
        let ceiling = 32
        limit.rlim_cur = rlim_t(ceiling)
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        var opened: [Int32] = []
        var failure = ""
        while true {
            do { opened.append(try openSocket(family: AF_INET, type: datagram)) } catch {
                failure = "\(error)"
                break
            }
            if opened.count > ceiling { break }
        }
        var back = saved
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &back)
        Harness.say("With the limit lowered to \(ceiling) descriptors (RLIMIT_NOFILE; yours is \(saved.rlim_cur)):",
            ko: "디스크립터 한도를 \(ceiling)개로 낮추면(RLIMIT_NOFILE, 원래 한도는 \(saved.rlim_cur)개):")
        Harness.say("  \(opened.count) sockets opened (\(opened.first ?? -1)...\(opened.last ?? -1)), then:",
            ko: "  소켓 \(opened.count)개(\(opened.first ?? -1)...\(opened.last ?? -1))를 연 다음:")
        Harness.say("    \(failure)", ko: "    \(failure)")
        Harness.say("  A loop that forgets close runs into this wall; the program next to it is fine.",
            ko: "  close를 잊은 반복문은 이 벽에 부딪힙니다. 옆의 다른 프로그램은 멀쩡합니다.")
        for fd in opened { close(fd) }
        Harness.say("", ko: "")
    }

    /// A socketpair: one write takes only part of 1 MB; passThroughPair moves all of it.
    static func pair() throws {
        let megabyte = [UInt8](repeating: 0x2A, count: 1_048_576)
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, stream, 0, &ends) == 0 else {
            throw SystemCallError(call: "socketpair", code: errno)
        }
        defer { close(ends[0]); close(ends[1]) }
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        let first = megabyte.withUnsafeBytes { write(ends[0], $0.baseAddress, $0.count) }
        let again = megabyte.withUnsafeBytes { write(ends[0], $0.baseAddress, $0.count) }
        let code = errno
        Harness.say("socketpair(AF_UNIX, SOCK_STREAM) gave descriptors \(ends[0]) and \(ends[1]), connected.",
            ko: "socketpair(AF_UNIX, SOCK_STREAM): 서로 연결된 디스크립터 \(ends[0])번과 \(ends[1])번.")
        Harness.say("  write(\(ends[0]), 1 MB), non-blocking: \(first) bytes taken (the rest did not fit)",
            ko: "  write(\(ends[0]), 1MB), 논블로킹: \(first)바이트만 들어감(나머지는 자리가 없음)")
        Harness.say("  the same write again: \(again), errno \(errnoName(code) ?? "\(code)"): the buffer is full",
            ko: "  같은 write를 또 하면: \(again), errno \(errnoName(code) ?? "\(code)"): 버퍼가 가득 찼습니다")
        var buffer = [UInt8](repeating: 0, count: 1_048_576)
        let n = read(ends[1], &buffer, buffer.count)
        Harness.say("  read(\(ends[1]), room for 1 MB): \(n) bytes. One call moves some bytes, not all.",
            ko: "  read(\(ends[1]), 1MB 자리): \(n)바이트. 호출 한 번은 전부가 아니라 일부만 옮깁니다.")
        Harness.say("", ko: "")

        let greeting = Array(Text("hello through the pair", ko: "쌍을 지나온 인사").string.utf8)
        let back = try passThroughPair(greeting)
        Harness.say("passThroughPair(\"\(String(decoding: greeting, as: UTF8.self))\") -> "
                + "\"\(String(decoding: back, as: UTF8.self))\" (\(back.count) bytes)",
            ko: "passThroughPair(\"\(String(decoding: greeting, as: UTF8.self))\") -> "
                + "\"\(String(decoding: back, as: UTF8.self))\" (\(back.count)바이트)")
        let before = Harness.openDescriptors().count
        let started = Harness.monotonicSeconds()
        let all = try passThroughPair(megabyte)
        let milliseconds = Int((Harness.monotonicSeconds() - started) * 1000)
        let after = Harness.openDescriptors().count
        Harness.say("passThroughPair(1 MB): \(all.count) bytes back, \(all == megabyte ? "identical" : "DIFFERENT"), "
                + "in \(milliseconds) ms;", ko: "passThroughPair(1MB): \(all.count)바이트가 "
                + "\(all == megabyte ? "똑같이" : "다르게") 돌아옴, \(milliseconds)ms,")
        Harness.say("  descriptors open before and after: \(before) and \(after).",
            ko: "  호출 전후 열린 디스크립터 수: \(before), \(after).")
    }

    static func option(_ fd: Int32, _ name: Int32) -> String {
        Harness.socketOption(fd, name).map(String.init) ?? "?"
    }

    static func link(_ fd: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let n = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        return n > 0 ? String(cString: Array(buffer[0..<n]) + [0]) : "?"
    }
}
