// Lesson 05, a TCP server: your exercise.
//
// Write the three functions below (sendAll and ServerError are given: lesson 04 wrote
// them). `learn check` runs each check on real sockets in a private network;
// `learn hint` gives one hint at a time. Helpers of your own are welcome.
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
    // TODO: a sockaddr_in with the address (inet_pton) and the port, both in
    //       network byte order.
    // TODO: socket(AF_INET, SOCK_STREAM, 0); close it on every error path.
    // TODO: setsockopt SO_REUSEADDR = 1 (an Int32), *before* bind.
    // TODO: bind, then listen(fd, backlog).
    // TODO: getsockname tells the port the socket really got.
    fatalError("TODO: write listenTCP(on:port:backlog:)")
}

/// Answers the client on the connected socket `connection`: for every line it sends (the
/// bytes up to a "\n", decoded as UTF-8 without the "\n"), sends back `transform(line)`
/// and a "\n", as soon as that line is complete. Returns when the client closes its side
/// (a final piece without "\n" is dropped). Does not close `connection`.
func answerLines(_ connection: Int32, transform: (String) -> String) throws {
    // TODO: recv into a buffer, in a loop; 0 means the client closed its side.
    // TODO: keep what arrived as bytes; one recv may hold half a line, or
    //       several lines, or half a character.
    // TODO: for every complete line, send transform(line) + "\n" (sendAll).
    fatalError("TODO: write answerLines(_:transform:)")
}

/// Serves `count` clients on `listener`, one after another in the order they connected:
/// accepts one, answers its lines (answerLines) until it closes, closes that connection,
/// then accepts the next. Leaves the listener open. Throws when a call fails.
func serve(_ listener: Int32, clients count: Int, transform: (String) -> String) throws {
    // TODO: `count` times: accept(listener, nil, nil) gives a new, connected
    //       socket; the listener keeps listening.
    // TODO: answer its lines, then close it (defer), whatever happened.
    fatalError("TODO: write serve(_:clients:transform:)")
}
