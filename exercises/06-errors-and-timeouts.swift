// Lesson 06, errors and timeouts: your exercise.
//
// Write the three functions below (NetError and now() are given: the checks name
// NetError's cases). `learn check` runs each check on real sockets in a private
// network; `learn hint` gives one hint at a time. Helpers of your own are welcome.
import Glibc

/// Why a network call gave up. The checks look at the case (the enum is given).
enum NetError: Error, Equatable, CustomStringConvertible {
    /// The deadline passed. `received` bytes had arrived by then (0 for a connect).
    case timedOut(received: Int)
    /// The peer closed the connection after `received` bytes, before all had come.
    case closed(received: Int)
    /// A system call failed; `code` is the errno it left (ECONNREFUSED, ECONNRESET, EPIPE...).
    case system(call: String, code: Int32)

    var description: String {
        switch self {
        case .timedOut(let received): return received == 0 ? "timed out" : "timed out after \(received) bytes"
        case .closed(let received): return "closed after \(received) bytes"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}

/// Seconds on a clock that only goes forward (the wall clock may jump).
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Reads exactly `count` bytes from the stream socket `fd`, waiting at most `timeout`
/// seconds in all (one deadline for the whole read, however many recv calls it takes).
/// Throws .timedOut(received:) when the deadline passes, .closed(received:) when the peer
/// closes first, .system for a failed call (ECONNRESET from a peer that reset). Signals
/// that interrupt a wait (EINTR) do not end it. Reads no byte beyond `count`.
func readExactly(_ fd: Int32, count: Int, timeout: Double) throws -> [UInt8] {
    // TODO: the deadline is now() + timeout, computed once.
    // TODO: loop until `count` bytes are in: poll(POLLIN) for the time that is
    //       left (in milliseconds), then recv at most what is still missing.
    // TODO: poll returning 0 and no time left: throw .timedOut(received:).
    //       recv returning 0: throw .closed(received:). -1 with EINTR: go round
    //       again; any other -1: throw .system with errno.
    fatalError("TODO: write readExactly(_:count:timeout:)")
}

/// A TCP socket connected to the numeric IPv4 address `host`, port `port`, within `timeout`
/// seconds, returned in blocking mode. Throws .timedOut(received: 0) when no answer came in
/// time, .system(call: "connect", code:) when the connection failed (ECONNREFUSED,
/// EHOSTUNREACH, ...). Never leaves a socket open when it throws.
func connectWithTimeout(_ host: String, port: UInt16, timeout: Double) throws -> Int32 {
    // TODO: a sockaddr_in for host:port, and a TCP socket.
    // TODO: make it non-blocking (fcntl F_SETFL with O_NONBLOCK), then connect:
    //       -1 with EINPROGRESS means "started"; wait for POLLOUT, at most
    //       `timeout` seconds.
    // TODO: once writable, getsockopt(SOL_SOCKET, SO_ERROR) says how it ended:
    //       0 connected, otherwise the errno of the failure.
    // TODO: blocking mode again before returning; close the socket on every throw.
    fatalError("TODO: write connectWithTimeout(_:port:timeout:)")
}

/// Sends every byte of `bytes` on the connected socket `fd`, looping over partial sends and
/// EINTR. A peer that has gone away never kills the program with SIGPIPE: the call throws
/// .system(call: "send", code: EPIPE) (or ECONNRESET) instead.
func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
    // TODO: send may take only part of the bytes: loop from an offset.
    // TODO: writing to a connection the peer has closed raises SIGPIPE, which
    //       ends the program, unless the send is told not to (a flag).
    fatalError("TODO: write sendAll(_:_:)")
}
