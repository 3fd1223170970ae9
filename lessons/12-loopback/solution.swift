// Lesson 12, loopback: the reference solution.
import Glibc

/// A socket call that failed, with the errno it left.
struct LoopbackError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    var description: String {
        "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}

/// Turns local delivery of multicast datagrams sent on `fd` on or off.
/// `fd` is an AF_INET UDP socket. Throws when the socket call fails.
func setMulticastLoopback(_ fd: Int32, enabled: Bool) throws {
    var value: Int32 = enabled ? 1 : 0
    let status = setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_LOOP,
                            &value, socklen_t(MemoryLayout<Int32>.size))
    guard status == 0 else {
        throw LoopbackError(call: "setsockopt(IP_MULTICAST_LOOP)", code: errno)
    }
}

/// Reads it back: true when multicast sent on `fd` is delivered to local
/// sockets too. Throws when the socket call fails.
func multicastLoopback(_ fd: Int32) throws -> Bool {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    let status = getsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_LOOP,
                            &value, &length)
    guard status == 0 else {
        throw LoopbackError(call: "getsockopt(IP_MULTICAST_LOOP)", code: errno)
    }
    // Given room for an int, Linux writes an int: 0 or 1.
    return value != 0
}
