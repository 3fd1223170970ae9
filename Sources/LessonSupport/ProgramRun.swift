import Glibc

extension Harness {
    /// What a program run by `runProgram` (or a finished `Program`) did.
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
        try Program(arguments).finish(timeLimit: timeLimit)
    }

    /// A program running beside the check: its output can be read line by line while it runs
    /// (a member that says "ready" before the check sends), then it is finished.
    final class Program {
        let pid: pid_t
        private var outputFD: Int32
        private var errorFD: Int32
        private var output: [UInt8] = []
        private var errorOutput: [UInt8] = []
        /// How much of `output` readLine has handed out already.
        private var consumed = 0
        private var result: ProgramResult?

        init(_ arguments: [String]) throws {
            precondition(!arguments.isEmpty, "Program needs a program")
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
            var child: pid_t = 0
            let spawned = posix_spawn(&child, arguments[0], &actions, nil, &argv, environ)
            close(outputPipe[1]); close(errorPipe[1])
            guard spawned == 0 else {
                close(outputPipe[0]); close(errorPipe[0])
                throw OSError(call: "posix_spawn(\(arguments[0]))", code: spawned)
            }
            pid = child
            outputFD = outputPipe[0]
            errorFD = errorPipe[0]
        }

        deinit {
            if result == nil {
                kill(pid, SIGKILL)
                _ = try? finish(timeLimit: 1)
            }
        }

        /// The next line of the program's stdout, without its newline; nil when the program
        /// ended without one or `timeout` seconds passed.
        func readLine(timeout: Double) -> String? {
            let deadline = monotonicSeconds() + timeout
            while true {
                if let newline = output[consumed...].firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: output[consumed..<newline], as: UTF8.self)
                    consumed = newline + 1
                    return line
                }
                let left = deadline - monotonicSeconds()
                if left <= 0 || (outputFD < 0 && errorFD < 0) { return nil }
                pump(until: deadline, stopAtOutput: true)
            }
        }

        /// Waits for the program to end (killing it at `timeLimit`) and returns what it did.
        func finish(timeLimit: Double) throws -> ProgramResult {
            if let result { return result }
            let deadline = monotonicSeconds() + timeLimit
            pump(until: deadline, stopAtOutput: false)
            let timedOut = outputFD >= 0 || errorFD >= 0
            if timedOut {
                kill(pid, SIGKILL)
                for fd in [outputFD, errorFD] where fd >= 0 { close(fd) }
                outputFD = -1; errorFD = -1
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let exited = status & 0x7f == 0
            let done = ProgramResult(exitStatus: exited && !timedOut ? (status >> 8) & 0xff : nil, timedOut: timedOut,
                                     output: output, errorOutput: errorOutput)
            result = done
            return done
        }

        /// Reads both pipes until they close or the deadline passes; with `stopAtOutput`, as
        /// soon as something arrived on stdout.
        private func pump(until deadline: Double, stopAtOutput: Bool) {
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            while outputFD >= 0 || errorFD >= 0 {
                let left = deadline - monotonicSeconds()
                if left <= 0 { return }
                let open = [outputFD, errorFD].filter { $0 >= 0 }
                var entries = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                let ready = poll(&entries, nfds_t(entries.count), Int32(min(left * 1000 + 1, 1000)))
                if ready < 0 && errno != EINTR { return }
                var gotOutput = false
                for entry in entries where entry.revents != 0 {
                    let n = read(entry.fd, &buffer, buffer.count)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 {
                        close(entry.fd)
                        if entry.fd == outputFD { outputFD = -1 } else { errorFD = -1 }
                    } else if entry.fd == outputFD {
                        output.append(contentsOf: buffer[0..<n])
                        gotOutput = true
                    } else {
                        errorOutput.append(contentsOf: buffer[0..<n])
                    }
                }
                if stopAtOutput && gotOutput { return }
            }
        }
    }
}
