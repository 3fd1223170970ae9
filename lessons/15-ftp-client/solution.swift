// Lesson 15, FTP client: the reference solution.
import Glibc

/// A reply's code and text. `text` is the reply's lines exactly as received, each
/// without its CR LF, joined with "\n", codes included (as ftplib returns them):
/// "211-Features:\n EPSV\n211 End".
struct FTPReply {
    let code: Int
    let text: String
}

/// Why the client gave up.
enum FTPError: Error, CustomStringConvertible {
    /// A system call failed; `code` is the errno it left.
    case systemCall(String, code: Int32)
    /// The server closed the connection in the middle of a reply.
    case connectionClosed
    /// A reply line that does not start with three digits and a space or a hyphen.
    case malformedReply(String)
    /// The server answered `command` with a reply of the wrong class.
    case unexpectedReply(command: String, reply: FTPReply)
    /// A 227 or 229 reply without an address we can use.
    case noPassiveAddress(String)

    var description: String {
        switch self {
        case .systemCall(let name, let code):
            return "\(name) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .connectionClosed:
            return "the server closed the connection in the middle of a reply"
        case .malformedReply(let line):
            return "not an FTP reply line: \"\(line)\""
        case .unexpectedReply(let command, let reply):
            return "\(command) -> \(reply.text)"
        case .noPassiveAddress(let text):
            return "no data address in \"\(text)\""
        }
    }
}

/// Reads one line, a byte at a time so nothing past its LF is taken from the socket;
/// returns it without its CR LF.
private func readLine(_ fd: Int32) throws -> String {
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while true {
        let count = read(fd, &byte, 1)
        if count < 0 {
            if errno == EINTR { continue }
            throw FTPError.systemCall("read", code: errno)
        }
        if count == 0 { throw FTPError.connectionClosed }
        if byte == UInt8(ascii: "\n") { break }
        line.append(byte)
    }
    if line.last == UInt8(ascii: "\r") { line.removeLast() }
    return String(decoding: line, as: UTF8.self)
}

/// Reads one complete reply (single- or multi-line) from the control connection,
/// and not one byte past its final CR LF.
func readReply(_ fd: Int32) throws -> FTPReply {
    let first = try readLine(fd)
    let bytes = Array(first.utf8)
    guard bytes.count >= 4, bytes[0..<3].allSatisfy({ (48...57).contains($0) }),
          bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
          let code = Int(String(first.prefix(3))) else {
        throw FTPError.malformedReply(first)
    }
    var lines = [first]
    if bytes[3] == UInt8(ascii: "-") {
        // Multi-line: it ends at the first line that is the same code and a space.
        let end = String(first.prefix(3)) + " "
        while true {
            let line = try readLine(fd)
            lines.append(line)
            if line.hasPrefix(end) { break }
        }
    }
    return FTPReply(code: code, text: lines.joined(separator: "\n"))
}

/// The numbers in `text`, each with the character before it (nil at the start).
private func numbers(in text: String) -> [(before: Character?, value: Int, after: Character?)] {
    var found: [(before: Character?, value: Int, after: Character?)] = []
    let characters = Array(text)
    var index = 0
    while index < characters.count {
        guard characters[index].isASCII, characters[index].isNumber else { index += 1; continue }
        let start = index
        var value = 0
        while index < characters.count, characters[index].isASCII, characters[index].isNumber {
            value = min(value * 10 + Int(String(characters[index]))!, 1_000_000)
            index += 1
        }
        found.append((start > 0 ? characters[start - 1] : nil, value,
                      index < characters.count ? characters[index] : nil))
    }
    return found
}

/// The host and port announced in a 227 reply; nil if the text has none, or a
/// number in it is over 255.
func parsePassiveReply(_ text: String) -> (host: String, port: UInt16)? {
    // Six numbers joined by commas, anywhere in the text (RFC 1123 4.1.2.6).
    let all = numbers(in: text)
    guard all.count >= 6 else { return nil }
    for start in 0...(all.count - 6) {
        let six = all[start..<start + 6]
        let joined = six.dropLast().allSatisfy { $0.after == "," }
        guard joined else { continue }
        let values = six.map(\.value)
        guard values.allSatisfy({ $0 <= 255 }) else { return nil }
        let host = values[0..<4].map(String.init).joined(separator: ".")
        return (host, UInt16(values[4] * 256 + values[5]))
    }
    return nil
}

/// The port announced in a 229 reply, "(|||port|)" (RFC 2428 allows another
/// delimiter character in place of |); nil if none or over 65535.
func parseExtendedPassiveReply(_ text: String) -> UInt16? {
    let characters = Array(text)
    guard let open = characters.firstIndex(of: "("), open + 5 < characters.count else { return nil }
    let delimiter = characters[open + 1]
    guard delimiter.isASCII, !delimiter.isNumber, delimiter != ")",
          characters[open + 2] == delimiter, characters[open + 3] == delimiter else { return nil }
    var index = open + 4
    var digits = ""
    while index < characters.count, characters[index].isASCII, characters[index].isNumber {
        digits.append(characters[index])
        index += 1
    }
    guard !digits.isEmpty, digits.count <= 5, index + 1 < characters.count,
          characters[index] == delimiter, characters[index + 1] == ")",
          let port = Int(digits), port <= 65535 else { return nil }
    return UInt16(port)
}

/// A TCP connection to host:port; `host` is a numeric IPv4 or IPv6 address.
private func connectTo(_ host: String, _ port: UInt16) throws -> Int32 {
    var storage = sockaddr_storage()
    let length: Int
    var address4 = sockaddr_in()
    var address6 = sockaddr_in6()
    if inet_pton(AF_INET, host, &address4.sin_addr) == 1 {
        address4.sin_family = sa_family_t(AF_INET)
        address4.sin_port = port.bigEndian
        withUnsafeBytes(of: address4) { bytes in
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) }
        }
        length = MemoryLayout<sockaddr_in>.size
    } else if inet_pton(AF_INET6, host, &address6.sin6_addr) == 1 {
        address6.sin6_family = sa_family_t(AF_INET6)
        address6.sin6_port = port.bigEndian
        withUnsafeBytes(of: address6) { bytes in
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) }
        }
        length = MemoryLayout<sockaddr_in6>.size
    } else {
        throw FTPError.noPassiveAddress(host)
    }
    let fd = socket(Int32(storage.ss_family), Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw FTPError.systemCall("socket", code: errno) }
    let status = withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(length))
        }
    }
    guard status == 0 else {
        let code = errno
        close(fd)
        throw FTPError.systemCall("connect", code: code)
    }
    return fd
}

/// Sends one command line (CR LF added) and returns the reply.
private func command(_ fd: Int32, _ line: String) throws -> FTPReply {
    let bytes = Array((line + "\r\n").utf8)
    var sent = 0
    while sent < bytes.count {
        let count = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw FTPError.systemCall("write", code: errno)
        }
        sent += count
    }
    return try readReply(fd)
}

/// Sends `line` and throws unless the reply's first digit is one of `classes`.
@discardableResult
private func expect(_ fd: Int32, _ line: String, _ classes: Set<Int>) throws -> FTPReply {
    let reply = try command(fd, line)
    guard classes.contains(reply.code / 100) else {
        let shown = line.hasPrefix("PASS ") ? "PASS ****" : line
        throw FTPError.unexpectedReply(command: shown, reply: reply)
    }
    return reply
}

/// The port of a passive data connection: EPSV (RFC 2428, IPv4 and IPv6) first; PASV
/// (IPv4 only) when the server refuses EPSV with a 5yz reply, as servers older than
/// RFC 2428 do. Like ftplib, only the port is taken: the data connection goes to the host
/// the control connection already uses.
private func passivePort(_ control: Int32) throws -> UInt16 {
    let extended = try command(control, "EPSV")
    switch extended.code / 100 {
    case 2:
        guard let port = parseExtendedPassiveReply(extended.text) else {
            throw FTPError.noPassiveAddress(extended.text)
        }
        return port
    case 5:
        let passive = try expect(control, "PASV", [2])
        guard let announced = parsePassiveReply(passive.text) else {
            throw FTPError.noPassiveAddress(passive.text)
        }
        return announced.port
    default:
        throw FTPError.unexpectedReply(command: "EPSV", reply: extended)
    }
}

/// Logs in, downloads `path` in binary mode over a passive data connection, and returns its
/// bytes. `host` is a numeric IPv4 or IPv6 address.
func download(host: String, port: UInt16, user: String, password: String, path: String) throws -> [UInt8] {
    let control = try connectTo(host, port)
    defer { close(control) }
    // A busy server may say 120 (ready in nnn minutes) first; the 220 follows (RFC 959).
    var greeting = try readReply(control)
    while greeting.code / 100 == 1 { greeting = try readReply(control) }
    guard greeting.code / 100 == 2 else {
        throw FTPError.unexpectedReply(command: "(connect)", reply: greeting)
    }
    // USER may be enough (230), or ask for a password (331).
    if try expect(control, "USER \(user)", [2, 3]).code / 100 == 3 {
        try expect(control, "PASS \(password)", [2])
    }
    try expect(control, "TYPE I", [2])

    // Passive mode: the server listens, we connect.
    let data = try connectTo(host, try passivePort(control))
    defer { close(data) }
    try expect(control, "RETR \(path)", [1])

    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let count = read(data, &buffer, buffer.count)
        if count < 0 {
            if errno == EINTR { continue }
            throw FTPError.systemCall("read", code: errno)
        }
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    let done = try readReply(control)
    guard done.code / 100 == 2 else {
        throw FTPError.unexpectedReply(command: "RETR \(path)", reply: done)
    }
    _ = try? command(control, "QUIT")
    return bytes
}
