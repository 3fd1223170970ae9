// Lesson 09, multicasting: your exercise.
//
// Write the three functions below. `learn check` runs each check on real
// sockets in a private network; `learn hint` gives one hint at a time.
// Helpers of your own are welcome (an Error type, a small function or two).
import Glibc

/// True when `address` is a dotted-quad IPv4 multicast address, 224.0.0.0 through
/// 239.255.255.255. Anything inet_pton(AF_INET) rejects is false.
func isMulticast(_ address: String) -> Bool {
    // TODO: turn the address into a number (dottedQuadToNumber can do it).
    // TODO: an address that does not parse is not multicast.
    // TODO: multicast addresses start with the four bits 1110.
    fatalError("TODO: write isMulticast(_:)")
}

/// The address as one 32-bit number, first octet most significant:
/// "235.5.5.5" -> 0xEB050505. nil for anything inet_pton(AF_INET) rejects.
func dottedQuadToNumber(_ address: String) -> UInt32? {
    // TODO: parse with inet_pton(AF_INET, ...) into an in_addr; it returns
    //       1 on success.
    // TODO: s_addr holds the bytes in network order (big-endian); turn
    //       them into a number this machine understands.
    fatalError("TODO: write dottedQuadToNumber(_:)")
}

/// Sends `message`, UTF-8 encoded, as exactly one UDP datagram to group:port,
/// leaving through the interface that owns the IPv4 address `interface`.
/// Throws when `group` is not a multicast address or a socket call fails.
func sendToGroup(_ message: String, group: String, port: UInt16, interface: String) throws {
    // TODO: refuse (throw) when `group` is not a multicast address.
    // TODO: make a UDP socket: socket(AF_INET, SOCK_DGRAM, 0). Close it on
    //       every path (defer).
    // TODO: name the outgoing interface with setsockopt IP_MULTICAST_IF
    //       (an in_addr holding `interface`).
    // TODO: fill a sockaddr_in with the group and the port, both in
    //       network byte order.
    // TODO: sendto the message's UTF-8 bytes, once. Check every return
    //       value and throw with errno when a call fails.
    fatalError("TODO: write sendToGroup(_:group:port:interface:)")
}
