import Foundation

/// What the learner has done: the current lesson, each lesson's last verdict and hints seen.
/// One small JSON file in the course folder; the exercises themselves are never touched by it.
public struct ProgressState: Encodable, Equatable {
    public static let version = 1
    public var version = ProgressState.version
    /// The lesson `learn check` grades by default: the first lesson, then the one last opened
    /// with `learn run`. It never moves on by itself when a lesson passes.
    public var current: String?
    public var lessons: [String: LessonProgress] = [:]

    public struct LessonProgress: Encodable, Equatable {
        /// The last check's verdict. `incomplete`: every check that ran passed, but some could
        /// not run here (no private network, a server missing), so the lesson is not done.
        public enum Verdict: String, Encodable { case passed, failed, incomplete }
        public var verdict: Verdict?
        /// Checks that could not run on this machine at the last incomplete check.
        public var notRun = 0
        /// Why they could not run (the first check's reason), for `learn list`.
        public var notRunReason: String?
        public var hintsShown = 0
        /// True once every check has passed at least once: "You solved" is said only then, and
        /// the reference solution stays open even after the file breaks again.
        public var solvedOnce = false
        public init() {}

        public var isDone: Bool { verdict == .passed }
    }

    public init() {}

    public subscript(lesson id: String) -> LessonProgress {
        get { lessons[id] ?? LessonProgress() }
        set { lessons[id] = newValue }
    }
}

extension ProgressState {
    /// Reads the state field by field, so that one bad or missing field costs only itself:
    /// a missing key takes its default, an unknown key is ignored, and a field of the wrong
    /// type is named in `unreadable` while everything else is kept. (Codable's synthesized
    /// decoder would throw the whole file away for one bad value.)
    /// Throws `Malformed` when the text is not a JSON object of a version this engine knows.
    init(json data: Data, unreadable: inout [String]) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data),
              let top = object as? [String: Any] else { throw Malformed(reason: .notJSON) }
        if let version = top["version"] {
            guard let number = version as? Int else { throw Malformed(reason: .noVersion) }
            guard number == ProgressState.version else { throw Malformed(reason: .unknownVersion(number)) }
        }
        self.init()
        if let current = top["current"], !(current is NSNull) {
            if let text = current as? String { self.current = text } else { unreadable.append("current") }
        }
        guard let lessons = top["lessons"] else { return }
        guard let table = lessons as? [String: Any] else { unreadable.append("lessons"); return }
        for (id, value) in table {
            guard let fields = value as? [String: Any] else { unreadable.append("lessons.\(id)"); continue }
            var lesson = LessonProgress()
            if let verdict = fields["verdict"], !(verdict is NSNull) {
                if let text = verdict as? String, let known = LessonProgress.Verdict(rawValue: text) {
                    lesson.verdict = known
                } else {
                    unreadable.append("lessons.\(id).verdict")
                }
            }
            for (key, path) in [("notRun", \LessonProgress.notRun), ("hintsShown", \LessonProgress.hintsShown)] {
                guard let count = fields[key] else { continue }
                // JSONSerialization gives NSNumber for numbers and booleans alike; a boolean's
                // type encoding is "c". Neither `true` nor a fraction passes as a count.
                if let number = count as? NSNumber, String(cString: number.objCType) != "c",
                   let whole = Int(exactly: number.doubleValue), whole >= 0 {
                    lesson[keyPath: path] = whole
                } else {
                    unreadable.append("lessons.\(id).\(key)")
                }
            }
            if let reason = fields["notRunReason"], !(reason is NSNull) {
                if let text = reason as? String { lesson.notRunReason = text } else { unreadable.append("lessons.\(id).notRunReason") }
            }
            // Files written before `incomplete` and `solvedOnce`: a pass with checks not run was
            // incomplete, and a plain pass was a solve.
            if lesson.verdict == .passed && lesson.notRun > 0 { lesson.verdict = .incomplete }
            lesson.solvedOnce = lesson.verdict == .passed
            if let solved = fields["solvedOnce"] {
                if let number = solved as? NSNumber, String(cString: number.objCType) == "c" {
                    lesson.solvedOnce = number.boolValue
                } else {
                    unreadable.append("lessons.\(id).solvedOnce")
                }
            }
            self.lessons[id] = lesson
        }
    }

    struct Malformed: Error { let reason: ProgressStore.Reason }
}
