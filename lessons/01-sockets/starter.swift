// Lesson 01, sockets: your exercise.
//
// Write the four pieces below. `learn check` runs each check on real
// sockets in a private network; `learn hint` gives one hint at a time.
// Helpers of your own are welcome (a small function or two).
import Glibc

/// A system call that failed: its name and the errno it left behind.
struct SystemCallError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    /// "socket: Address family not supported by protocol (EAFNOSUPPORT)": the call, strerror's
    /// text, and errnoName's name in parentheses, or "(errno N)" when errnoName has none.
    var description: String {
        // TODO: strerror(code) returns a C string; String(cString:) makes it Swift.
        // TODO: errnoName(code) gives the name, when it knows one.
        fatalError("TODO: write SystemCallError.description")
    }
}

/// A new socket of `family` (AF_INET, AF_INET6, AF_UNIX) and `type` (SOCK_STREAM or SOCK_DGRAM,
/// as an Int32), with protocol 0: the family's usual protocol for that type.
/// Throws SystemCallError(call: "socket", code: errno) when socket fails.
/// The descriptor is the caller's to close.
func openSocket(family: Int32, type: Int32) throws -> Int32 {
    // TODO: socket(family, type, 0) returns a descriptor, or -1 and sets errno.
    fatalError("TODO: write openSocket(family:type:)")
}

/// The symbolic name of an errno value this course meets: EACCES -> "EACCES". The names are
/// EACCES, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EAGAIN, ECONNREFUSED, ECONNRESET, EINVAL,
/// EMFILE, ENETUNREACH, ENOTCONN, EPIPE and ETIMEDOUT; nil for any other value.
func errnoName(_ code: Int32) -> String? {
    // TODO: Glibc has a constant for each (EACCES is an Int32); compare with
    //       those, never with numbers typed in.
    fatalError("TODO: write errnoName(_:)")
}

/// Writes `bytes` into one end of a new socketpair(AF_UNIX, SOCK_STREAM, 0), then says "no more"
/// (shutdown SHUT_WR), and returns everything the other end reads up to the end of the stream.
/// Any size works, far beyond the pair's buffer (about 200 KB): writing and reading overlap.
/// Both ends are closed on every path; a failed call throws SystemCallError with its name
/// ("socketpair", "write", "read", ...).
func passThroughPair(_ bytes: [UInt8]) throws -> [UInt8] {
    // TODO: socketpair fills an array of two descriptors, connected to
    //       each other. Close both on every path (defer).
    // TODO: write and read move *some* bytes: loop until all are written
    //       and read returns 0 (the end of the stream, after SHUT_WR).
    // TODO: a blocking write of 1 MB waits for a reader that never comes:
    //       make the writing end non-blocking, or write on another thread.
    fatalError("TODO: write passThroughPair(_:)")
}
