import Glibc

extension Harness {
    /// What a program run by `runProgram` did.
    struct ProgramResult {
        /// The exit status, or nil when a signal ended it (or the time limit did).
        let exitStatus: Int32?
        let timedOut: Bool
        let output: [UInt8]
        let errorOutput: [UInt8]

        var outputText: String { String(decoding: output, as: UTF8.self) }
        var errorText: String { String(decoding: errorOutput, as: UTF8.self) }
        var succeeded: Bool { exitStatus == 0 && !timedOut }
    }

    /// Runs `arguments[0]` (an absolute path; no PATH search) with the rest as its arguments,
    /// stdin from /dev/null, and captures stdout and stderr. Killed at `timeLimit` seconds.
    /// Throws OSError when it cannot be started (ENOENT: no such program).
    static func runProgram(_ arguments: [String], timeLimit: Double = 3) throws -> ProgramResult {
        precondition(!arguments.isEmpty, "runProgram needs a program")
        var outputPipe: [Int32] = [0, 0]
        var errorPipe: [Int32] = [0, 0]
        guard pipe(&outputPipe) == 0 else { throw OSError(call: "pipe", code: errno) }
        guard pipe(&errorPipe) == 0 else {
            let code = errno
            close(outputPipe[0]); close(outputPipe[1])
            throw OSError(call: "pipe", code: code)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        for fd in outputPipe + errorPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        close(outputPipe[1]); close(errorPipe[1])
        guard spawned == 0 else {
            close(outputPipe[0]); close(errorPipe[0])
            throw OSError(call: "posix_spawn(\(arguments[0]))", code: spawned)
        }

        var output: [UInt8] = [], errorOutput: [UInt8] = []
        var open = [outputPipe[0], errorPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var timedOut = false
        let deadline = monotonicSeconds() + timeLimit
        while !open.isEmpty {
            let left = deadline - monotonicSeconds()
            if left <= 0 {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            var entries = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&entries, nfds_t(entries.count), Int32(min(left * 1000 + 1, 1000)))
            if ready < 0 && errno != EINTR { break }
            for entry in entries where entry.revents != 0 {
                let n = read(entry.fd, &buffer, buffer.count)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    open.removeAll { $0 == entry.fd }
                } else if entry.fd == outputPipe[0] {
                    output.append(contentsOf: buffer[0..<n])
                } else {
                    errorOutput.append(contentsOf: buffer[0..<n])
                }
            }
        }
        close(outputPipe[0]); close(errorPipe[0])

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return ProgramResult(exitStatus: exited ? (status >> 8) & 0xff : nil, timedOut: timedOut,
                             output: output, errorOutput: errorOutput)
    }
}
