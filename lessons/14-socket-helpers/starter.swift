// Lesson 14, socket helpers: your exercise.
//
// Write the seven functions below. `learn check` runs each check on real
// sockets in a private network; `learn hint` gives one hint at a time.
// Helpers of your own are welcome (an Error type, a small function or two).
import Glibc

/// The port of a service in /etc/services: ("http", "tcp") -> 80. nil if unknown.
func port(ofService name: String, protocol proto: String) -> UInt16? {
    // TODO: getservbyname(name, proto) returns a servent pointer, or nil.
    // TODO: s_port is an Int32 holding the port in network byte order.
    fatalError("TODO: write port(ofService:protocol:)")
}

/// The numeric address and port a socket is bound to ("127.0.0.1", 40123); IPv6 too,
/// the address written as inet_ntop writes it ("::1").
func localEndpoint(of fd: Int32) throws -> (host: String, port: UInt16) {
    // TODO: getsockname into a sockaddr_storage (big enough for IPv4 and
    //       IPv6); its length goes in and comes back in a socklen_t.
    // TODO: ss_family says which it is: read a sockaddr_in or a
    //       sockaddr_in6, write the address with inet_ntop, and read the
    //       port with UInt16(bigEndian:).
    fatalError("TODO: write localEndpoint(of:)")
}

/// The numeric address and port of the connected peer, written the same way.
/// Throws when not connected (any error).
func peerEndpoint(of fd: Int32) throws -> (host: String, port: UInt16) {
    // TODO: the same as localEndpoint, with getpeername. It returns -1 and
    //       sets errno (ENOTCONN) when nobody is on the other end: throw.
    fatalError("TODO: write peerEndpoint(of:)")
}

/// Every distinct numeric address `host` resolves to, in getaddrinfo's order, IPv4 and IPv6.
func resolve(_ host: String) throws -> [String] {
    // TODO: getaddrinfo(host, nil, &hints, &list) with hints.ai_family =
    //       AF_UNSPEC and one ai_socktype. It returns 0 or an EAI_* code.
    // TODO: walk the list through ai_next; skip addresses already seen.
    // TODO: freeaddrinfo(list) when done (defer).
    fatalError("TODO: write resolve(_:)")
}

/// This host's name.
func hostName() -> String {
    // TODO: gethostname fills a buffer of CChar with a NUL-terminated name.
    fatalError("TODO: write hostName()")
}

/// Python's socket.getfqdn: resolve `name` (this host's name when empty, "0.0.0.0" or
/// "::"), look its
/// address up in reverse (gethostbyaddr); return the first of the canonical name and
/// its aliases that contains a dot, else the canonical name; `name` when a lookup fails.
func fullyQualifiedName(_ name: String) -> String {
    // TODO: an empty name, "0.0.0.0" or "::" means hostName().
    // TODO: getaddrinfo gives the first address; gethostbyaddr wants its
    //       in_addr (or in6_addr), that size, and the family.
    // TODO: the answer is among h_name and the h_aliases list (it ends with
    //       a null pointer).
    fatalError("TODO: write fullyQualifiedName(_:)")
}

/// Reads the socket to its end and returns its lines without their line endings
/// (LF or CR LF); text after the last line ending is a last line; a final line ending
/// adds no empty line. Reads through a FILE stream over a duplicate of `fd` (Python's
/// makefile), so `fd` itself stays open.
func readLines(from fd: Int32) throws -> [String] {
    // TODO: fdopen(dup(fd), "r") makes a FILE stream; fclose it when done
    //       (that closes the duplicate, not fd).
    // TODO: getline reads one line of any length, ending included; it
    //       returns -1 at the end of the stream.
    fatalError("TODO: write readLines(from:)")
}
