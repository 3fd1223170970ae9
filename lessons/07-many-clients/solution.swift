// Lesson 07, many clients: the reference solution.
import Glibc

/// Given (lesson 05's line buffer): removes every complete line from the front of
/// `pending` and returns them, each with its "\n". What is left is a line not yet whole.
func takeLines(from pending: inout [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
        lines.append(Array(pending[start...newline]))
        start = newline + 1
    }
    pending.removeFirst(start)
    return lines
}

/// Why the relay gave up: the call that failed and its errno.
struct RelayError: Error, CustomStringConvertible {
    let call: String
    let code: Int32
    var description: String { "\(call) failed: \(String(cString: strerror(code))) (errno \(code))" }
}

/// Puts the descriptor `fd` in non-blocking mode (O_NONBLOCK), keeping its other flags.
func setNonBlocking(_ fd: Int32) throws {
    let flags = fcntl(fd, F_GETFL)
    guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
        throw RelayError(call: "fcntl", code: errno)
    }
}

/// Writes as much of `pending` to the non-blocking socket `fd` as it takes now, and removes
/// what was written from the front of `pending`. Returns false when the connection is broken
/// (EPIPE, ECONNRESET: drop that client), true otherwise; when the socket is full (EAGAIN)
/// the rest stays in `pending` for the next POLLOUT. Never raises SIGPIPE.
func flush(_ fd: Int32, _ pending: inout [UInt8]) -> Bool {
    var written = 0
    defer { pending.removeFirst(written) }
    while written < pending.count {
        let n = pending.withUnsafeBytes {
            send(fd, $0.baseAddress! + written, $0.count - written, Int32(MSG_NOSIGNAL))
        }
        if n < 0 {
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK
        }
        written += n
    }
    return true
}

/// One client of the relay: its socket, the bytes of a line not yet complete, and the bytes
/// waiting to be written to it.
private struct Client {
    let fd: Int32
    var partial: [UInt8] = []
    var outbox: [UInt8] = []
}

/// A chat relay on one thread. Accepts connections on `listener` (made non-blocking here)
/// until `clients` have connected, and relays until every one of them has gone; then
/// returns, with every connection closed and the listener left open. Each complete line a
/// client sends ("\n" included) goes to every *other* client connected at that moment,
/// unchanged and in the order it was sent. A client whose unsent output passes `limit`
/// bytes (it does not read) is disconnected, and the others go on. A last piece without
/// "\n" from a client that leaves is dropped. Sleeps in poll when nothing happens.
func relay(_ listener: Int32, clients: Int, limit: Int) throws {
    try setNonBlocking(listener)
    var connected: [Client] = []
    var accepted = 0
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    defer { for client in connected { close(client.fd) } }

    while accepted < clients || !connected.isEmpty {
        // The listener while more clients are due; every client for input, and for output
        // only when something waits for it.
        var entries = connected.map {
            pollfd(fd: $0.fd, events: Int16(POLLIN) | ($0.outbox.isEmpty ? 0 : Int16(POLLOUT)), revents: 0)
        }
        if accepted < clients { entries.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
        if poll(&entries, nfds_t(entries.count), -1) < 0 {
            if errno == EINTR { continue }
            throw RelayError(call: "poll", code: errno)
        }

        var gone = Set<Int32>()
        for (index, entry) in entries.enumerated() where index < connected.count && entry.revents != 0 {
            let fd = connected[index].fd
            if entry.revents & Int16(POLLOUT) != 0 && !flush(fd, &connected[index].outbox) {
                gone.insert(fd)
                continue
            }
            guard entry.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 else { continue }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 {
                gone.insert(fd)   // the end, or a reset: its partial line goes with it
                continue
            }
            connected[index].partial += buffer[0..<n]
            for line in takeLines(from: &connected[index].partial) {
                for other in connected.indices where other != index && !gone.contains(connected[other].fd) {
                    connected[other].outbox += line
                }
            }
        }
        // Write what can go now; cut off whoever lets too much pile up.
        for index in connected.indices where !gone.contains(connected[index].fd) {
            let fd = connected[index].fd
            if !connected[index].outbox.isEmpty && !flush(fd, &connected[index].outbox) { gone.insert(fd) }
            if connected[index].outbox.count > limit { gone.insert(fd) }
        }
        for fd in gone { close(fd) }
        connected.removeAll { gone.contains($0.fd) }

        if accepted < clients, let last = entries.last, last.fd == listener, last.revents != 0 {
            while accepted < clients {
                let fd = accept(listener, nil, nil)
                if fd < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED { break }
                    throw RelayError(call: "accept", code: errno)
                }
                try setNonBlocking(fd)
                connected.append(Client(fd: fd))
                accepted += 1
            }
        }
    }
}
