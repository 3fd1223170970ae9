// Lesson 06, errors and timeouts: the reference solution.
import Glibc

/// Why a network call gave up. The checks look at the case (the enum is given).
enum NetError: Error, Equatable, CustomStringConvertible {
    /// The deadline passed. `received` bytes had arrived by then (0 for a connect).
    case timedOut(received: Int)
    /// The peer closed the connection after `received` bytes, before all had come.
    case closed(received: Int)
    /// A system call failed; `code` is the errno it left (ECONNREFUSED, ECONNRESET, EPIPE...).
    case system(call: String, code: Int32)

    var description: String {
        switch self {
        case .timedOut(let received): return received == 0 ? "timed out" : "timed out after \(received) bytes"
        case .closed(let received): return "closed after \(received) bytes"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// Seconds on a clock that only goes forward (the wall clock may jump).
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Reads exactly `count` bytes from the stream socket `fd`, waiting at most `timeout`
/// seconds in all (one deadline for the whole read, however many recv calls it takes).
/// Throws .timedOut(received:) when the deadline passes, .closed(received:) when the peer
/// closes first, .system for a failed call (ECONNRESET from a peer that reset). Signals
/// that interrupt a wait (EINTR) do not end it. Reads no byte beyond `count`.
func readExactly(_ fd: Int32, count: Int, timeout: Double) throws -> [UInt8] {
    let deadline = now() + timeout
    var bytes = [UInt8](repeating: 0, count: count)
    var received = 0
    while received < count {
        let left = deadline - now()
        guard left > 0 else { throw NetError.timedOut(received: received) }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32((left * 1000).rounded(.up)))
        if ready < 0 {
            if errno == EINTR { continue }
            throw NetError.system(call: "poll", code: errno)
        }
        if ready == 0 { continue }   // the loop's first line decides whether time is up
        let n = bytes.withUnsafeMutableBytes { buffer in
            recv(fd, buffer.baseAddress! + received, count - received, 0)
        }
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            throw NetError.system(call: "recv", code: errno)
        }
        if n == 0 { throw NetError.closed(received: received) }
        received += n
    }
    return bytes
}

/// A TCP socket connected to the numeric IPv4 address `host`, port `port`, within `timeout`
/// seconds, returned in blocking mode. Throws .timedOut(received: 0) when no answer came in
/// time, .system(call: "connect", code:) when the connection failed (ECONNREFUSED,
/// EHOSTUNREACH, ...). Never leaves a socket open when it throws.
func connectWithTimeout(_ host: String, port: UInt16, timeout: Double) throws -> Int32 {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
        throw NetError.system(call: "inet_pton(\"\(host)\")", code: EINVAL)
    }
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw NetError.system(call: "socket", code: errno) }
    do {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw NetError.system(call: "fcntl", code: errno)
        }
        let started = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if started != 0 {
            guard errno == EINPROGRESS else { throw NetError.system(call: "connect", code: errno) }
            let deadline = now() + timeout
            while true {
                let left = deadline - now()
                guard left > 0 else { throw NetError.timedOut(received: 0) }
                var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&entry, 1, Int32((left * 1000).rounded(.up)))
                if ready < 0 && errno != EINTR { throw NetError.system(call: "poll", code: errno) }
                if ready > 0 { break }
            }
            // Writable means the handshake ended, one way or the other: SO_ERROR says which.
            var problem: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &problem, &length) == 0 else {
                throw NetError.system(call: "getsockopt(SO_ERROR)", code: errno)
            }
            guard problem == 0 else { throw NetError.system(call: "connect", code: problem) }
        }
        guard fcntl(fd, F_SETFL, flags) == 0 else { throw NetError.system(call: "fcntl", code: errno) }
        return fd
    } catch {
        close(fd)
        throw error
    }
}

/// Sends every byte of `bytes` on the connected socket `fd`, looping over partial sends and
/// EINTR. A peer that has gone away never kills the program with SIGPIPE: the call throws
/// .system(call: "send", code: EPIPE) (or ECONNRESET) instead.
func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
        let sent = bytes.withUnsafeBytes {
            send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
        }
        if sent < 0 {
            if errno == EINTR { continue }
            throw NetError.system(call: "send", code: errno)
        }
        offset += sent
    }
}
