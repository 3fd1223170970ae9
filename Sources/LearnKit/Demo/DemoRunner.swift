import Foundation
import HostProcess

/// Builds a lesson's demo on top of the exercise's functions (the reference solution, or the
/// learner's own file) and runs it in the sandbox, streaming its output as it comes.
public struct DemoRunner {
    public let sources: LessonSources
    public let builder: ProgramBuilder
    public let sandbox: Sandbox
    public let language: Language
    public var timeLimit: Double = 30

    public init(sources: LessonSources, builder: ProgramBuilder, sandbox: Sandbox, language: Language) {
        self.sources = sources
        self.builder = builder
        self.sandbox = sandbox
        self.language = language
    }

    public enum Result {
        case finished
        case failedToBuild(BuildFailure)
        case failed(String)
        /// Killed by a signal of its own (a trap: a TODO left in, a force-unwrapped nil).
        case crashed(signal: Int32)
        /// Not started, and why (its code sends multicast and no private network can be made here).
        case notRun(String)
    }

    public func willCompile(_ lesson: Lesson, exercise: URL) -> Bool {
        guard let files = try? sources.demo(lesson, exercise: exercise) else { return true }
        return !builder.isCached(files)
    }

    public func run(_ lesson: Lesson, exercise: URL,
                    output: @escaping (HostStream, [UInt8]) -> Void) throws -> Result {
        switch try builder.build(try sources.demo(lesson, exercise: exercise)) {
        case .failed(let failure):
            return .failedToBuild(failure)
        case .built(let executable, _):
            let environment = LessonEnvironment(lesson: lesson, language: language, courseRoot: sources.location.root.path)
                .applied(to: ProcessInfo.processInfo.environment)
            let process = HostCommand([executable.path], environment: environment)
            let start = MonotonicClock.now()
            let launched = try LessonLauncher(sandbox: sandbox, language: language)
                .run(process, .demo, for: lesson, deadline: { start + timeLimit }, cpuSeconds: timeLimit + 1, onOutput: output)
            guard let outcome = launched.outcome else { return .notRun(launched.notRun ?? "") }
            switch outcome.termination {
            case .exited(0): return .finished
            case .exited(let code): return .failed(Words(language).demoExitStatus(code))
            case .signalled(let signal) where signal != SIGKILL && signal != SIGTERM && signal != SIGINT:
                return .crashed(signal: signal)
            case .signalled(let signal): return .failed(Words(language).demoSignal(signal))
            case .timedOut: return .failed(Words(language).demoStillRunning(Int(timeLimit)))
            }
        }
    }
}
