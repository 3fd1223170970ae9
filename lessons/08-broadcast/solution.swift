// Lesson 08, broadcast: the reference solution.
import Glibc

/// Why a broadcast call gave up. The checks look at the case (the enum is given).
enum BroadcastError: Error, Equatable, CustomStringConvertible {
    /// The text is not an IPv4 address, or the prefix is not 0...32.
    case badAddress(String)
    /// A system call failed; `code` is the errno it left (EACCES, ENETUNREACH...).
    case system(call: String, code: Int32)

    var description: String {
        switch self {
        case .badAddress(let text): return "\"\(text)\" is no IPv4 address and prefix"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// Given (lesson 02): a sockaddr_in for a numeric IPv4 address and a port, both in network
/// byte order; nil when inet_pton rejects the address.
func socketAddress(_ address: String, port: UInt16) -> sockaddr_in? {
    var result = sockaddr_in()
    result.sin_family = sa_family_t(AF_INET)
    result.sin_port = port.bigEndian
    return inet_pton(AF_INET, address, &result.sin_addr) == 1 ? result : nil
}

/// Seconds on a clock that only goes forward (lesson 06).
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The broadcast address of the IPv4 subnet `address`/`prefix`: the address with every host
/// bit set. ("10.77.0.1", 24) -> "10.77.0.255". nil for an address inet_pton rejects or a
/// prefix outside 0...32.
func broadcastAddress(of address: String, prefix: Int) -> String? {
    guard (0...32).contains(prefix), let parsed = socketAddress(address, port: 0) else { return nil }
    let host: UInt32 = prefix == 32 ? 0 : UInt32.max >> UInt32(prefix)
    var broadcast = in_addr(s_addr: (UInt32(bigEndian: parsed.sin_addr.s_addr) | host).bigEndian)
    var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
    inet_ntop(AF_INET, &broadcast, &text, socklen_t(text.count))
    return String(cString: text)
}

/// Turns on SO_BROADCAST on the UDP socket `fd`: without it, the kernel refuses to send to
/// a broadcast address (EACCES).
func enableBroadcast(_ fd: Int32) throws {
    var on: Int32 = 1
    guard setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
        throw BroadcastError.system(call: "setsockopt(SO_BROADCAST)", code: errno)
    }
}

/// Sends `message`, UTF-8 encoded, as one datagram on the UDP socket `fd` to address:port.
/// Throws .badAddress for an address that does not parse, .system(call: "sendto", code:)
/// when sendto fails (EACCES: a broadcast address on a socket without SO_BROADCAST).
func sendMessage(_ message: String, on fd: Int32, to address: String, port: UInt16) throws {
    guard var destination = socketAddress(address, port: port) else { throw BroadcastError.badAddress(address) }
    let bytes = Array(message.utf8)
    let sent = bytes.withUnsafeBytes { payload in
        withUnsafePointer(to: &destination) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, payload.baseAddress, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
    guard sent == bytes.count else { throw BroadcastError.system(call: "sendto", code: sent < 0 ? errno : EMSGSIZE) }
}

/// "Who is there?" on a LAN: from a UDP socket bound to the interface address `interface`
/// (any port), with SO_BROADCAST on, sends `probe` once to the broadcast address of
/// `interface`/`prefix`, port `port`; then collects the source address of every datagram
/// that comes back until `timeout` seconds have passed. Returns them in numeric order, each
/// once.
func discover(probe: String, port: UInt16, interface: String, prefix: Int, timeout: Double) throws -> [String] {
    guard let target = broadcastAddress(of: interface, prefix: prefix),
          var local = socketAddress(interface, port: 0) else { throw BroadcastError.badAddress(interface) }
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw BroadcastError.system(call: "socket", code: errno) }
    defer { close(fd) }
    let bound = withUnsafePointer(to: &local) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw BroadcastError.system(call: "bind", code: errno) }
    try enableBroadcast(fd)
    try sendMessage(probe, on: fd, to: target, port: port)

    var found = Set<String>()
    var buffer = [UInt8](repeating: 0, count: 2048)
    let deadline = now() + timeout
    while true {
        let left = deadline - now()
        if left <= 0 { break }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32((left * 1000).rounded(.up)))
        if ready < 0 && errno != EINTR { throw BroadcastError.system(call: "poll", code: errno) }
        guard ready > 0 else { continue }
        var from = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let n = withUnsafeMutablePointer(to: &from) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
        }
        guard n >= 0 else { continue }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        inet_ntop(AF_INET, &from.sin_addr, &text, socklen_t(text.count))
        found.insert(String(cString: text))
    }
    // In numeric order: as text, "10.77.0.10" would sort before "10.77.0.9".
    func number(_ text: String) -> UInt32 { socketAddress(text, port: 0).map { UInt32(bigEndian: $0.sin_addr.s_addr) } ?? 0 }
    return found.sorted { number($0) < number($1) }
}
