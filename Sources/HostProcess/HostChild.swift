import CHostProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a chunk of a child's output came from.
public enum HostStream: Sendable, Equatable {
    case stdout, stderr
    case channel(Int)
}

/// A running child (see `HostCommand`). Its output is read while it runs (`readLine`,
/// or `wait`, which streams chunks to a callback and keeps up to `outputCap` bytes of
/// each stream). Dropping the last reference ends it: no child outlives its handle
/// unnoticed, and none is left a zombie.
///
/// @unchecked Sendable: its mutable state is guarded by `ioLock` and `stateLock` (below),
/// except `outputCap`, which is set before the child is handed to another thread.
public final class HostChild: @unchecked Sendable {
    public let pid: pid_t
    /// The child's process group when it has one of its own.
    public let processGroup: pid_t?
    public let arguments: [String]
    /// The most bytes kept of stdout and of stderr; the rest is read and dropped.
    public var outputCap = 1 << 20

    private struct Stream {
        let fd: Int32
        let kind: Kind
        var open = true
        var buffer: [UInt8] = []
        var truncated = false
        enum Kind: Equatable { case stdout, stderr, channel(Int), status }
    }

    private let isolation: HostCommand.Isolation
    private let endsGroupWithChild: Bool
    private let foregroundTTY: Int32?
    /// The terminal's settings when a foreground child started, restored when it ends or stops.
    private let terminalSettings: termios?
    private var streams: [Stream] = []
    private var stdinFD: Int32 = -1
    /// How much of stdout `readLine` has handed out.
    private var consumed = 0
    /// The registry entry (a group, or -pid for a child in our group).
    private let registryEntry: pid_t
    /// From the supervisor: the program's pid (host fallback) and its wait status.
    private var programPID: pid_t?
    private var programStatus: Int32?
    private var exitStatus: Int32?
    private var statusBytes: [UInt8] = []
    /// `ioLock` guards the pipes and buffers (held while a read waits); `stateLock` the exit
    /// status, held only briefly, so `kill()` from another thread never waits for a read.
    private let ioLock = NSLock()
    private let stateLock = NSLock()

    public init(_ command: HostCommand) throws {
        ignoreSIGPIPE()
        arguments = command.arguments
        isolation = command.isolation
        endsGroupWithChild = command.endsGroupWithChild
        guard let path = HostChild.lookUp(command.arguments[0], environment: command.environment) else {
            throw LaunchError(program: command.arguments[0], code: ENOENT, stage: .lookup)
        }
        var childEnds: [Int32] = []
        var ours: [Int32] = []
        defer { childEnds.forEach { _ = close($0) } }
        func pipePair() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard hp_pipe_cloexec(&fds) == 0 else {
                let code = errno
                ours.forEach { _ = close($0) }
                throw LaunchError(program: "pipe", code: code, stage: .descriptors)
            }
            return (fds[0], fds[1])
        }
        var fds: [Int32] = []
        var streams: [Stream] = []
        switch command.stdin {
        case .null: fds.append(Int32(HP_FD_NULL))
        case .inherit: fds.append(Int32(HP_FD_INHERIT))
        case .pipe, .bytes:
            let p = try pipePair()
            childEnds.append(p.read); ours.append(p.write)
            fds.append(p.read)
            stdinFD = p.write
        }
        for (mode, kind) in [(command.stdout, Stream.Kind.stdout), (command.stderr, .stderr)] {
            switch mode {
            case .null: fds.append(Int32(HP_FD_NULL))
            case .inherit: fds.append(Int32(HP_FD_INHERIT))
            case .pipe:
                let p = try pipePair()
                childEnds.append(p.write); ours.append(p.read)
                fds.append(p.write)
                streams.append(Stream(fd: p.read, kind: kind))
            }
        }
        for index in 0..<command.channels {
            let p = try pipePair()
            childEnds.append(p.write); ours.append(p.read)
            fds.append(p.write)
            streams.append(Stream(fd: p.read, kind: .channel(index)))
        }
        var statusWrite: Int32 = -1
        if command.isolation != .none {
            let p = try pipePair()
            childEnds.append(p.write); ours.append(p.read)
            statusWrite = p.write
            streams.append(Stream(fd: p.read, kind: .status))
        }

        var group = command.group
        var tty: Int32 = -1
        if group == .foreground {
            if let terminal = HostChild.foregroundTerminal() { tty = terminal } else { group = .inherit }
        }
        // Read before the child starts: a pager may change them at once.
        var settings = termios()
        let settingsBefore: termios? = group == .foreground && tcgetattr(tty, &settings) == 0 ? settings : nil
        let limits = command.limits.map(HostChild.cLimit)
        let argv: [UnsafeMutablePointer<CChar>?] = command.arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = command.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        var stage: Int32 = 0
        let rc: Int32 = path.withCString { cPath in
            fds.withUnsafeBufferPointer { fdBuffer in
                limits.withUnsafeBufferPointer { limitBuffer in
                    argv.withUnsafeBufferPointer { argvBuffer in
                        envp.withUnsafeBufferPointer { envpBuffer in
                            var request = hp_spawn_request(
                                path: cPath, argv: argvBuffer.baseAddress, envp: envpBuffer.baseAddress,
                                fds: fdBuffer.baseAddress, fd_count: Int32(fdBuffer.count),
                                group: group == .inherit ? Int32(HP_GROUP_SAME) : group == .own ? Int32(HP_GROUP_OWN) : Int32(HP_GROUP_FOREGROUND),
                                tty_fd: tty, limits: limitBuffer.baseAddress, limit_count: Int32(limitBuffer.count),
                                isolation: command.isolation == .none ? Int32(HP_ISOLATE_NONE)
                                    : command.isolation == .privateNetwork ? Int32(HP_ISOLATE_NAMESPACES) : Int32(HP_ISOLATE_SUBREAPER),
                                status_fd: statusWrite)
                            return hp_spawn(&request, &child, &stage)
                        }
                    }
                }
            }
        }
        guard rc == 0 else {
            ours.forEach { _ = close($0) }
            throw LaunchError(program: command.arguments[0], code: rc, stage: LaunchError.Stage(rawValue: stage) ?? .exec)
        }
        pid = child
        processGroup = group == .inherit ? nil : child
        foregroundTTY = group == .foreground ? tty : nil
        terminalSettings = settingsBefore
        registryEntry = processGroup ?? -child   // hp_spawn registered it already, before signals could come
        for stream in streams { _ = hp_set_nonblocking(stream.fd) }
        self.streams = streams
        if case .bytes(let bytes) = command.stdin {
            // Written by a thread of its own, which then closes stdin: a pager may take its
            // time reading (or quit before the end, EPIPE), and nothing here waits for it.
            let fd = stdinFD
            stdinFD = -1
            Thread.detachNewThread {
                var rest = bytes[...]
                while !rest.isEmpty {
                    let n = rest.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    rest = rest.dropFirst(n)
                }
                close(fd)
            }
        }
    }

    deinit {
        if !reapNow() {
            kill()
            reapBlocking()
        }
        if stdinFD >= 0 { close(stdinFD) }
        for stream in streams where stream.open { close(stream.fd) }
    }

    // MARK: Input

    /// Writes to the child's stdin (started with `.pipe`).
    public func write(_ text: String) throws {
        ioLock.lock(); defer { ioLock.unlock() }
        guard stdinFD >= 0 else { throw LaunchError(program: arguments[0], code: EBADF, stage: .descriptors) }
        guard writeBytes(Array(text.utf8)[...]) else {
            throw LaunchError(program: arguments[0], code: errno, stage: .descriptors)
        }
    }

    @discardableResult
    private func writeBytes(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { Glibc.write(stdinFD, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            rest = rest.dropFirst(n)
        }
        return true
    }

    /// Closes the child's stdin, so it reads end of file.
    public func closeStdin() {
        ioLock.lock(); defer { ioLock.unlock() }
        if stdinFD >= 0 { close(stdinFD); stdinFD = -1 }
    }

    // MARK: Output

    /// The next line of stdout (without its newline); nil at end of file or when `timeout` passes.
    public func readLine(timeout: Double) -> String? {
        ioLock.lock(); defer { ioLock.unlock() }
        let deadline = MonotonicClock.now() + timeout
        guard let index = streams.firstIndex(where: { $0.kind == .stdout }) else { return nil }
        while true {
            let buffer = streams[index].buffer
            if let newline = buffer[consumed...].firstIndex(of: 10) {
                let line = String(decoding: buffer[consumed..<newline], as: UTF8.self)
                consumed = newline + 1
                return line
            }
            if !streams[index].open { return nil }
            let left = deadline - MonotonicClock.now()
            if left <= 0 { return nil }
            pump(timeout: left, onOutput: nil)
        }
    }

    /// Waits for the child to end, collecting (and streaming to `onOutput`) its output (stdout
    /// from where `readLine` left off). When
    /// `timeout` seconds pass first, everything it started is killed and the outcome says
    /// `.timedOut`. `.infinity` waits as long as it takes.
    public func wait(timeout: Double = .infinity,
                     onOutput: ((HostStream, [UInt8]) -> Void)? = nil) -> HostOutcome {
        let start = MonotonicClock.now()
        return wait(deadline: { start + timeout }, onOutput: onOutput)
    }

    /// The same, with a deadline asked for again on every wake-up (a check run's deadline
    /// grows as its plan arrives).
    public func wait(deadline: () -> Double, onOutput: ((HostStream, [UInt8]) -> Void)? = nil) -> HostOutcome {
        ioLock.lock(); defer { ioLock.unlock() }
        if let tty = foregroundTTY { return waitInForeground(tty) }
        var timedOut = false
        while streams.contains(where: { $0.open }) {
            let left = deadline() - MonotonicClock.now()
            if left <= 0 { timedOut = true; break }
            pump(timeout: left, onOutput: onOutput)
        }
        if !timedOut {
            // Output closed; the child normally ends at once, but one may close its output
            // and go on, so the time limit still holds.
            while !hasEnded() {
                if deadline() == .infinity { break }
                if MonotonicClock.now() >= deadline() { timedOut = true; break }
                usleep(500)
            }
        }
        if timedOut { kill() }
        endGroupAndReap()
        return outcome(timedOut: timedOut)
    }

    private func outcome(timedOut: Bool) -> HostOutcome {
        stateLock.lock(); let raw = programStatus ?? exitStatus ?? 0; stateLock.unlock()
        var result = HostOutcome(termination: timedOut ? .timedOut
                                 : raw & 0x7f == 0 ? .exited((raw >> 8) & 0xff) : .signalled(raw & 0x7f))
        for stream in streams {
            switch stream.kind {
            // What readLine handed out already is not repeated.
            case .stdout: result.stdout = Array(stream.buffer[consumed...]); result.stdoutTruncated = stream.truncated
            case .stderr: result.stderr = stream.buffer; result.stderrTruncated = stream.truncated
            case .channel(let i):
                while result.channels.count <= i { result.channels.append([]) }
                result.channels[i] = stream.buffer
            case .status: break
            }
        }
        return result
    }

    /// One poll over the open pipes; appends what arrived.
    private func pump(timeout: Double, onOutput: ((HostStream, [UInt8]) -> Void)?) {
        let open = streams.indices.filter { streams[$0].open }
        if open.isEmpty { return }
        var fds = open.map { pollfd(fd: streams[$0].fd, events: Int16(POLLIN), revents: 0) }
        let ms = Int32(max(0, min(timeout * 1000, 60_000)).rounded(.up))
        if poll(&fds, nfds_t(fds.count), ms) <= 0 { return }
        var chunk = [UInt8](repeating: 0, count: 65536)
        for (slot, entry) in zip(open, fds) where entry.revents != 0 {
            while streams[slot].open {
                let got = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if got < 0 && errno == EINTR { continue }
                if got < 0 && errno == EAGAIN { break }
                if got <= 0 {
                    streams[slot].open = false
                    close(entry.fd)
                    break
                }
                let bytes = Array(chunk[..<got])
                let kind = streams[slot].kind
                switch kind {
                case .status:
                    takeStatus(bytes)
                    continue
                case .stdout: onOutput?(.stdout, bytes)
                case .stderr: onOutput?(.stderr, bytes)
                case .channel(let i): onOutput?(.channel(i), bytes)
                }
                let cap = kind == .stdout || kind == .stderr ? outputCap : 16 << 20
                let room = max(0, cap - streams[slot].buffer.count)
                streams[slot].buffer += bytes.prefix(room)
                if bytes.count > room { streams[slot].truncated = true }
                if got < chunk.count { break }
            }
        }
    }

    /// The supervisor's records: the program's pid, then its wait status.
    private func takeStatus(_ bytes: [UInt8]) {
        statusBytes += bytes
        while statusBytes.count >= 8 {
            let kind = statusBytes[0..<4].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
            let value = statusBytes[4..<8].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
            statusBytes.removeFirst(8)
            stateLock.lock()
            if kind == Int32(HP_STATUS_PROGRAM_PID) { programPID = value }
            if kind == Int32(HP_STATUS_WAIT_STATUS) { programStatus = value }
            stateLock.unlock()
        }
    }

    // MARK: Ending

    /// Kills the child and everything it started, with SIGKILL.
    ///
    /// The child's own children die first and it is given a moment to reap them. For
    /// `nsenter -p` this matters: its forked child lives in the lab's PID namespace, and if
    /// nsenter died first that child would be handed to this machine's PID 1, whose slow
    /// reaping then holds up the lab's teardown. For a supervised program the program's
    /// group goes first, so the supervisor can still sweep up what it left.
    public func kill() {
        stateLock.lock(); defer { stateLock.unlock() }
        guard !reapLocked() else { return }
        if isolation == .supervised, let program = programPID {
            _ = Glibc.kill(-program, SIGKILL)
            _ = Glibc.kill(program, SIGKILL)
            waitForEnd(seconds: 1)
        }
        let children = HostChild.children(of: pid)
        if exitStatus == nil, !children.isEmpty {
            children.forEach { _ = Glibc.kill($0, SIGKILL) }
            waitForEnd(seconds: 1)
        }
        if let group = processGroup { _ = Glibc.kill(-group, SIGKILL) }
        if exitStatus == nil { _ = Glibc.kill(pid, SIGKILL) }
    }

    private func waitForEnd(seconds: Double) {
        let deadline = MonotonicClock.now() + seconds
        while !endedLocked() && MonotonicClock.now() < deadline { usleep(200) }
    }

    /// True once the child has ended (it may still be a zombie, holding its pid and group).
    private func hasEnded() -> Bool {
        stateLock.lock(); defer { stateLock.unlock() }
        return endedLocked()
    }

    private func endedLocked() -> Bool {
        if exitStatus != nil { return true }
        var info = siginfo_t()
        while true {
            let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if r < 0 && errno == EINTR { continue }
            if r < 0 { return true }
            return info._sifields._sigchld.si_pid == pid
        }
    }

    /// Waits for the end; then, while the zombie still holds the group's id, kills whatever
    /// else is left in its group (a forked check whose parent died), and reaps.
    private func endGroupAndReap() {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
        stateLock.lock()
        let endGroup = exitStatus == nil && endsGroupWithChild ? processGroup : nil
        if let group = endGroup { _ = Glibc.kill(-group, SIGKILL) }
        stateLock.unlock()
        reapBlocking()
        // A SIGKILLed process takes a moment to go: wait (at most a second) until none of
        // the group runs, so nothing of it is there when this returns.
        if let group = endGroup {
            let deadline = MonotonicClock.now() + 1
            while Glibc.kill(-group, 0) == 0 && MonotonicClock.now() < deadline { usleep(1000) }
        }
    }

    @discardableResult
    private func reapNow() -> Bool {
        stateLock.lock(); defer { stateLock.unlock() }
        return reapLocked()
    }

    private func reapLocked() -> Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { exitStatus = status; hp_children_remove(registryEntry); return true }
            if r < 0 && errno == EINTR { continue }
            if r < 0 { exitStatus = 0; hp_children_remove(registryEntry); return true }   // not our child any more
            return false
        }
    }

    /// Waits without holding a lock (waitid with WNOWAIT leaves the zombie), then reaps.
    private func reapBlocking() {
        while !reapNow() {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno != EINTR {
                reapNow()
                return
            }
        }
    }

    // MARK: Foreground mode

    /// Waits for a foreground child, giving the terminal back to our group whenever the
    /// child stops or ends (see `HostCommand.Group.foreground`).
    private func waitInForeground(_ tty: Int32) -> HostOutcome {
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WUNTRACED)
            if r < 0 && errno == EINTR { continue }
            if r < 0 { status = 0; break }
            if status & 0xff == 0x7f {
                // Stopped (Ctrl-Z): the terminal comes back to us, in our settings, and we stop
                // too, so the shell sees its job stopped; on `fg` the child gets the terminal
                // and its own settings back, and goes on (as shells do for a job).
                // The child may be a shell whose program (a pager) is still handling its
                // SIGTSTP, putting the terminal back: the terminal is taken only once the whole
                // group has stopped, as shells wait for every process of a job.
                HostChild.waitUntilStopped(group: pid, seconds: 2)
                var childSettings = termios()
                let saved = tcgetattr(tty, &childSettings) == 0
                _ = hp_give_terminal(tty, getpgrp())
                if var ours = terminalSettings { _ = tcsetattr(tty, TCSADRAIN, &ours) }
                repeat { _ = Glibc.kill(getpid(), SIGSTOP) } while tcgetpgrp(tty) != getpgrp()
                if saved { _ = tcsetattr(tty, TCSADRAIN, &childSettings) }
                _ = hp_give_terminal(tty, pid)
                _ = Glibc.kill(-pid, SIGCONT)
                continue
            }
            break
        }
        _ = hp_give_terminal(tty, getpgrp())
        // A child killed in raw mode (a pager ended by SIGKILL) cannot restore the terminal:
        // the settings it was started with come back.
        if var ours = terminalSettings { _ = tcsetattr(tty, TCSADRAIN, &ours) }
        close(tty)
        stateLock.lock()
        exitStatus = status
        hp_children_remove(registryEntry)
        stateLock.unlock()
        return outcome(timedOut: false)
    }

    /// Waits (at most `seconds`) until no process of process group `group` is running.
    static func waitUntilStopped(group: pid_t, seconds: Double) {
        let deadline = MonotonicClock.now() + seconds
        while MonotonicClock.now() < deadline {
            let running = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).contains { entry in
                guard Int32(entry) != nil, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                      let close = stat.lastIndex(of: ")") else { return false }
                // After the command's closing parenthesis: state, ppid, pgrp.
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                guard fields.count > 2, pid_t(fields[2]) == group else { return false }
                return !["T", "t", "Z", "X"].contains(String(fields[0]))
            }
            if !running { return }
            usleep(2000)
        }
    }

    /// A descriptor on the terminal when our group is its foreground group.
    private static func foregroundTerminal() -> Int32? {
        for fd: Int32 in [0, 1, 2] where isatty(fd) == 1 && tcgetpgrp(fd) == getpgrp() {
            let copy = fcntl(fd, F_DUPFD_CLOEXEC, 3)
            return copy >= 0 ? copy : nil
        }
        return nil
    }

    // MARK: Helpers

    /// `name` itself when it has a slash, else the first executable file of that name in
    /// the child's PATH (or ours).
    static func lookUp(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return name }
        let path = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (dir.isEmpty ? "." : String(dir)) + "/" + name
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    /// The pids of `pid`'s children (/proc/PID/task/PID/children).
    public static func children(of pid: pid_t) -> [pid_t] {
        var out = [pid_t](repeating: 0, count: 1024)
        let n = hp_children_of(pid, &out, Int32(out.count))
        return n > 0 ? Array(out[..<Int(n)]) : []
    }

    private static func cLimit(_ limit: HostCommand.ResourceLimit) -> hp_limit {
        switch limit {
        case .fileSize(let bytes): return hp_limit(resource: Int32(HP_RLIMIT_FSIZE), soft: bytes, hard: bytes)
        case .addressSpace(let bytes): return hp_limit(resource: Int32(HP_RLIMIT_AS), soft: bytes, hard: bytes)
        case .cpuTime(let seconds): return hp_limit(resource: Int32(HP_RLIMIT_CPU), soft: seconds, hard: seconds + 1)
        case .noCoreFiles: return hp_limit(resource: Int32(HP_RLIMIT_CORE), soft: 0, hard: 0)
        }
    }
}

extension HostCommand {
    /// Starts the command, feeds its input, drains its output (streamed to `onOutput` as it
    /// comes, `outputCap` bytes of each stream kept), waits at most `timeLimit` seconds and
    /// returns what it did. Throws `StopSignals.Stopped` when SIGINT/SIGTERM came meanwhile
    /// (the child was killed by then), `LaunchError` when it could not start.
    public func run(timeLimit: Double = .infinity, outputCap: Int = 1 << 20,
                    onOutput: ((HostStream, [UInt8]) -> Void)? = nil) throws -> HostOutcome {
        let start = MonotonicClock.now()
        return try run(deadline: { start + timeLimit }, outputCap: outputCap, onOutput: onOutput)
    }

    /// The same, with a deadline asked for again on every wake-up (a check run's grows as
    /// its plan arrives).
    public func run(deadline: () -> Double, outputCap: Int = 1 << 20,
                    onOutput: ((HostStream, [UInt8]) -> Void)? = nil) throws -> HostOutcome {
        try StopSignals.throwIfReceived()
        let child = try HostChild(self)
        child.outputCap = outputCap
        let outcome = child.wait(deadline: deadline, onOutput: onOutput)
        try StopSignals.throwIfReceived()
        return outcome
    }
}

/// Writing to a pipe whose reader died must fail with EPIPE, not kill this process.
private let sigpipeIgnored: Bool = { signal(SIGPIPE, SIG_IGN); return true }()
private func ignoreSIGPIPE() { _ = sigpipeIgnored }
