// Lesson 15, FTP client: your exercise.
//
// Write the four functions below: the core of an FTP client, on plain
// sockets. `learn check` feeds readReply and the parsers hand-made replies,
// then runs download against a real FTP server (pyftpdlib) in a private
// network; `learn hint` gives one hint at a time. Helpers of your own are
// welcome (an Error type, a function that sends one command).
import Glibc

/// A reply's code and text. `text` is the reply's lines exactly as received, each
/// without its CR LF, joined with "\n", codes included (as ftplib returns them):
/// "211-Features:\n EPSV\n211 End".
struct FTPReply {
    let code: Int
    let text: String
}

/// Reads one complete reply (single- or multi-line) from the control connection,
/// and not one byte past its final CR LF.
func readReply(_ fd: Int32) throws -> FTPReply {
    // TODO: read one line, a byte at a time, up to LF; drop the CR LF.
    //       read returning 0 means the connection closed: throw.
    // TODO: the line starts with three digits, the code. A space after them
    //       ends the reply; a hyphen starts a multi-line reply.
    // TODO: a multi-line reply ends at the first line that starts with the
    //       same three digits and a space.
    fatalError("TODO: write readReply(_:)")
}

/// The host and port announced in a 227 reply; nil if the text has none, or a
/// number in it is over 255.
func parsePassiveReply(_ text: String) -> (host: String, port: UInt16)? {
    // TODO: find six numbers joined by commas, anywhere in the text:
    //       h1,h2,h3,h4,p1,p2. Each must be 0...255.
    // TODO: the host is "h1.h2.h3.h4", the port p1 * 256 + p2.
    fatalError("TODO: write parsePassiveReply(_:)")
}

/// The port announced in a 229 reply, "(|||port|)" (RFC 2428 allows another
/// delimiter character in place of |); nil if none or over 65535.
func parseExtendedPassiveReply(_ text: String) -> UInt16? {
    // TODO: find "(", take the character after it as the delimiter, expect
    //       it three times, then digits, then the delimiter and ")".
    fatalError("TODO: write parseExtendedPassiveReply(_:)")
}

/// Logs in, downloads `path` in binary mode over a passive data connection, and returns its
/// bytes. `host` is a numeric IPv4 or IPv6 address.
func download(host: String, port: UInt16, user: String, password: String, path: String) throws -> [UInt8] {
    // TODO: connect to host:port (the control connection; AF_INET6 when the
    //       host is an IPv6 address) and read the greeting: 220, or 120
    //       first and then 220.
    // TODO: send each command as "COMMAND argument\r\n" and read its reply;
    //       throw when the reply's class is not the one you need:
    //       USER (331, or 230), PASS (230), TYPE I (200).
    // TODO: EPSV (229); when it gets a 5yz reply, PASV (227) instead.
    // TODO: connect a second socket to that port on the same host (the data
    //       connection), then send RETR path and expect a 1yz reply (125/150).
    // TODO: read the data connection until read returns 0, then read the
    //       226 reply on the control connection. QUIT, close both sockets.
    fatalError("TODO: write download(host:port:user:password:path:)")
}
