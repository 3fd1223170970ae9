// Lesson 13, IPv6 multicast: the reference solution.
import Glibc

/// The scopes RFC 4291 (and RFC 7346, for realm-local) give IPv6 multicast
/// addresses: scope values 1, 2, 3, 4, 5, 8 and e.
enum IPv6MulticastScope {
    case interfaceLocal, linkLocal, realmLocal, adminLocal, siteLocal, organizationLocal, global
}

/// Why a join or a hop limit was refused.
enum IPv6MulticastError: Error, CustomStringConvertible {
    case notMulticast(String)
    case hopsOutOfRange(Int)
    case systemCall(String, code: Int32)

    var description: String {
        switch self {
        case .notMulticast(let address):
            return "\(address) is not an IPv6 multicast address (ff00::/8)"
        case .hopsOutOfRange(let hops):
            return "hop limit \(hops) is outside 0...255"
        case .systemCall(let name, let code):
            return "\(name) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// The 16 bytes of an IPv6 address, or nil when inet_pton(AF_INET6) rejects it.
func ipv6Bytes(_ address: String) -> [UInt8]? {
    var parsed = in6_addr()
    guard inet_pton(AF_INET6, address, &parsed) == 1 else { return nil }
    return withUnsafeBytes(of: parsed) { Array($0) }
}

/// The scope of an IPv6 multicast address (its fourth nibble); nil if it is not a
/// valid multicast address or its scope value is reserved (0, f) or unassigned
/// (6, 7, 9-d).
func ipv6MulticastScope(_ address: String) -> IPv6MulticastScope? {
    guard let bytes = ipv6Bytes(address), bytes[0] == 0xff else { return nil }
    // Byte 1 holds two nibbles: the flags on top, the scope below.
    switch bytes[1] & 0x0f {
    case 0x1: return .interfaceLocal
    case 0x2: return .linkLocal
    case 0x3: return .realmLocal
    case 0x4: return .adminLocal
    case 0x5: return .siteLocal
    case 0x8: return .organizationLocal
    case 0xe: return .global
    default: return nil
    }
}

/// Joins `group` on the interface with index `interfaceIndex`.
/// `fd` is an AF_INET6 UDP socket. Throws when `group` is not an IPv6
/// multicast address or the socket call fails.
func joinGroupV6(_ fd: Int32, group: String, interfaceIndex: UInt32) throws {
    var request = ipv6_mreq()
    // Only ff00::/8 is multicast; the kernel would refuse anything else with EINVAL.
    guard let bytes = ipv6Bytes(group), bytes[0] == 0xff,
          inet_pton(AF_INET6, group, &request.ipv6mr_multiaddr) == 1 else {
        throw IPv6MulticastError.notMulticast(group)
    }
    request.ipv6mr_interface = interfaceIndex
    let status = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_JOIN_GROUP,
                            &request, socklen_t(MemoryLayout<ipv6_mreq>.size))
    guard status == 0 else {
        throw IPv6MulticastError.systemCall("setsockopt(IPV6_JOIN_GROUP)", code: errno)
    }
}

/// Sets the hop limit of multicast datagrams sent on `fd`. Throws outside 0...255.
func setMulticastHops(_ fd: Int32, _ hops: Int) throws {
    guard (0...255).contains(hops) else { throw IPv6MulticastError.hopsOutOfRange(hops) }
    var value = Int32(hops)
    let status = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_MULTICAST_HOPS,
                            &value, socklen_t(MemoryLayout<Int32>.size))
    guard status == 0 else {
        throw IPv6MulticastError.systemCall("setsockopt(IPV6_MULTICAST_HOPS)", code: errno)
    }
}
