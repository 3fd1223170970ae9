import Foundation

/// What the commands change in the learner's progress, kept in one place so `learn check`,
/// watch and the interactive list agree.
extension LearnApp {
    /// Saves a check's verdict. True when this is the first time the lesson passed (the moment
    /// to offer the reference solution); the current lesson never moves here.
    @discardableResult
    public func record(_ report: CheckReport) -> Bool {
        var firstPass = false
        updateState { state in
            // Decided from the state on disk, under the lock: two checks at once pass "first" once.
            var progress = state[lesson: report.lesson]
            firstPass = report.status == .passed && !progress.solvedOnce
            switch report.status {
            case .passed: progress.verdict = .passed
            case .failed: progress.verdict = .failed
            case .incomplete: progress.verdict = .incomplete
            }
            progress.notRun = report.status == .incomplete ? report.notRunCount : 0
            progress.notRunReason = report.status == .incomplete ? report.notRunReason : nil
            if report.status == .passed { progress.solvedOnce = true }
            state[lesson: report.lesson] = progress
        }
        return firstPass
    }

    public struct Hint {
        public let number: Int
        public let total: Int
        public let text: String
    }

    /// The next hint of a lesson (the last one again once all were shown), counted as seen.
    public func nextHint(_ lesson: Lesson) -> Hint? {
        let hints = lesson.hints(language)
        guard !hints.isEmpty else { return nil }
        // Counted from the state on disk under the lock, not from what this process read
        // earlier: a `learn hint` in another terminal meanwhile counts too.
        updateState { $0[lesson: lesson.id].hintsShown = min($0[lesson: lesson.id].hintsShown + 1, hints.count) }
        let number = max(1, state[lesson: lesson.id].hintsShown)
        return Hint(number: number, total: hints.count, text: hints[number - 1])
    }

    /// True once the learner has done anything: opened a lesson or checked one.
    public var courseStarted: Bool {
        state.current != nil || state.lessons.values.contains { $0.verdict != nil || $0.hintsShown > 0 }
    }

    public var allLessonsPassed: Bool {
        course.lessons.allSatisfy { state[lesson: $0.id].isDone }
    }

    /// The lessons not done yet (failing, incomplete or not started), in course order.
    public var openLessons: [Lesson] { course.lessons.filter { !state[lesson: $0.id].isDone } }

    /// How many lessons are done, and how many are incomplete, for the progress bars.
    public var doneCount: Int { course.lessons.filter { state[lesson: $0.id].isDone }.count }
    public var incompleteCount: Int { course.lessons.filter { state[lesson: $0.id].verdict == .incomplete }.count }

    /// Puts the starter back in place of the learner's file and forgets the lesson's verdict.
    public func resetExercise(_ lesson: Lesson) throws {
        let starter = try Data(contentsOf: lesson.starterFile)
        try FileManager.default.createDirectory(at: lesson.exerciseFile.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try starter.write(to: lesson.exerciseFile, options: .atomic)
        updateState { state in
            state[lesson: lesson.id].verdict = nil
            state[lesson: lesson.id].notRun = 0
            state[lesson: lesson.id].notRunReason = nil
        }
    }
}
