// Lesson 04, TCP client: your exercise.
//
// Write the five functions below. `learn check` runs each check on real
// sockets in a private network; `learn hint` gives one hint at a time.
// Helpers of your own are welcome (a small function or two).
import Glibc

/// A system call that failed: its name and errno (lesson 01's error, given).
struct SocketError: Error, CustomStringConvertible {
    let call: String
    let code: Int32
    var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// getaddrinfo found no address: its EAI_* code and gai_strerror's text (given).
struct LookupError: Error, CustomStringConvertible {
    let host: String
    let code: Int32
    var description: String { "\(host): \(String(cString: gai_strerror(code)))" }
}

/// An answer that is not HTTP (given).
struct ProtocolError: Error, CustomStringConvertible {
    let description: String
}

/// A TCP connection to host:port. `host` is a name or a numeric address; getaddrinfo
/// (AF_UNSPEC, SOCK_STREAM) gives its addresses, IPv6 and IPv4, and each is tried in that
/// order until one connects. Every socket that failed is closed. Throws LookupError when the
/// name has no address, and the last attempt's SocketError when none connects.
/// The connected descriptor is the caller's to close.
func connectTo(host: String, port: UInt16) throws -> Int32 {
    // TODO: getaddrinfo(host, String(port), &hints, &list) with AF_UNSPEC
    //       and SOCK_STREAM; it returns 0 or an EAI_* code. freeaddrinfo.
    // TODO: for each address: socket with its family, type and protocol,
    //       connect with its ai_addr and ai_addrlen; on failure close the
    //       socket, remember the error and try the next one.
    fatalError("TODO: write connectTo(host:port:)")
}

/// Sends every byte of `bytes` on the connected socket `fd`, however many calls it takes.
/// A short send goes on where it stopped; EINTR tries again; EAGAIN (a non-blocking socket
/// whose buffer is full, or a send timeout) waits until the socket is writable and tries
/// again. A peer that has gone is an error (EPIPE or ECONNRESET), never a SIGPIPE.
func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
    // TODO: send returns how many bytes it took, maybe fewer than asked.
    // TODO: MSG_NOSIGNAL turns "the peer is gone" from a signal into EPIPE.
    // TODO: poll with POLLOUT waits until there is room again.
    fatalError("TODO: write sendAll(_:_:)")
}

/// Everything the peer sends on `fd` until it closes its side (recv returns 0).
func receiveAll(_ fd: Int32) throws -> [UInt8] {
    // TODO: recv returns what has arrived so far; 0 is the end of the stream.
    fatalError("TODO: write receiveAll(_:)")
}

/// One exchange: connects to host:port, sends all of `request`, says it is done sending
/// (shutdown SHUT_WR) while the connection stays open for reading, reads the answer to its
/// end, and closes the socket.
func exchange(_ request: [UInt8], host: String, port: UInt16) throws -> [UInt8] {
    // TODO: the three functions above, and shutdown between sending and
    //       reading. Close the socket on every path.
    fatalError("TODO: write exchange(_:host:port:)")
}

/// Fetches `path` from the HTTP server at host:port with an HTTP/1.0 GET (a request line,
/// a Host header, an empty line; CR LF line ends) and returns the status code from the
/// status line ("HTTP/1.0 200 OK" -> 200) and the body: every byte after the empty line
/// that ends the headers. Throws ProtocolError when the answer is not HTTP.
func httpGet(host: String, port: UInt16, path: String) throws -> (status: Int, body: [UInt8]) {
    // TODO: the request is text: "GET /path HTTP/1.0\r\nHost: ...\r\n\r\n".
    // TODO: the answer is bytes: find CR LF CR LF; before it the status line
    //       and headers, after it the body (which may be binary).
    fatalError("TODO: write httpGet(host:port:path:)")
}
