import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a child process in a process group of its own, with its output drained
/// while it runs, capped, and a time limit after which the whole group is killed.
///
/// Foundation's Process cannot give the child an extra descriptor (the check programs report
/// on one) nor its own process group, so this is posix_spawn directly.
public struct ChildProcess {
    public var arguments: [String]
    public var environment: [String: String]
    /// Bytes written to the child's stdin, which is then closed.
    public var input: [UInt8] = []
    /// Seconds until the child's process group is killed; nil for no limit.
    public var timeLimit: Double?
    /// The most bytes of stdout and of stderr kept; the rest is read and dropped.
    public var outputCap = 1 << 20
    /// When set, stdout and stderr chunks are handed here as they arrive (a demo streams its output).
    public var onOutput: ((OutputStream, [UInt8]) -> Void)?
    /// Give the child a pipe as descriptor 3 and collect what it writes there (the check channel).
    public var collectsResultChannel = false

    public enum OutputStream { case stdout, stderr }

    public init(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.arguments = arguments
        self.environment = environment
    }

    public struct Outcome {
        public enum Termination: Equatable {
            case exited(Int32)
            case signalled(Int32)
            case timedOut
        }
        public var termination: Termination
        public var stdout: [UInt8]
        public var stderr: [UInt8]
        public var channel: [UInt8]
        public var stdoutTruncated: Bool
        public var stderrTruncated: Bool
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
        public var succeeded: Bool { termination == .exited(0) }
    }

    public struct LaunchError: Error, CustomStringConvertible {
        public let program: String
        public let code: Int32
        public var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
    }

    public func run() throws -> Outcome {
        let pipes = try Pipes(channel: collectsResultChannel)
        let pid = try spawn(pipes)
        RunningChildren.shared.add(pid)
        defer { RunningChildren.shared.remove(pid) }
        pipes.closeChildEnds()
        pipes.feed(input)
        return drain(pipes, pid: pid)
    }

    private func spawn(_ pipes: Pipes) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes.stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, pipes.stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, pipes.stderr.write, 2)
        if let channel = pipes.channel { posix_spawn_file_actions_adddup2(&actions, channel.write, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A group of its own, so a time limit or Ctrl-C kills everything the child started;
        // default signal handling and an empty mask, whatever this process had.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else { throw LaunchError(program: arguments[0], code: status) }
        return pid
    }

    private func drain(_ pipes: Pipes, pid: pid_t) -> Outcome {
        var outcome = Outcome(termination: .exited(0), stdout: [], stderr: [], channel: [],
                              stdoutTruncated: false, stderrTruncated: false)
        let deadline = timeLimit.map { Clock.now() + $0 }
        var open: [Int32] = [pipes.stdout.read, pipes.stderr.read] + (pipes.channel.map { [$0.read] } ?? [])
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var timedOut = false
        while !open.isEmpty {
            var wait: Int32 = -1
            if let deadline {
                let left = deadline - Clock.now()
                if left <= 0 { timedOut = true; break }
                wait = Int32(min(left * 1000 + 1, 60_000))
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            for entry in fds where entry.revents != 0 {
                let n = read(entry.fd, &buffer, buffer.count)
                if n <= 0 { open.removeAll { $0 == entry.fd }; continue }
                let chunk = Array(buffer[0..<n])
                switch entry.fd {
                case pipes.stdout.read:
                    onOutput?(.stdout, chunk)
                    append(chunk, to: &outcome.stdout, truncated: &outcome.stdoutTruncated)
                case pipes.stderr.read:
                    onOutput?(.stderr, chunk)
                    append(chunk, to: &outcome.stderr, truncated: &outcome.stderrTruncated)
                default:
                    outcome.channel.append(contentsOf: chunk)
                }
            }
        }
        if timedOut {
            kill(-pid, SIGKILL)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Whatever the child left behind in its group (a forked check whose parent was killed)
        // goes too, and is gone when run() returns.
        ChildProcess.killGroup(pid)
        pipes.closeParentEnds()
        if timedOut {
            outcome.termination = .timedOut
        } else if status & 0x7f != 0 {
            outcome.termination = .signalled(status & 0x7f)
        } else {
            outcome.termination = .exited((status >> 8) & 0xff)
        }
        return outcome
    }

    /// Kills process group `group` and waits (at most a second) until none of it runs: a
    /// SIGKILLed process takes a moment to end, and orphans are reaped by init, not by us.
    static func killGroup(_ group: pid_t) {
        kill(-group, SIGKILL)
        var pause = timespec(tv_sec: 0, tv_nsec: 2_000_000)
        for _ in 0..<500 {
            if kill(-group, 0) != 0 && errno == ESRCH { return }
            nanosleep(&pause, nil)
        }
    }

    private func append(_ chunk: [UInt8], to store: inout [UInt8], truncated: inout Bool) {
        let room = outputCap - store.count
        if chunk.count <= room {
            store.append(contentsOf: chunk)
        } else {
            store.append(contentsOf: chunk.prefix(max(0, room)))
            truncated = true
        }
    }
}

enum Clock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
