import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

// Not exported by the Glibc module (they need _XOPEN_SOURCE); plain C functions.
@_silgen_name("grantpt") private func c_grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func c_unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func c_ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// A program running on a pseudo-terminal, as on a learner's screen: it is the leader of a
/// session of its own with the terminal as its controlling terminal (so Ctrl-C raises SIGINT),
/// and the test reads what it draws and types keys. Waits are for expected text with a
/// deadline, never sleeps.
final class PseudoTerminal {
    let master: Int32
    /// Kept open by the test: the terminal's settings can be read after the program ends.
    let slave: Int32
    let pid: pid_t
    private(set) var output: [UInt8] = []
    private var mark = 0

    init(_ arguments: [String], environment: [String: String], rows: UInt16 = 50, columns: UInt16 = 100) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, c_grantpt(master) == 0, c_unlockpt(master) == 0, let name = c_ptsname(master) else {
            throw XCTSkip("no pseudo-terminals here")
        }
        let path = String(cString: name)
        slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid (glibc applies POSIX_SPAWN_SETSID first): it becomes the
        // session's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, path, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID, glibc 2.26+
        posix_spawnattr_setflags(&attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        pid = child
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, WNOHANG)
        close(master)
        close(slave)
    }

    /// What the program drew since the last `expect`, as text.
    var recent: String { String(decoding: output[mark...], as: UTF8.self) }

    /// Waits until `text` appears in what was drawn since the last expect; fails after `timeout`.
    @discardableResult
    func expect(_ text: String, timeout: Double = 120, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if consume(text) { return true }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 || !readSome(wait: left) {
                XCTFail("no \"\(text)\" on the terminal within \(timeout) s; it shows:\n\(recent)", file: file, line: line)
                return false
            }
        }
    }

    /// Moves the mark past the first `text` after it, found by its bytes: decoding what was
    /// read could count a character cut between two reads (Hangul is 3 bytes) differently.
    private func consume(_ text: String) -> Bool {
        let wanted = Array(text.utf8)
        guard !wanted.isEmpty, output.count - mark >= wanted.count else { return wanted.isEmpty }
        for start in mark...(output.count - wanted.count) where output[start] == wanted[0] {
            if output[start..<(start + wanted.count)].elementsEqual(wanted) {
                mark = start + wanted.count
                return true
            }
        }
        return false
    }

    /// True when `text` appears (and is consumed, as by `expect`) within `timeout`; no failure
    /// otherwise: for a key that may need repeating (one typed right after Ctrl-C is flushed).
    func appears(_ text: String, within timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if consume(text) { return true }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 || !readSome(wait: left) { return false }
        }
    }

    /// A new terminal size: the kernel sends SIGWINCH to the terminal's foreground group.
    func resize(rows: UInt16, columns: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
    }

    func type(_ keys: String) {
        _ = keys.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count - 1) }
    }

    /// The program's exit status (128 + n for a signal), or nil if it did not end in time.
    func waitForExit(timeout: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                return status & 0x7f != 0 ? 128 + (status & 0x7f) : (status >> 8) & 0xff
            }
            _ = readSome(wait: 0.05)  // keep draining, so the program never blocks on a full terminal
        }
        return nil
    }

    /// True once the program is stopped (Ctrl-Z), false if it did not stop in time.
    func waitForStop(timeout: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG | WUNTRACED) == pid { return status & 0xff == 0x7f }
            _ = readSome(wait: 0.05)
        }
        return false
    }

    var attributes: termios {
        var settings = termios()
        tcgetattr(slave, &settings)
        return settings
    }

    private func readSome(wait: Double) -> Bool {
        var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32(min(wait, 1) * 1000) + 1)
        guard ready > 0 else { return ready == 0 || errno == EINTR }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        output.append(contentsOf: buffer[0..<count])
        return true
    }
}

/// Terminal settings compared field by field (termios holds tuples, which are not Equatable).
func sameSettings(_ a: termios, _ b: termios) -> Bool {
    var a = a, b = b
    return a.c_iflag == b.c_iflag && a.c_oflag == b.c_oflag && a.c_cflag == b.c_cflag && a.c_lflag == b.c_lflag
        && memcmp(&a.c_cc, &b.c_cc, MemoryLayout.size(ofValue: a.c_cc)) == 0
}
