// Lesson 04, TCP client: the reference solution.
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
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0 else { throw LookupError(host: host, code: status) }
    defer { freeaddrinfo(list) }
    var lastError = SocketError(call: "connect", code: EADDRNOTAVAIL)
    var node = list
    while let entry = node?.pointee {
        node = entry.ai_next
        let fd = socket(entry.ai_family, entry.ai_socktype, entry.ai_protocol)
        guard fd >= 0 else {
            lastError = SocketError(call: "socket", code: errno)
            continue
        }
        if connect(fd, entry.ai_addr, entry.ai_addrlen) == 0 { return fd }
        lastError = SocketError(call: "connect", code: errno)
        close(fd)
    }
    throw lastError
}

/// Sends every byte of `bytes` on the connected socket `fd`, however many calls it takes.
/// A short send goes on where it stopped; EINTR tries again; EAGAIN (a non-blocking socket
/// whose buffer is full, or a send timeout) waits until the socket is writable and tries
/// again. A peer that has gone is an error (EPIPE or ECONNRESET), never a SIGPIPE.
func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
    var sent = 0
    while sent < bytes.count {
        let n = bytes.withUnsafeBytes {
            send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL))
        }
        if n >= 0 {
            sent += n
        } else if errno == EAGAIN {
            var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            _ = poll(&entry, 1, -1)
        } else if errno != EINTR {
            throw SocketError(call: "send", code: errno)
        }
    }
}

/// Everything the peer sends on `fd` until it closes its side (recv returns 0).
func receiveAll(_ fd: Int32) throws -> [UInt8] {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n > 0 {
            received.append(contentsOf: buffer[0..<n])
        } else if n == 0 {
            return received
        } else if errno != EINTR {
            throw SocketError(call: "recv", code: errno)
        }
    }
}

/// One exchange: connects to host:port, sends all of `request`, says it is done sending
/// (shutdown SHUT_WR) while the connection stays open for reading, reads the answer to its
/// end, and closes the socket.
func exchange(_ request: [UInt8], host: String, port: UInt16) throws -> [UInt8] {
    let fd = try connectTo(host: host, port: port)
    defer { close(fd) }
    try sendAll(fd, request)
    guard shutdown(fd, Int32(SHUT_WR)) == 0 else { throw SocketError(call: "shutdown", code: errno) }
    return try receiveAll(fd)
}

/// Fetches `path` from the HTTP server at host:port with an HTTP/1.0 GET (a request line,
/// a Host header, an empty line; CR LF line ends) and returns the status code from the
/// status line ("HTTP/1.0 200 OK" -> 200) and the body: every byte after the empty line
/// that ends the headers. Throws ProtocolError when the answer is not HTTP.
func httpGet(host: String, port: UInt16, path: String) throws -> (status: Int, body: [UInt8]) {
    // An IPv6 literal goes in brackets in the Host header, as in a URL (RFC 3986).
    let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    let request = "GET \(path) HTTP/1.0\r\nHost: \(authority)\r\n\r\n"
    let answer = try exchange(Array(request.utf8), host: host, port: port)
    let end: [UInt8] = [13, 10, 13, 10]
    var index = 0
    while index + 4 <= answer.count && !answer[index..<index + 4].elementsEqual(end) { index += 1 }
    guard index + 4 <= answer.count else {
        throw ProtocolError(description: "no empty line after the headers")
    }
    let split = index
    let head = String(decoding: answer[..<split], as: UTF8.self)
    let statusLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
    let fields = statusLine.split(separator: " ", maxSplits: 2)
    guard fields.count >= 2, fields[0].hasPrefix("HTTP/"), let status = Int(fields[1]),
          (100...999).contains(status) else {
        throw ProtocolError(description: "not an HTTP status line: \(statusLine)")
    }
    return (status, Array(answer[(split + 4)...]))
}
