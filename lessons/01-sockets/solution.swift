// Lesson 01, sockets: the reference solution.
import Glibc

/// A system call that failed: its name and the errno it left behind.
struct SystemCallError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    /// "socket: Address family not supported by protocol (EAFNOSUPPORT)": the call, strerror's
    /// text, and errnoName's name in parentheses, or "(errno N)" when errnoName has none.
    var description: String {
        let name = errnoName(code) ?? "errno \(code)"
        return "\(call): \(String(cString: strerror(code))) (\(name))"
    }
}

/// A new socket of `family` (AF_INET, AF_INET6, AF_UNIX) and `type` (SOCK_STREAM or SOCK_DGRAM,
/// as an Int32), with protocol 0: the family's usual protocol for that type.
/// Throws SystemCallError(call: "socket", code: errno) when socket fails.
/// The descriptor is the caller's to close.
func openSocket(family: Int32, type: Int32) throws -> Int32 {
    let fd = socket(family, type, 0)
    guard fd >= 0 else { throw SystemCallError(call: "socket", code: errno) }
    return fd
}

/// The symbolic name of an errno value this course meets: EACCES -> "EACCES". The names are
/// EACCES, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EAGAIN, ECONNREFUSED, ECONNRESET, EINVAL,
/// EMFILE, ENETUNREACH, ENOTCONN, EPIPE and ETIMEDOUT; nil for any other value.
func errnoName(_ code: Int32) -> String? {
    let names: [Int32: String] = [
        EACCES: "EACCES", EADDRINUSE: "EADDRINUSE", EADDRNOTAVAIL: "EADDRNOTAVAIL",
        EAFNOSUPPORT: "EAFNOSUPPORT", EAGAIN: "EAGAIN", ECONNREFUSED: "ECONNREFUSED",
        ECONNRESET: "ECONNRESET", EINVAL: "EINVAL", EMFILE: "EMFILE", ENETUNREACH: "ENETUNREACH",
        ENOTCONN: "ENOTCONN", EPIPE: "EPIPE", ETIMEDOUT: "ETIMEDOUT",
    ]
    return names[code]
}

/// Writes `bytes` into one end of a new socketpair(AF_UNIX, SOCK_STREAM, 0), then says "no more"
/// (shutdown SHUT_WR), and returns everything the other end reads up to the end of the stream.
/// Any size works, far beyond the pair's buffer (about 200 KB): writing and reading overlap.
/// Both ends are closed on every path; a failed call throws SystemCallError with its name
/// ("socketpair", "write", "read", ...).
func passThroughPair(_ bytes: [UInt8]) throws -> [UInt8] {
    var ends: [Int32] = [-1, -1]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0 else {
        throw SystemCallError(call: "socketpair", code: errno)
    }
    let (writer, reader) = (ends[0], ends[1])
    defer {
        close(writer)
        close(reader)
    }
    // The writing end never blocks: a write takes what fits in the buffer (or fails EAGAIN
    // when it is full), and then there is something for the blocking read to take out.
    let flags = fcntl(writer, F_GETFL)
    guard flags >= 0, fcntl(writer, F_SETFL, flags | O_NONBLOCK) == 0 else {
        throw SystemCallError(call: "fcntl", code: errno)
    }
    var sent = 0
    var finished = false
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        if sent < bytes.count {
            let n = bytes.withUnsafeBytes { write(writer, $0.baseAddress! + sent, $0.count - sent) }
            if n > 0 {
                sent += n
            } else if errno != EAGAIN && errno != EINTR {
                throw SystemCallError(call: "write", code: errno)
            }
        } else if !finished {
            guard shutdown(writer, Int32(SHUT_WR)) == 0 else {
                throw SystemCallError(call: "shutdown", code: errno)
            }
            finished = true
        }
        let n = read(reader, &buffer, buffer.count)
        if n > 0 {
            received.append(contentsOf: buffer[0..<n])
        } else if n == 0 {
            return received
        } else if errno != EINTR {
            throw SystemCallError(call: "read", code: errno)
        }
    }
}
