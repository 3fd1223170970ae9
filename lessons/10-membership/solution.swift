// Lesson 10, membership: the reference solution.
import Glibc

/// Why a membership call gave up.
enum MembershipError: Error, CustomStringConvertible {
    /// The text is not a dotted-quad IPv4 address.
    case badAddress(String)
    /// A system call failed; `code` is the errno it left.
    case systemCall(String, code: Int32)

    var description: String {
        switch self {
        case .badAddress(let text):
            return "\(text) is not a dotted-quad IPv4 address"
        case .systemCall(let name, let code):
            return "\(name) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// A UDP socket bound to `port` on all local addresses, with SO_REUSEADDR set so
/// several receivers can share the port. Returns the descriptor.
func makeReceiver(port: UInt16) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw MembershipError.systemCall("socket", code: errno) }

    var on: Int32 = 1
    let reuse = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR,
                           &on, socklen_t(MemoryLayout<Int32>.size))
    guard reuse == 0 else {
        let code = errno
        close(fd)
        throw MembershipError.systemCall("setsockopt(SO_REUSEADDR)", code: code)
    }

    // All local addresses: a multicast datagram's destination is the group,
    // and a socket bound to 127.0.0.1 would never match it.
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr = in_addr(s_addr: INADDR_ANY)
    let bound = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard bound == 0 else {
        let code = errno
        close(fd)
        throw MembershipError.systemCall("bind", code: code)
    }
    return fd
}

/// The 8-byte request both options take: the group, then the interface's address.
private func membershipRequest(group: String, interface: String) throws -> ip_mreq {
    var groupAddress = in_addr()
    guard inet_pton(AF_INET, group, &groupAddress) == 1 else {
        throw MembershipError.badAddress(group)
    }
    var interfaceAddress = in_addr()
    guard inet_pton(AF_INET, interface, &interfaceAddress) == 1 else {
        throw MembershipError.badAddress(interface)
    }
    return ip_mreq(imr_multiaddr: groupAddress, imr_interface: interfaceAddress)
}

/// setsockopt with an ip_mreq; throws with errno when the kernel refuses.
private func changeMembership(_ fd: Int32, _ option: Int32, _ name: String,
                              group: String, interface: String) throws {
    var request = try membershipRequest(group: group, interface: interface)
    let status = setsockopt(fd, Int32(IPPROTO_IP), option,
                            &request, socklen_t(MemoryLayout<ip_mreq>.size))
    guard status == 0 else {
        throw MembershipError.systemCall("setsockopt(\(name))", code: errno)
    }
}

/// Joins `group` on the interface that owns the IPv4 address `interface`.
func joinGroup(_ fd: Int32, group: String, interface: String) throws {
    try changeMembership(fd, IP_ADD_MEMBERSHIP, "IP_ADD_MEMBERSHIP",
                         group: group, interface: interface)
}

/// Leaves that membership again.
func leaveGroup(_ fd: Int32, group: String, interface: String) throws {
    try changeMembership(fd, IP_DROP_MEMBERSHIP, "IP_DROP_MEMBERSHIP",
                         group: group, interface: interface)
}
