// Lesson 07, many clients: your exercise.
//
// Write the three functions below (takeLines and RelayError are given). `learn check`
// runs each check on real sockets in a private network, with real clients in processes
// of their own; `learn hint` gives one hint at a time. Helpers of your own are welcome.
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
    // TODO: read the flags with fcntl(fd, F_GETFL), set them back with
    //       F_SETFL and O_NONBLOCK added; throw when fcntl returns -1.
    fatalError("TODO: write setNonBlocking(_:)")
}

/// Writes as much of `pending` to the non-blocking socket `fd` as it takes now, and removes
/// what was written from the front of `pending`. Returns false when the connection is broken
/// (EPIPE, ECONNRESET: drop that client), true otherwise; when the socket is full (EAGAIN)
/// the rest stays in `pending` for the next POLLOUT. Never raises SIGPIPE.
func flush(_ fd: Int32, _ pending: inout [UInt8]) -> Bool {
    // TODO: send from an offset until all is written or send returns -1.
    // TODO: EAGAIN: the socket is full for now (true); EINTR: try again;
    //       anything else: the connection is broken (false).
    // TODO: remove what was written from the front of pending. MSG_NOSIGNAL.
    fatalError("TODO: write flush(_:_:)")
}

/// A chat relay on one thread. Accepts connections on `listener` (made non-blocking here)
/// until `clients` have connected, and relays until every one of them has gone; then
/// returns, with every connection closed and the listener left open. Each complete line a
/// client sends ("\n" included) goes to every *other* client connected at that moment,
/// unchanged and in the order it was sent. A client whose unsent output passes `limit`
/// bytes (it does not read) is disconnected, and the others go on. A last piece without
/// "\n" from a client that leaves is dropped. Sleeps in poll when nothing happens.
func relay(_ listener: Int32, clients: Int, limit: Int) throws {
    // TODO: per client: its descriptor, a partial line, an outbox of bytes
    //       not yet written (a small struct helps).
    // TODO: loop while clients are still due or connected: build pollfds
    //       (POLLIN for every client, POLLOUT only when its outbox is not
    //       empty, the listener while more clients are due); poll(..., -1).
    // TODO: readable client: recv; 0 or an error means it left (close it);
    //       else takeLines and append each line to every other's outbox.
    // TODO: flush outboxes; cut off a client whose outbox passes `limit`.
    // TODO: readable listener: accept (non-blocking too) until EAGAIN or
    //       `clients` reached.
    fatalError("TODO: write relay(_:clients:limit:)")
}
