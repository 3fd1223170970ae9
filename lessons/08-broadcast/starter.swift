// Lesson 08, broadcast: your exercise.
//
// Write the four functions below (BroadcastError, socketAddress and now() are given).
// `learn check` runs the checks that send in the lab's private LAN (A, B and R on one
// link, C behind R), and nowhere else; `learn hint` gives one hint at a time.
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
    // TODO: check the prefix, parse the address (socketAddress does it).
    // TODO: the host bits are the last 32 - prefix: a mask of that many ones.
    //       Mind byte order (s_addr is big-endian) and a shift by 32.
    // TODO: address | host bits, written back with inet_ntop.
    fatalError("TODO: write broadcastAddress(of:prefix:)")
}

/// Turns on SO_BROADCAST on the UDP socket `fd`: without it, the kernel refuses to send to
/// a broadcast address (EACCES).
func enableBroadcast(_ fd: Int32) throws {
    // TODO: setsockopt at level SOL_SOCKET, an Int32 1; throw .system on -1.
    fatalError("TODO: write enableBroadcast(_:)")
}

/// Sends `message`, UTF-8 encoded, as one datagram on the UDP socket `fd` to address:port.
/// Throws .badAddress for an address that does not parse, .system(call: "sendto", code:)
/// when sendto fails (EACCES: a broadcast address on a socket without SO_BROADCAST).
func sendMessage(_ message: String, on fd: Int32, to address: String, port: UInt16) throws {
    // TODO: socketAddress for the destination; sendto the UTF-8 bytes once.
    // TODO: -1 leaves the reason in errno: throw it, never ignore it.
    fatalError("TODO: write sendMessage(_:on:to:port:)")
}

/// "Who is there?" on a LAN: from a UDP socket bound to the interface address `interface`
/// (any port), with SO_BROADCAST on, sends `probe` once to the broadcast address of
/// `interface`/`prefix`, port `port`; then collects the source address of every datagram
/// that comes back until `timeout` seconds have passed. Returns them in numeric order, each
/// once.
func discover(probe: String, port: UInt16, interface: String, prefix: Int, timeout: Double) throws -> [String] {
    // TODO: a UDP socket bound to interface:0 (close it on every path).
    // TODO: SO_BROADCAST, then one probe to the subnet's broadcast address.
    // TODO: until the deadline: poll for the time left, recvfrom, note the
    //       sender's address (inet_ntop). Answers may come twice, or late.
    fatalError("TODO: write discover(probe:port:interface:prefix:timeout:)")
}
