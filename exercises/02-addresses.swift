// Lesson 02, addresses: your exercise.
//
// Write the four pieces below. `learn check` runs each check on real
// sockets in a private network; `learn hint` gives one hint at a time.
// Helpers of your own are welcome (an Error type, a small function or two).
import Glibc

/// An IP address and a port. `host` is the address in canonical text, as inet_ntop writes
/// it ("1.2.3.4", "::1", "2001:db8::1", "::ffff:1.2.3.4"), followed for a scoped IPv6
/// address by "%" and the interface's name ("fe80::1%lo").
struct IPEndpoint: Equatable, CustomStringConvertible {
    let host: String
    let port: UInt16

    /// "1.2.3.4:80"; an IPv6 address in brackets: "[::1]:8080", "[fe80::1%lo]:9".
    var description: String {
        // TODO: an IPv6 host is the one with a colon in it.
        fatalError("TODO: write IPEndpoint.description")
    }
}

/// Parses "1.2.3.4:80", "[::1]:8080" or "[fe80::1%lo]:9" into an endpoint with the address in
/// canonical text ("[2001:DB8:0::1]:443" gives host "2001:db8::1"). The port is 1 to 5 decimal
/// digits, 0...65535. An IPv6 address must be in brackets; an IPv4 address must not be. A zone
/// after "%" must name an interface of this host. Throws for anything else.
func parseEndpoint(_ text: String) throws -> IPEndpoint {
    // TODO: split the text into address and port: "[" ... "]:" for IPv6,
    //       the last ":" for IPv4.
    // TODO: check the address with inet_pton (AF_INET or AF_INET6) and
    //       write it back with inet_ntop: that is the canonical text.
    // TODO: a zone after "%" must be an interface: if_nametoindex != 0.
    fatalError("TODO: write parseEndpoint(_:)")
}

/// The socket address for `endpoint`, ready for bind, connect or sendto: a sockaddr_in (16
/// bytes) for IPv4 or a sockaddr_in6 (28 bytes, with the zone's interface index as
/// sin6_scope_id) for IPv6, inside a sockaddr_storage, and its length.
func makeSocketAddress(for endpoint: IPEndpoint) throws -> (storage: sockaddr_storage, length: socklen_t) {
    // TODO: fill a sockaddr_in (or sockaddr_in6): family, port in network
    //       byte order, address bytes from inet_pton.
    // TODO: copy its bytes into a sockaddr_storage; the length is the
    //       size of the sockaddr_in (or sockaddr_in6), not of the storage.
    fatalError("TODO: write makeSocketAddress(for:)")
}

/// The endpoint a sockaddr_in or sockaddr_in6 holds (what getsockname, getpeername, accept or
/// recvfrom filled in): the canonical address, "%" and the interface's name when
/// sin6_scope_id is not 0, and the port. Throws for any other family.
func readSocketAddress(_ storage: sockaddr_storage) throws -> IPEndpoint {
    // TODO: ss_family says which structure the storage holds.
    // TODO: inet_ntop writes the address; the port comes back with
    //       UInt16(bigEndian:); if_indextoname names the scope's interface.
    fatalError("TODO: write readSocketAddress(_:)")
}
