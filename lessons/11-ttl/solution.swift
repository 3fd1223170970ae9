// Lesson 11, TTL: the reference solution.
import Glibc

/// How far a multicast datagram may travel, by the conventional thresholds on its
/// initial TTL.
enum TTLScope { case host, subnet, site, region, continent, unrestricted }

/// Why a TTL call gave up.
enum TTLError: Error, CustomStringConvertible {
    /// The TTL is not in 0...255 (it lives in one byte of the IP header).
    case outOfRange(Int)
    /// A system call failed; `code` is the errno it left.
    case systemCall(String, code: Int32)

    var description: String {
        switch self {
        case .outOfRange(let ttl):
            return "TTL \(ttl) is outside 0...255"
        case .systemCall(let name, let code):
            return "\(name) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// The conventional scope of an initial multicast TTL; nil outside 0...255.
func scope(ofTTL ttl: Int) -> TTLScope? {
    switch ttl {
    case 0: return .host
    case 1: return .subnet
    case 2...32: return .site
    case 33...64: return .region
    case 65...128: return .continent
    case 129...255: return .unrestricted
    default: return nil
    }
}

/// Sets the TTL of multicast datagrams sent on `fd`. Throws outside 0...255.
func setMulticastTTL(_ fd: Int32, _ ttl: Int) throws {
    // The kernel would take -1 as "back to the default" and refuse 256 only
    // with EINVAL: check the range here, so both are errors.
    guard (0...255).contains(ttl) else { throw TTLError.outOfRange(ttl) }
    var value = Int32(ttl)
    let status = setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_TTL,
                            &value, socklen_t(MemoryLayout<Int32>.size))
    guard status == 0 else {
        throw TTLError.systemCall("setsockopt(IP_MULTICAST_TTL)", code: errno)
    }
}

/// Reads it back.
func multicastTTL(_ fd: Int32) throws -> Int {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    let status = getsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_TTL, &value, &length)
    guard status == 0 else {
        throw TTLError.systemCall("getsockopt(IP_MULTICAST_TTL)", code: errno)
    }
    return Int(value)
}
