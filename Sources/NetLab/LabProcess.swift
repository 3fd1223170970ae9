#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What a finished program did.
public struct LabRunResult: Sendable, Equatable {
    /// Exit code; for a program ended by a signal, 128 + the signal number (as shells say).
    public var status: Int32
    /// The signal that ended the program, if one did.
    public var signal: Int32?
    public var stdout: String
    public var stderr: String
    /// True when the program was killed because it outlived its time limit.
    public var timedOut: Bool

    public var succeeded: Bool { status == 0 && !timedOut }
}

/// A child process started with posix_spawn.
///
/// Foundation's `Process` is not used because the lab needs three things it does not
/// give: a new process group (so a time-out kills `nsenter` *and* the program it
/// forked), pipes that are close-on-exec in every other child (the world's stdin
/// pipe must reach EOF when its owner dies), and default signal dispositions in the
/// child even when the parent ignores SIGINT (`learn lab` does while its shell runs).
public final class LabProcess: @unchecked Sendable {
    public enum Stdin: Sendable { case null, pipe, inherit }
    public enum Output: Sendable { case pipe, null, inherit }

    public let pid: pid_t
    /// Process group id when started in a new group, else nil.
    public let processGroup: pid_t?
    private var stdinFD: Int32
    private var outFD: Int32
    private var errFD: Int32
    private var outBuffer = [UInt8]()
    private var errBuffer = [UInt8]()
    private var outEOF = false
    private var errEOF = false
    private var exitStatus: Int32?
    /// `ioLock` guards the pipes and buffers (held while a read waits); `stateLock`
    /// the exit status, held only briefly, so `kill()` from another thread never
    /// waits for a `readLine` or `wait` in progress.
    private let ioLock = NSLock()
    private let stateLock = NSLock()

    /// Starts `argv` (argv[0] a path or a name looked up in PATH).
    public init(_ argv: [String], environment: [String: String]? = nil,
                stdin: Stdin = .null, stdout: Output = .pipe, stderr: Output = .pipe,
                newProcessGroup: Bool = true) throws {
        precondition(!argv.isEmpty)
        ignoreSIGPIPE()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }

        var childEnds: [Int32] = []      // closed in the parent after spawn
        defer { childEnds.forEach { _ = close($0) } }
        var inW: Int32 = -1, outR: Int32 = -1, errR: Int32 = -1
        func closeOurs() { [inW, outR, errR].filter { $0 >= 0 }.forEach { _ = close($0) } }
        do {
            switch stdin {
            case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            case .inherit: break
            case .pipe:
                let p = try makePipe(); inW = p.write; childEnds.append(p.read)
                posix_spawn_file_actions_adddup2(&actions, p.read, 0)
            }
            for (mode, fd) in [(stdout, Int32(1)), (stderr, Int32(2))] {
                switch mode {
                case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
                case .inherit: break
                case .pipe:
                    let p = try makePipe(); childEnds.append(p.write)
                    if fd == 1 { outR = p.read } else { errR = p.read }
                    posix_spawn_file_actions_adddup2(&actions, p.write, fd)
                }
            }
        } catch {
            closeOurs()
            throw error
        }

        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newProcessGroup { flags |= Int32(POSIX_SPAWN_SETPGROUP) }
        posix_spawnattr_setflags(&attr, Int16(flags))
        posix_spawnattr_setpgroup(&attr, 0)
        var noSignals = sigset_t(); sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attr, &noSignals)
        var defaults = sigset_t(); sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD, SIGTSTP, SIGTTOU, SIGTTIN] {
            sigaddset(&defaults, s)
        }
        posix_spawnattr_setsigdefault(&attr, &defaults)

        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawnp(&child, argv[0], &actions, &attr, &cArgs, &cEnv)
        guard rc == 0 else {
            closeOurs()
            throw LabError.spawnFailed("\(argv[0]): \(String(cString: strerror(rc)))")
        }
        pid = child
        processGroup = newProcessGroup ? child : nil
        stdinFD = inW; outFD = outR; errFD = errR
        outEOF = outR < 0; errEOF = errR < 0
    }

    /// Dropping the last reference ends the program: no process outlives its handle
    /// unnoticed, and none is left a zombie.
    deinit {
        if !reapNow() {
            kill()
            reapBlocking()
        }
        [stdinFD, outFD, errFD].filter { $0 >= 0 }.forEach { _ = close($0) }
    }

    /// Writes to the program's stdin (started with `stdin: .pipe`).
    public func write(_ text: String) throws {
        ioLock.lock(); defer { ioLock.unlock() }
        guard stdinFD >= 0 else { throw LabError.spawnFailed("stdin is not an open pipe") }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(stdinFD, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LabError.spawnFailed("write: \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Closes the program's stdin, so it reads EOF.
    public func closeStdin() {
        ioLock.lock(); defer { ioLock.unlock() }
        if stdinFD >= 0 { close(stdinFD); stdinFD = -1 }
    }

    /// Reads one line of stdout (without its newline); nil at EOF or when `timeout` passes.
    public func readLine(timeout: Double) -> String? {
        ioLock.lock(); defer { ioLock.unlock() }
        let deadline = monotonicNow() + timeout
        while true {
            if let nl = outBuffer.firstIndex(of: 10) {
                let line = String(decoding: outBuffer[..<nl], as: UTF8.self)
                outBuffer.removeSubrange(...nl)
                return line
            }
            if outEOF { return nil }
            let left = deadline - monotonicNow()
            if left <= 0 { return nil }
            pump(timeout: left)
        }
    }

    /// Waits for the program to end, collecting its output. When `timeout` passes first,
    /// the program's whole process group is killed and the result says `timedOut`.
    /// `.infinity` waits as long as it takes (for an interactive shell).
    public func wait(timeout: Double) -> LabRunResult {
        ioLock.lock(); defer { ioLock.unlock() }
        let deadline = monotonicNow() + timeout
        var timedOut = false
        while !(outEOF && errEOF) {
            let left = deadline - monotonicNow()
            if left <= 0 { timedOut = true; break }
            pump(timeout: left)
        }
        if !timedOut && timeout == .infinity {
            reapBlocking()
        } else if !timedOut {
            // Output closed; the program normally exits at once, but one may close
            // its stdout and go on, so the time limit still holds.
            while !reapNow() {
                if monotonicNow() >= deadline { timedOut = true; break }
                usleep(500)
            }
        }
        if timedOut { kill() }
        reapBlocking()
        stateLock.lock(); let raw = exitStatus ?? 0; stateLock.unlock()
        var result = LabRunResult(status: 0, signal: nil,
                                  stdout: String(decoding: outBuffer, as: UTF8.self),
                                  stderr: String(decoding: errBuffer, as: UTF8.self),
                                  timedOut: timedOut)
        if raw & 0x7f == 0 {
            result.status = (raw >> 8) & 0xff
        } else {
            result.signal = raw & 0x7f
            result.status = 128 + (raw & 0x7f)
        }
        outBuffer.removeAll(); errBuffer.removeAll()
        return result
    }

    /// Kills the program (its whole process group when it has one) with SIGKILL.
    ///
    /// The program's own children die first and it is given a moment to reap them.
    /// For `nsenter -p` this matters: its forked child lives in the lab's PID
    /// namespace, and if nsenter died first that child would be handed to this
    /// machine's PID 1, whose slow reaping then holds up the lab's teardown.
    /// The state lock is held throughout, so the PID cannot be reaped (and reused)
    /// while it is being signalled.
    public func kill() {
        stateLock.lock(); defer { stateLock.unlock() }
        guard !reapLocked() else { return }
        let children = LabProcInfo.children(of: pid)
        if !children.isEmpty {
            children.forEach { _ = Glibc.kill($0, SIGKILL) }
            let deadline = monotonicNow() + 1
            while !reapLocked() && monotonicNow() < deadline { usleep(200) }
        }
        if let g = processGroup { _ = Glibc.kill(-g, SIGKILL) }
        if exitStatus == nil { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// Collects the exit status if the process has ended; true once reaped.
    @discardableResult
    private func reapNow() -> Bool {
        stateLock.lock(); defer { stateLock.unlock() }
        return reapLocked()
    }

    private func reapLocked() -> Bool {
        if exitStatus != nil { return true }
        var st: Int32 = 0
        while true {
            let r = waitpid(pid, &st, WNOHANG)
            if r == pid { exitStatus = st; return true }
            if r < 0 && errno == EINTR { continue }
            if r < 0 { exitStatus = 0; return true }   // not our child any more
            return false
        }
    }

    /// Waits for the end without holding a lock (waitid with WNOWAIT leaves the
    /// zombie in place), then reaps it.
    private func reapBlocking() {
        while !reapNow() {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno != EINTR {
                reapNow()
                return
            }
        }
    }

    /// One poll over the open output pipes; appends what arrived.
    private func pump(timeout: Double) {
        var fds: [pollfd] = []
        if !outEOF { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
        if !errEOF { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
        if fds.isEmpty { return }
        let ms = Int32(max(0, min(timeout * 1000, 60_000)).rounded(.up))
        if poll(&fds, nfds_t(fds.count), ms) <= 0 { return }
        var chunk = [UInt8](repeating: 0, count: 65536)
        for p in fds where p.revents != 0 {
            let got = chunk.withUnsafeMutableBytes { read(p.fd, $0.baseAddress, $0.count) }
            if got < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if p.fd == outFD {
                if got <= 0 { outEOF = true } else { outBuffer += chunk[..<got] }
            } else {
                if got <= 0 { errEOF = true } else { errBuffer += chunk[..<got] }
            }
        }
    }
}

/// A pipe whose both ends are close-on-exec, so no other child inherits them.
private func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    guard c_pipe2(&fds, O_CLOEXEC) == 0 else {
        throw LabError.spawnFailed("pipe: \(String(cString: strerror(errno)))")
    }
    return (fds[0], fds[1])
}

/// pipe2 is not in Swift's Glibc module; pipe + fcntl would leave a moment in which a
/// child spawned by another thread inherits the descriptors.
@_silgen_name("pipe2")
private func c_pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// Writing to a pipe whose reader died must fail with EPIPE, not kill this process.
private let sigpipeIgnored: Bool = { signal(SIGPIPE, SIG_IGN); return true }()
private func ignoreSIGPIPE() { _ = sigpipeIgnored }

func monotonicNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
