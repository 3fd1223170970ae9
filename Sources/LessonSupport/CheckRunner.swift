import Glibc

extension Harness {
    /// What became of one check.
    struct Outcome {
        enum Status: String { case passed, failed, notRun = "not-run" }
        let status: Status
        let message: String
    }

    /// Runs every check, each in a forked child of its own: the learner's code may crash,
    /// hang or print without end, and that fails only the check it happened in.
    static func runChecks(_ checks: [Check]) -> Never {
        let channel = ResultChannel()
        channel.plan(checks)
        // `learn` decided, before starting this program, that its learner code must not run
        // here (it sends multicast or broadcast and there is no private network): every check
        // is reported not run, and none is started.
        if let reason = environment("LEARN_NOT_RUN") {
            for check in checks { channel.result(check, Outcome(status: .notRun, message: reason), output: "") }
            channel.finish()
            exit(0)
        }
        // The lesson's servers (LEARN_SERVERS) start once, here, before any check is forked.
        startDeclaredServers()
        let limit = environmentSeconds("LEARN_CHECK_TIMEOUT") ?? 5
        for check in checks {
            let (outcome, output) = runIsolated(check, timeLimit: limit, channel: channel)
            channel.result(check, outcome, output: output)
        }
        channel.finish()
        exit(0)
    }

    static func environmentSeconds(_ name: String) -> Double? {
        guard let raw = getenv(name), let value = Double(String(cString: raw)), value > 0 else { return nil }
        return value
    }

    /// The most of the learner's output kept per check; the rest is drained and dropped.
    static let outputCap = 64 * 1024

    /// A fresh secret for one check: its verdict counts only when it carries it. Learner code
    /// writing result-shaped bytes blindly to every descriptor cannot know it.
    static func nonce() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<32).map { _ in digits[Int(generator.next() % 16)] })
    }

    private static func runIsolated(_ check: Check, timeLimit: Double, channel: ResultChannel) -> (Outcome, String) {
        let nonce = Harness.nonce()
        var outputPipe: [Int32] = [0, 0]
        var verdictPipe: [Int32] = [0, 0]
        guard pipe(&outputPipe) == 0, pipe(&verdictPipe) == 0 else {
            return (Outcome(status: .failed, message: "pipe: \(String(cString: strerror(errno)))"), "")
        }
        fflush(stdout)
        let pid = fork()
        if pid == 0 {
            // The child: stdout and stderr into the capture pipe, the verdict on a pipe of its
            // own. It stays in the program's process group, which `learn` kills when the program
            // ends or runs out of time, so nothing the learner's code started outlives the run
            // (a group of its own would escape that kill, and spin on after a hang).
            close(outputPipe[0]); close(verdictPipe[0])
            // The result channel to `learn` is the parent's alone: nothing in the child can write it.
            channel.closeInCheck()
            dup2(outputPipe[1], 1); dup2(outputPipe[1], 2); close(outputPipe[1])
            // A program the check starts (a role on another lab host) must not hold the verdict
            // pipe open: the parent reads it to its end.
            _ = fcntl(verdictPipe[1], F_SETFD, FD_CLOEXEC)
            let verdict = verdictOf(check)
            fflush(stdout)
            writeAll(verdictPipe[1], Array((nonce + "\n" + verdict).utf8))
            _exit(0)
        }
        close(outputPipe[1]); close(verdictPipe[1])
        if pid < 0 {
            close(outputPipe[0]); close(verdictPipe[0])
            return (Outcome(status: .failed, message: "fork: \(String(cString: strerror(errno)))"), "")
        }
        let collected = collect(output: outputPipe[0], verdict: verdictPipe[0], child: pid, timeLimit: timeLimit)
        close(outputPipe[0]); close(verdictPipe[0])
        var output = String(decoding: collected.output, as: UTF8.self)
        // The runtime's stack trace after a fatal error means nothing to a learner.
        if let trace = output.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex(where: { $0.hasPrefix("Current stack trace:") }) {
            output = output.split(separator: "\n", omittingEmptySubsequences: false)[..<trace].joined(separator: "\n") + "\n"
        }
        return (interpret(collected, nonce: nonce, output: output, timeLimit: timeLimit), output)
    }

    /// Encodes the check's verdict as one letter (P, F, N) and the message.
    private static func verdictOf(_ check: Check) -> String {
        do {
            try check.run()
            return "P"
        } catch let failure as Failure {
            return "F" + failure.message.string
        } catch let notRun as NotRun {
            return "N" + notRun.reason.string
        } catch {
            return "F" + Text("The check stopped on an unexpected error: \(error).",
                              ko: "예상하지 못한 오류로 검사가 멈췄습니다: \(error).").string
        }
    }

    private struct Collected {
        var output: [UInt8] = []
        var verdict: [UInt8] = []
        var status: Int32 = 0
        var timedOut = false
    }

    /// Drains both pipes while the child runs; kills its process group at the time limit.
    private static func collect(output: Int32, verdict: Int32, child: pid_t, timeLimit: Double) -> Collected {
        var result = Collected()
        let deadline = monotonicSeconds() + timeLimit
        var open: [Int32] = [output, verdict]
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while !open.isEmpty {
            let remaining = deadline - monotonicSeconds()
            if remaining <= 0 {
                result.timedOut = true
                kill(child, SIGKILL)
                break
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000 + 1, 1000)))
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                let n = read(entry.fd, &buffer, buffer.count)
                if n <= 0 {
                    open.removeAll { $0 == entry.fd }
                } else if entry.fd == output {
                    let room = max(0, outputCap - result.output.count)
                    result.output.append(contentsOf: buffer[0..<min(n, room)])
                } else {
                    let room = max(0, outputCap - result.verdict.count)
                    result.verdict.append(contentsOf: buffer[0..<min(n, room)])
                }
            }
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        result.status = status
        return result
    }

    /// A verdict counts only when it is exactly what the harness writes (this check's nonce,
    /// a newline, a letter and the message) and the child then exited normally (status 0).
    private static func interpret(_ collected: Collected, nonce: String, output: String, timeLimit: Double) -> Outcome {
        if collected.timedOut {
            let seconds = timeLimit == timeLimit.rounded() ? String(Int(timeLimit)) : String(timeLimit)
            return Outcome(status: .failed, message: Text(
                "Timed out: the check did not finish within \(seconds) s. Look for a call that waits forever (a blocking recvfrom, an endless loop).",
                ko: "시간 초과: 검사가 \(seconds)초 안에 끝나지 않았습니다. 영원히 기다리는 호출(블로킹 recvfrom, 끝없는 반복)이 있는지 보세요.").string)
        }
        let exitedNormally = collected.status & 0x7f == 0 && (collected.status >> 8) & 0xff == 0
        let prefix = Array((nonce + "\n").utf8)
        let sealed = collected.verdict.count > prefix.count && Array(collected.verdict.prefix(prefix.count)) == prefix
        if exitedNormally && sealed {
            let body = String(decoding: collected.verdict.dropFirst(prefix.count), as: UTF8.self)
            let message = String(body.dropFirst())
            switch body.first {
            case "P" where message.isEmpty: return Outcome(status: .passed, message: "")
            case "F": return Outcome(status: .failed, message: message)
            case "N": return Outcome(status: .notRun, message: message)
            default: break
            }
        }
        if exitedNormally && !collected.verdict.isEmpty {
            return Outcome(status: .failed, message: Text(
                "Something in your code wrote to the pipe this check reports its result on, so the result does not count.",
                ko: "코드의 무언가가 이 검사의 결과를 보고하는 파이프에 썼기 때문에 결과를 인정하지 않습니다.").string)
        }
        return Outcome(status: .failed, message: crashDescription(status: collected.status, output: output))
    }

    /// Explains a child that ended without a verdict: the Swift runtime's "Fatal error" line
    /// when there is one (a TODO left in the starter, a force-unwrapped nil), and the signal.
    private static func crashDescription(status: Int32, output: String) -> String {
        let fatal = output.split(separator: "\n").lazy.compactMap { fromMarker("Fatal error", in: String($0)) }.first
        let signal = status & 0x7f
        var how: Text
        if let limit = limitHit(signal: signal, output: output) {
            return limit.string
        } else if signal != 0 {
            let name = signalName(signal)
            how = Text("Your code crashed (\(name)).", ko: "코드가 비정상 종료했습니다 (\(name)).")
        } else {
            let code = (status >> 8) & 0xff
            how = Text("Your code ended the program (exit status \(code)) before the check finished.",
                       ko: "검사가 끝나기 전에 코드가 프로그램을 끝냈습니다 (종료 상태 \(code)).")
        }
        guard let fatal else { return how.string }
        return how.string + " " + fatal
    }

    /// The resource limit that ended the check, in plain words (see LearnKit's Limits).
    static func limitHit(signal: Int32, output: String) -> Text? {
        switch signal {
        case SIGXFSZ:
            let size = sizeText(environmentNumber("LEARN_LIMIT_FILE_SIZE") ?? 256 << 20)
            return Text("Your code wrote more than \(size) to a file, the most a lesson program may write; the check was stopped there.",
                        ko: "코드가 파일에 \(size)보다 많이 썼습니다. 레슨 프로그램이 쓸 수 있는 최대치라 검사를 거기서 멈췄습니다.")
        case SIGXCPU:
            let seconds = environmentNumber("LEARN_LIMIT_CPU_SECONDS").map { " (\($0) s)" } ?? ""
            return Text("Your code used more processor time than a lesson program may\(seconds); look for a loop that never ends.",
                        ko: "코드가 레슨 프로그램에 허용된 것보다 많은 CPU 시간을 썼습니다\(seconds). 끝나지 않는 반복이 있는지 보세요.")
        default:
            // Past the address-space limit an allocation fails, and the Swift runtime stops.
            guard signal != 0, ["failed to allocate", "Could not allocate memory", "Out of memory", "std::bad_alloc"]
                    .contains(where: output.contains) else { return nil }
            let size = sizeText(environmentNumber("LEARN_LIMIT_ADDRESS_SPACE") ?? 2 << 30)
            return Text("Your code used more than \(size) of memory, the most a lesson program may use; the check was stopped there.",
                        ko: "코드가 메모리를 \(size)보다 많이 썼습니다. 레슨 프로그램이 쓸 수 있는 최대치라 검사를 거기서 멈췄습니다.")
        }
    }

    static func environmentNumber(_ name: String) -> UInt64? {
        guard let raw = getenv(name) else { return nil }
        return UInt64(String(cString: raw))
    }

    static func sizeText(_ bytes: UInt64) -> String {
        bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? "\(bytes >> 30) GiB" : "\(bytes >> 20) MiB"
    }

    /// The text of `line` from the first `marker` on (the Swift runtime prefixes a file path).
    private static func fromMarker(_ marker: String, in line: String) -> String? {
        let characters = Array(line), wanted = Array(marker)
        guard characters.count >= wanted.count else { return nil }
        for start in 0...(characters.count - wanted.count) where Array(characters[start..<start + wanted.count]) == wanted {
            return String(characters[start...])
        }
        return nil
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: return "SIGILL"
        case SIGTRAP: return "SIGTRAP"
        case SIGABRT: return "SIGABRT"
        case SIGSEGV: return "SIGSEGV"
        case SIGBUS: return "SIGBUS"
        case SIGFPE: return "SIGFPE"
        case SIGKILL: return "SIGKILL"
        case SIGPIPE: return "SIGPIPE"
        case SIGTERM: return "SIGTERM"
        case SIGXFSZ: return "SIGXFSZ"
        case SIGXCPU: return "SIGXCPU"
        default: return "signal \(signal)"
        }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }
}
