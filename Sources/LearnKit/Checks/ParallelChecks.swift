import Foundation

/// `learn check --all`: lessons built and checked at once, their reports handed back in the
/// course's order as soon as each and those before it are done.
///
/// As many builds at once as cores, and as many check programs; a lesson's run does not wait
/// for another's build. Compilers run at a lower priority (nice 10) meanwhile, so a check with
/// a deadline (a read that must give up within 0.45-1.0 s) gets the processor when it needs it
/// however busy the compilers beside it are: grading does not flake under the load it makes.
public struct ParallelChecks: Sendable {
    public var session: CheckSession
    /// Lessons building at once.
    public var builds: Int
    /// Check programs running at once.
    public var runs: Int

    public init(session: CheckSession, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.session = session
        builds = max(1, cores)
        runs = max(1, cores)
    }

    /// Checks each lesson's exercise; `deliver` is called on this thread, in order.
    public func run(_ lessons: [Lesson], exercise: @escaping @Sendable (Lesson) -> URL,
                    deliver: (Lesson, CheckReport) throws -> Void) throws {
        var session = self.session
        // The harness first, once, at the usual priority: every lesson needs it.
        _ = try session.builder.buildLibrary(try session.sources.harness(), courseRoot: session.sources.location.root)
        session.builder.niceness = 10
        session.buildSlots = DispatchSemaphore(value: builds)
        session.runSlots = DispatchSemaphore(value: runs)
        let jobs = lessons.map { lesson in
            Background { [session] in try session.check(lesson, exercise: exercise(lesson)) }
        }
        for (lesson, job) in zip(lessons, jobs) { try deliver(lesson, try job.wait()) }
    }
}
