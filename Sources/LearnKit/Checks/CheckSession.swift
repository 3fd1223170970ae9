import Foundation
import HostProcess

/// Grades an exercise file against a lesson's checks: builds the check program (cached by
/// content), runs it in the sandbox with a time limit, and reads its results from a channel of
/// its own. A check counts as passed only when the program reported it passed.
public struct CheckSession: Sendable {
    public let sources: LessonSources
    public let builder: ProgramBuilder
    public let sandbox: Sandbox
    public let language: Language
    /// The whole check program's time limit; each check gets half of it, so one hanging
    /// check is named and the others still run.
    public var timeLimit: Double = 10
    /// In CI a check that could not run counts as failed.
    public var notRunFails = false
    /// The environment lesson programs start from.
    public var environment = ProcessInfo.processInfo.environment

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
        switch try builder.build(files) {
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

    private func run(_ executable: URL, lesson: Lesson, into report: inout CheckReport) throws {
        let token = String((0..<32).map { _ in "0123456789abcdef".randomElement()! })
        var environment = LessonEnvironment(lesson: lesson, language: language, courseRoot: sources.location.root.path)
            .applied(to: environment)
        environment["LEARN_RESULT_FD"] = "3"
        environment["LEARN_CHECK_TIMEOUT"] = String(max(1, timeLimit / 2))
        var process = HostCommand([executable.path], environment: environment)
        process.stdin = .bytes(Array((token + "\n").utf8))
        process.channels = 1
        let launched = try LessonLauncher(sandbox: sandbox).run(process, for: lesson, timeLimit: timeLimit, outputCap: 256 * 1024)
        let outcome = launched.outcome
        report.notice = launched.notice
        let reader = ResultChannelReader(channel: outcome.channels.first ?? [], token: token)

        let words = Words(language)
        let missingReason: String
        switch outcome.termination {
        case .timedOut: missingReason = words.timeRanOut(Self.seconds(timeLimit))
        case .signalled(let signal): missingReason = words.checkProgramSignalled(signal)
        case .exited(let code): missingReason = words.checkProgramExited(code)
        }
        report.checks = reader.planned.map { plan in
            reader.results[plan.id] ?? CheckResult(id: plan.id, name: plan.name, status: .failed,
                                                   message: missingReason, output: "")
        }
        if reader.planned.isEmpty || !reader.finished {
            let stderr = outcome.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
            report.problem = missingReason + (stderr.isEmpty ? "" : "\n" + stderr)
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
