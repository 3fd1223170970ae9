// Lesson 03, UDP: your exercise.
//
// Write the three functions below. `learn check` runs each check on real
// sockets in a private network; `learn hint` gives one hint at a time.
// Helpers of your own are welcome (a small function or two).
import Glibc

/// A system call that failed: its name and errno (lesson 01's error, given).
struct SocketError: Error, CustomStringConvertible {
    let call: String
    let code: Int32
    var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// No reply came within the time allowed.
struct TimedOut: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "no reply within \(seconds) s" }
}

/// Waits for one datagram on the bound UDP socket `fd` (AF_INET), sends exactly its bytes back
/// to the address and port it came from, and returns its size. Any size a UDP datagram can
/// have, 0 to 65507 bytes, is echoed whole. Throws SocketError when a call fails.
func echoOnce(on fd: Int32) throws -> Int {
    // TODO: recvfrom fills a buffer and a sockaddr_in with the sender's
    //       address; it returns the datagram's size (0 is a size too).
    // TODO: sendto the same bytes to that address, on the same socket.
    fatalError("TODO: write echoOnce(on:)")
}

/// Sends `request` as one datagram from a new UDP socket to host:port (an IPv4 address) and
/// returns the first datagram that comes back *from that address and port*. Waits at most
/// `timeout` seconds: throws TimedOut when nothing came in time, and SocketError when a call
/// fails (ECONNREFUSED when nobody listens there). The socket is closed on every path.
func ask(_ request: [UInt8], host: String, port: UInt16, timeout: Double) throws -> [UInt8] {
    // TODO: a UDP socket connected to host:port: send needs no address,
    //       and only that peer's datagrams are received.
    // TODO: wait with poll until a datagram is there or the deadline has
    //       passed; then recv it, or throw TimedOut.
    fatalError("TODO: write ask(_:host:port:timeout:)")
}

/// Receives one datagram on `fd` into room for `capacity` bytes and says whether it was cut:
/// `bytes` is what fit (its first `capacity` bytes at most), `truncated` is true when the
/// datagram was longer. The rest of a cut datagram is gone. An empty datagram is a datagram.
/// Throws SocketError when the call fails.
func receiveTruncating(on fd: Int32, capacity: Int) throws -> (bytes: [UInt8], truncated: Bool) {
    // TODO: recv copies at most `capacity` bytes; a flag makes it return
    //       the datagram's real length (see recv(2) and udp(7)).
    fatalError("TODO: write receiveTruncating(on:capacity:)")
}
