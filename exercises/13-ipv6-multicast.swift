// Lesson 13, IPv6 multicast: your exercise.
//
// Write the three functions below (the enum is already here). `learn check`
// runs each check on real sockets in a private network of two hosts;
// `learn hint` gives one hint at a time. Helpers of your own are welcome.
import Glibc

/// The scopes RFC 4291 (and RFC 7346, for realm-local) give IPv6 multicast
/// addresses: scope values 1, 2, 3, 4, 5, 8 and e.
enum IPv6MulticastScope {
    case interfaceLocal, linkLocal, realmLocal, adminLocal, siteLocal, organizationLocal, global
}

/// The scope of an IPv6 multicast address (its fourth nibble); nil if it is not a
/// valid multicast address or its scope value is reserved (0, f) or unassigned
/// (6, 7, 9-d).
func ipv6MulticastScope(_ address: String) -> IPv6MulticastScope? {
    // TODO: parse with inet_pton(AF_INET6, ...) into an in6_addr (16 bytes);
    //       anything it rejects is nil.
    // TODO: multicast means the first byte is 0xff.
    // TODO: the second byte is flags (high nibble) and scope (low nibble).
    fatalError("TODO: write ipv6MulticastScope(_:)")
}

/// Joins `group` on the interface with index `interfaceIndex`.
/// `fd` is an AF_INET6 UDP socket. Throws when `group` is not an IPv6
/// multicast address or the socket call fails.
func joinGroupV6(_ fd: Int32, group: String, interfaceIndex: UInt32) throws {
    // TODO: an ipv6_mreq: the group's in6_addr and the interface INDEX.
    // TODO: setsockopt at level Int32(IPPROTO_IPV6), option IPV6_JOIN_GROUP.
    // TODO: throw when the group is not multicast or setsockopt returns -1.
    fatalError("TODO: write joinGroupV6(_:group:interfaceIndex:)")
}

/// Sets the hop limit of multicast datagrams sent on `fd`. Throws outside 0...255.
func setMulticastHops(_ fd: Int32, _ hops: Int) throws {
    // TODO: refuse anything outside 0...255 before calling the kernel.
    // TODO: setsockopt IPV6_MULTICAST_HOPS with an Int32.
    fatalError("TODO: write setMulticastHops(_:_:)")
}
