// Lesson 16, Telnet client: your exercise.
//
// Write `negotiate` and the two methods of `TelnetConnection`. `learn check`
// feeds negotiate hand-made byte sequences, then talks to a real Telnet
// server (busybox telnetd) in a private network through your
// TelnetConnection; `learn hint` gives one hint at a time. Helpers of your
// own are welcome (constants for IAC, DO, ...; an Error type).
import Glibc

/// Splits bytes from a server into plain data and the replies a client that supports
/// no options must send back (DO x -> WONT x, WILL x -> DONT x; DONT/WONT need no reply;
/// SB ... IAC SE skipped; IAC IAC is one data byte 255; other commands such as NOP, GA
/// and DM dropped). CR NUL is a bare CR: the NUL is dropped. An incomplete command at
/// the end (IAC, IAC DO, an unfinished SB), or a CR as the last byte (its NUL or LF is
/// still to come), comes back in `rest`, to be put in front of the next chunk.
func negotiate(_ bytes: [UInt8]) -> (data: [UInt8], reply: [UInt8], rest: [UInt8]) {
    // TODO: walk the bytes. A byte other than IAC (255) is data.
    // TODO: IAC IAC is one data byte 255; IAC DO x / IAC WILL x get a
    //       refusal (IAC WONT x / IAC DONT x) in `reply`; IAC DONT x and
    //       IAC WONT x need none.
    // TODO: IAC SB ... IAC SE is skipped whole; any other IAC x is dropped.
    // TODO: CR NUL is data CR alone (drop the NUL); CR LF stays CR LF.
    // TODO: a command cut off at the end, or a CR as the very last byte,
    //       goes, unchanged, into `rest`.
    fatalError("TODO: write negotiate(_:)")
}

/// A Telnet connection over a connected socket, like telnetlib.Telnet.
final class TelnetConnection {
    let fd: Int32
    // TODO: keep what you need between calls: data read past a marker,
    //       and the `rest` of the last chunk.

    init(fd: Int32) {
        self.fd = fd
    }

    /// Reads, answering negotiations, until `marker` appears in the data; returns the
    /// data up to and including it (UTF-8, invalid bytes replaced). Data read past the
    /// marker is kept for the next call. Throws after `timeout` seconds.
    func readUntil(_ marker: String, timeout: Double) throws -> String {
        // TODO: look for the marker's UTF-8 bytes in the data kept so far.
        // TODO: if it is not there, wait with poll (at most the time left)
        //       and read a chunk; run it through negotiate, send the reply,
        //       keep the data and the rest; look again.
        // TODO: return the data up to and including the marker, keep the
        //       remainder; throw when time is up or the server closed.
        fatalError("TODO: write readUntil(_:timeout:)")
    }

    /// Sends `text` with CR LF line endings and a bare CR as CR NUL. (UTF-8 never holds
    /// the byte 255, so a String has no IAC to double; a write of raw bytes would.)
    func write(_ text: String) throws {
        // TODO: the text's UTF-8 bytes, a CR before every LF that has none,
        //       a NUL after every CR that no LF follows; write them all
        //       (check the return value).
        fatalError("TODO: write write(_:)")
    }
}
