// Lesson 16, Telnet client: the reference solution.
import Glibc

let IAC: UInt8 = 255, DONT: UInt8 = 254, DO: UInt8 = 253, WONT: UInt8 = 252
let WILL: UInt8 = 251, SB: UInt8 = 250, SE: UInt8 = 240
let CR: UInt8 = 13, LF: UInt8 = 10

/// Splits bytes from a server into plain data and the replies a client that supports
/// no options must send back (DO x -> WONT x, WILL x -> DONT x; DONT/WONT need no reply;
/// SB ... IAC SE skipped; IAC IAC is one data byte 255; other commands such as NOP, GA
/// and DM dropped). CR NUL is a bare CR: the NUL is dropped. An incomplete command at
/// the end (IAC, IAC DO, an unfinished SB), or a CR as the last byte (its NUL or LF is
/// still to come), comes back in `rest`, to be put in front of the next chunk.
func negotiate(_ bytes: [UInt8]) -> (data: [UInt8], reply: [UInt8], rest: [UInt8]) {
    var data: [UInt8] = [], reply: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index] == CR {
            // CR NUL on the wire is a bare CR (RFC 854); CR LF stays as it is.
            guard index + 1 < bytes.count else { break }
            data.append(CR)
            index += bytes[index + 1] == 0 ? 2 : 1
            continue
        }
        guard bytes[index] == IAC else {
            data.append(bytes[index])
            index += 1
            continue
        }
        guard index + 1 < bytes.count else { break }  // a lone IAC: wait for more
        let command = bytes[index + 1]
        switch command {
        case IAC:
            data.append(IAC)
            index += 2
        case DO, DONT, WILL, WONT:
            guard index + 2 < bytes.count else { return (data, reply, Array(bytes[index...])) }
            let option = bytes[index + 2]
            if command == DO { reply += [IAC, WONT, option] }
            if command == WILL { reply += [IAC, DONT, option] }
            index += 3
        case SB:
            // Skip to IAC SE; inside, IAC IAC is an escaped 255, not the end.
            var scan = index + 2
            var end: Int?
            while scan + 1 < bytes.count {
                if bytes[scan] == IAC {
                    if bytes[scan + 1] == SE { end = scan + 2; break }
                    scan += 2
                } else {
                    scan += 1
                }
            }
            guard let end else { return (data, reply, Array(bytes[index...])) }
            index = end
        default:
            index += 2  // NOP, GA, DM, AYT, ...: nothing for a plain client to do
        }
    }
    return (data, reply, Array(bytes[index...]))
}

/// Why a Telnet read gave up.
enum TelnetError: Error, CustomStringConvertible {
    case systemCall(String, code: Int32)
    case closed(seen: String)
    case timeout(marker: String, seen: String)

    var description: String {
        switch self {
        case .systemCall(let name, let code):
            return "\(name) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .closed(let seen):
            return "the server closed the connection; data so far: \(seen.debugDescription)"
        case .timeout(let marker, let seen):
            return "\(marker.debugDescription) did not come; data so far: \(seen.debugDescription)"
        }
    }
}

/// A Telnet connection over a connected socket, like telnetlib.Telnet.
final class TelnetConnection {
    let fd: Int32
    /// Data received (negotiations removed) and not yet returned by readUntil.
    private var data: [UInt8] = []
    /// An incomplete command from the last chunk.
    private var rest: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
    }

    /// Reads, answering negotiations, until `marker` appears in the data; returns the
    /// data up to and including it (UTF-8, invalid bytes replaced). Data read past the
    /// marker is kept for the next call. Throws after `timeout` seconds.
    func readUntil(_ marker: String, timeout: Double) throws -> String {
        let wanted = Array(marker.utf8)
        let deadline = now() + timeout
        while true {
            if let end = find(wanted) {
                let found = Array(data[..<end])
                data.removeFirst(end)
                return String(decoding: found, as: UTF8.self)
            }
            let left = deadline - now()
            guard left > 0 else {
                throw TelnetError.timeout(marker: marker, seen: String(decoding: data, as: UTF8.self))
            }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(min(left, 3600) * 1000) + 1)
            if ready < 0 {
                if errno == EINTR { continue }
                throw TelnetError.systemCall("poll", code: errno)
            }
            if ready == 0 { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(fd, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw TelnetError.systemCall("read", code: errno)
            }
            if count == 0 { throw TelnetError.closed(seen: String(decoding: data, as: UTF8.self)) }
            let parts = negotiate(rest + buffer[0..<count])
            rest = parts.rest
            data += parts.data
            if !parts.reply.isEmpty { try send(parts.reply) }
        }
    }

    /// Sends `text` with CR LF line endings and a bare CR as CR NUL. (UTF-8 never holds
    /// the byte 255, so a String has no IAC to double; a write of raw bytes would.)
    func write(_ text: String) throws {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        for (index, byte) in input.enumerated() {
            let previous = index > 0 ? input[index - 1] : 0
            let next = index + 1 < input.count ? input[index + 1] : 0
            if byte == LF && previous != CR { bytes.append(CR) }
            bytes.append(byte)
            if byte == CR && next != LF { bytes.append(0) }
        }
        try send(bytes)
    }

    /// The index just past the first `wanted` in `data`, if it is there.
    private func find(_ wanted: [UInt8]) -> Int? {
        guard data.count >= wanted.count else { return nil }
        for start in 0...(data.count - wanted.count)
        where data[start..<start + wanted.count].elementsEqual(wanted) {
            return start + wanted.count
        }
        return nil
    }

    private func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw TelnetError.systemCall("write", code: errno)
            }
            sent += count
        }
    }

    private func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
