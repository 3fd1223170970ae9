// Lesson 05, a TCP server: the reference solution.
import Glibc

/// Why a server call gave up: the call that failed and the errno it left.
struct ServerError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    var description: String {
        "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}

/// Given (lesson 04): writes every byte of `bytes` to the connected socket `fd`, calling
/// send again for whatever a call did not take. MSG_NOSIGNAL: a peer that has gone
/// away gives EPIPE instead of killing the program (lesson 06 says more).
func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
        let sent = bytes.withUnsafeBytes {
            send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
        }
        if sent < 0 {
            if errno == EINTR { continue }
            throw ServerError(call: "send", code: errno)
        }
        offset += sent
    }
}

/// A TCP socket listening on the numeric IPv4 address `address`, port `port` (0: the
/// kernel picks a free one), with SO_REUSEADDR set before bind so a restarted server
/// can bind its port while old connections sit in TIME_WAIT, and a queue of `backlog`.
/// Returns the listening socket and the port it really listens on (getsockname).
func listenTCP(on address: String, port: UInt16, backlog: Int32) throws -> (fd: Int32, port: UInt16) {
    var local = sockaddr_in()
    local.sin_family = sa_family_t(AF_INET)
    local.sin_port = port.bigEndian
    guard inet_pton(AF_INET, address, &local.sin_addr) == 1 else {
        throw ServerError(call: "inet_pton(\"\(address)\")", code: EINVAL)
    }
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ServerError(call: "socket", code: errno) }
    do {
        var on: Int32 = 1
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw ServerError(call: "setsockopt(SO_REUSEADDR)", code: errno)
        }
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw ServerError(call: "bind", code: errno) }
        guard listen(fd, backlog) == 0 else { throw ServerError(call: "listen", code: errno) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw ServerError(call: "getsockname", code: errno) }
        return (fd, UInt16(bigEndian: actual.sin_port))
    } catch {
        close(fd)
        throw error
    }
}

/// Answers the client on the connected socket `connection`: for every line it sends (the
/// bytes up to a "\n", decoded as UTF-8 without the "\n"), sends back `transform(line)`
/// and a "\n", as soon as that line is complete. Returns when the client closes its side
/// (a final piece without "\n" is dropped). Does not close `connection`.
func answerLines(_ connection: Int32, transform: (String) -> String) throws {
    var pending: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = recv(connection, &buffer, buffer.count, 0)
        if count < 0 {
            if errno == EINTR { continue }
            throw ServerError(call: "recv", code: errno)
        }
        if count == 0 { return }
        // Bytes, not text, until a line is whole: a read may end inside a character.
        pending += buffer[0..<count]
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[..<newline], as: UTF8.self)
            pending.removeSubrange(...newline)
            try sendAll(connection, Array((transform(line) + "\n").utf8))
        }
    }
}

/// Serves `count` clients on `listener`, one after another in the order they connected:
/// accepts one, answers its lines (answerLines) until it closes, closes that connection,
/// then accepts the next. Leaves the listener open. Throws when a call fails.
func serve(_ listener: Int32, clients count: Int, transform: (String) -> String) throws {
    for _ in 0..<count {
        var connection: Int32
        repeat { connection = accept(listener, nil, nil) } while connection < 0 && errno == EINTR
        guard connection >= 0 else { throw ServerError(call: "accept", code: errno) }
        defer { close(connection) }
        try answerLines(connection, transform: transform)
    }
}
