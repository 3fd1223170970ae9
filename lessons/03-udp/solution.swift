// Lesson 03, UDP: the reference solution.
import Glibc

/// A system call that failed: its name and errno (lesson 01's error, given).
struct SocketError: Error, CustomStringConvertible {
    let call: String
    let code: Int32
    var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// No reply came within the time allowed.
struct TimedOut: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "no reply within \(seconds) s" }
}

/// Waits for one datagram on the bound UDP socket `fd` (AF_INET), sends exactly its bytes back
/// to the address and port it came from, and returns its size. Any size a UDP datagram can
/// have, 0 to 65507 bytes, is echoed whole. Throws SocketError when a call fails.
func echoOnce(on fd: Int32) throws -> Int {
    var buffer = [UInt8](repeating: 0, count: 65536)
    var sender = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let count = withUnsafeMutablePointer(to: &sender) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            recvfrom(fd, &buffer, buffer.count, 0, $0, &length)
        }
    }
    guard count >= 0 else { throw SocketError(call: "recvfrom", code: errno) }
    let sent = withUnsafePointer(to: &sender) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            sendto(fd, buffer, count, 0, $0, length)
        }
    }
    guard sent == count else { throw SocketError(call: "sendto", code: errno) }
    return count
}

/// Sends `request` as one datagram from a new UDP socket to host:port (an IPv4 address) and
/// returns the first datagram that comes back *from that address and port*. Waits at most
/// `timeout` seconds: throws TimedOut when nothing came in time, and SocketError when a call
/// fails (ECONNREFUSED when nobody listens there). The socket is closed on every path.
func ask(_ request: [UInt8], host: String, port: UInt16, timeout: Double) throws -> [UInt8] {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw SocketError(call: "socket", code: errno) }
    defer { close(fd) }
    var peer = sockaddr_in()
    peer.sin_family = sa_family_t(AF_INET)
    peer.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &peer.sin_addr) == 1 else { throw SocketError(call: "inet_pton", code: EINVAL) }
    // A connected UDP socket: send needs no address, only the peer's datagrams are received,
    // and an ICMP "port unreachable" comes back as ECONNREFUSED.
    let connected = withUnsafePointer(to: &peer) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else { throw SocketError(call: "connect", code: errno) }
    guard send(fd, request, request.count, 0) == request.count else {
        throw SocketError(call: "send", code: errno)
    }
    var clock = timespec()
    clock_gettime(CLOCK_MONOTONIC, &clock)
    let deadline = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9 + timeout
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        clock_gettime(CLOCK_MONOTONIC, &clock)
        let left = deadline - (Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9)
        if left <= 0 { throw TimedOut(seconds: timeout) }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32((left * 1000).rounded(.up)))
        if ready < 0 {
            if errno == EINTR { continue }
            throw SocketError(call: "poll", code: errno)
        }
        if ready == 0 { continue }  // the deadline check above decides
        let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        if count >= 0 { return Array(buffer[0..<count]) }
        if errno != EAGAIN && errno != EINTR { throw SocketError(call: "recv", code: errno) }
    }
}

/// Receives one datagram on `fd` into room for `capacity` bytes and says whether it was cut:
/// `bytes` is what fit (its first `capacity` bytes at most), `truncated` is true when the
/// datagram was longer. The rest of a cut datagram is gone. An empty datagram is a datagram.
/// Throws SocketError when the call fails.
func receiveTruncating(on fd: Int32, capacity: Int) throws -> (bytes: [UInt8], truncated: Bool) {
    var buffer = [UInt8](repeating: 0, count: max(capacity, 1))
    // With MSG_TRUNC, Linux returns the datagram's real length, even when less was copied.
    let length = recv(fd, &buffer, capacity, Int32(MSG_TRUNC))
    guard length >= 0 else { throw SocketError(call: "recv", code: errno) }
    return (Array(buffer[0..<min(length, capacity)]), length > capacity)
}
