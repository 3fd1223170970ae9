import Foundation
import Synchronization
import HostProcess

/// Grades an exercise file against a lesson's checks: builds the check program (cached by
/// content), runs it in the sandbox with a time limit, and reads its results from a channel of
/// its own. A check counts as passed only when the program reported it passed.
public struct CheckSession: Sendable {
    public let sources: LessonSources
    public var builder: ProgramBuilder
    public let sandbox: Sandbox
    public let language: Language
    /// Each check's own time limit, in seconds (`learn check --timeout`); the run's whole limit
    /// follows from the number of checks.
    public var timeLimit: Double = 5
    /// In CI a check that could not run counts as failed.
    public var notRunFails = false
    /// The environment lesson programs start from.
    public var environment = ProcessInfo.processInfo.environment
    /// When lessons are checked in parallel (see ParallelChecks): taken while the program
    /// builds, and while it runs.
    var buildSlots: DispatchSemaphore?
    var runSlots: DispatchSemaphore?

    public init(sources: LessonSources, builder: ProgramBuilder, sandbox: Sandbox, language: Language) {
        self.sources = sources
        self.builder = builder
        self.sandbox = sandbox
        self.language = language
    }

    public func willCompile(_ lesson: Lesson, exercise: URL) -> Bool {
        guard let files = try? sources.check(lesson, exercise: exercise) else { return true }
        return !builder.isCached(files)
    }

    public func check(_ lesson: Lesson, exercise: URL) throws -> CheckReport {
        var report = CheckReport(lesson: lesson.id, status: .failed, checks: [], compileErrors: [],
                                 contractMismatch: false, compilerOutput: nil, problem: nil, notice: nil)
        let files = try sources.check(lesson, exercise: exercise)
        buildSlots?.wait()
        let built = Result { try builder.build(files) }
        buildSlots?.signal()
        switch try built.get() {
        case .failed(let failure):
            let words = Words(language)
            report.compileErrors = failure.errors(in: exercise, words: words)
            report.compilerOutput = failure.output
            report.contractMismatch = !report.compileErrors.isEmpty
                && !report.compileErrors.contains { $0.file.hasSuffix(exercise.lastPathComponent) }
            if let limit = failure.timedOut {
                report.problem = words.compileTimedOut(Self.seconds(limit))
            } else if report.compileErrors.isEmpty {
                report.problem = failure.output
            } else if failure.omittedErrors > 0 {
                report.problem = words.moreCompileErrors(failure.omittedErrors)
            }
            return report
        case .built(let executable, _):
            runSlots?.wait()
            defer { runSlots?.signal() }
            try run(executable, lesson: lesson, into: &report)
        }
        let failed = report.checks.contains { $0.status == .failed || ($0.status == .notRun && notRunFails) }
        if report.checks.isEmpty || failed || report.problem != nil {
            report.status = .failed
        } else {
            report.status = report.notRunCount > 0 ? .incomplete : .passed
        }
        return report
    }

    /// Time for the program to start and its lesson's servers to come up, before any check.
    static let startAllowance = 15.0

    private func run(_ executable: URL, lesson: Lesson, into report: inout CheckReport) throws {
        let token = CheckSession.token()
        var environment = LessonEnvironment(lesson: lesson, language: language, courseRoot: sources.location.root.path)
            .applied(to: environment)
        environment["LEARN_RESULT_FD"] = "3"
        environment["LEARN_CHECK_TIMEOUT"] = String(timeLimit)
        var process = HostCommand([executable.path], environment: environment)
        process.stdin = .bytes(Array((token + "\n").utf8))
        process.channels = 1
        // Each check has its own limit (the harness enforces it); the run's whole limit grows
        // with the number of checks planned so far, so one hang never eats another's time.
        // The output callback and the deadline may run on different threads: shared in a Mutex.
        final class Progress: Sendable {
            private let state = Mutex<(channel: [UInt8], planned: Int)>(([], 0))
            func add(_ bytes: [UInt8], token: String) {
                state.withLock {
                    $0.channel += bytes
                    $0.planned = ResultChannelReader.plannedCount(in: $0.channel, token: token)
                }
            }
            var planned: Int { state.withLock { $0.planned } }
        }
        let progress = Progress(), start = MonotonicClock.now(), perCheck = timeLimit + 1
        let deadline = { start + CheckSession.startAllowance + Double(max(1, progress.planned)) * perCheck }
        let launched = try LessonLauncher(sandbox: sandbox, language: language)
            .run(process, .check, for: lesson, deadline: deadline, cpuSeconds: perCheck, outputCap: 256 * 1024) { stream, bytes in
                guard stream == .channel(0) else { return }
                progress.add(bytes, token: token)
            }
        let outcome = launched.outcome ?? HostOutcome(termination: .exited(0))
        report.notice = launched.notice
        let reader = ResultChannelReader(channel: outcome.channels.first ?? [], token: token)

        let words = Words(language)
        let missingReason: String
        switch outcome.termination {
        case .timedOut: missingReason = words.timeRanOut(Self.seconds((deadline() - start).rounded()))
        case .signalled(SIGXFSZ): missingReason = words.fileSizeLimitHit("\(Limits.fileSize >> 20) MiB")
        case .signalled(SIGXCPU): missingReason = words.cpuLimitHit(Self.seconds(perCheck.rounded(.up)))
        case .signalled(let signal): missingReason = words.checkProgramSignalled(signal)
        case .exited(let code): missingReason = words.checkProgramExited(code)
        }
        // A result counts only from a run that ended as the harness ends one: every record in
        // order, `done`, exit status 0. A program killed by a signal reports nothing as passed.
        let whole = reader.broken == nil && reader.finished && outcome.termination == .exited(0)
        report.checks = reader.planned.map { plan in
            let failed = CheckResult(id: plan.id, name: plan.name, status: .failed, message: missingReason, output: "")
            if let broken = reader.broken {
                return CheckResult(id: plan.id, name: plan.name, status: .failed, message: words.resultsBroken(broken), output: "")
            }
            guard let result = reader.results[plan.id] else { return failed }
            return result.status == .passed && !whole ? failed : result
        }
        if let broken = reader.broken {
            report.problem = words.resultsBroken(broken)
        } else if reader.planned.isEmpty || !reader.finished {
            let stderr = outcome.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
            report.problem = missingReason + (stderr.isEmpty ? "" : "\n" + stderr)
        }
    }

    /// The run's secret: every record the harness writes on the channel starts with it.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<32).map { _ in digits[Int(generator.next() % 16)] })
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
