// Lesson 10, membership: your exercise.
//
// Write the three functions below. `learn check` runs each check on real
// sockets in a private network; `learn hint` gives one hint at a time.
// Helpers of your own are welcome (an Error type, a small function or two).
import Glibc

/// A UDP socket bound to `port` on all local addresses, with SO_REUSEADDR set so
/// several receivers can share the port. Returns the descriptor.
func makeReceiver(port: UInt16) throws -> Int32 {
    // TODO: socket(AF_INET, SOCK_DGRAM, 0); throw with errno when it fails.
    // TODO: setsockopt SOL_SOCKET SO_REUSEADDR to 1, *before* bind.
    // TODO: bind to a sockaddr_in with INADDR_ANY and port.bigEndian.
    // TODO: on any failure after socket(), close the descriptor, then throw.
    fatalError("TODO: write makeReceiver(port:)")
}

/// Joins `group` on the interface that owns the IPv4 address `interface`.
func joinGroup(_ fd: Int32, group: String, interface: String) throws {
    // TODO: parse both addresses with inet_pton(AF_INET, ...).
    // TODO: fill an ip_mreq: imr_multiaddr = group, imr_interface = interface.
    // TODO: setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &request, its size
    //       from MemoryLayout); throw with errno when it returns -1.
    fatalError("TODO: write joinGroup(_:group:interface:)")
}

/// Leaves that membership again.
func leaveGroup(_ fd: Int32, group: String, interface: String) throws {
    // TODO: the same ip_mreq, with IP_DROP_MEMBERSHIP.
    fatalError("TODO: write leaveGroup(_:group:interface:)")
}
