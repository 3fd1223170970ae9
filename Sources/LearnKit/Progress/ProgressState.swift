import Foundation

/// What the learner has done: the current lesson, each lesson's last verdict and hints seen.
/// One small JSON file in the course folder; the exercises themselves are never touched by it.
public struct ProgressState: Codable, Equatable {
    public var version = 1
    /// The lesson `learn check` grades by default: the first lesson, then the one last opened
    /// with `learn run`. It never moves on by itself when a lesson passes.
    public var current: String?
    public var lessons: [String: LessonProgress] = [:]

    public struct LessonProgress: Codable, Equatable {
        public enum Verdict: String, Codable { case passed, failed }
        public var verdict: Verdict?
        /// Checks that could not run on this machine at the last passing check.
        public var notRun = 0
        public var hintsShown = 0
        public init() {}
    }

    public init() {}

    public subscript(lesson id: String) -> LessonProgress {
        get { lessons[id] ?? LessonProgress() }
        set { lessons[id] = newValue }
    }
}

/// Reads and writes the state file atomically (a temporary file renamed over the old one).
public struct ProgressStore {
    public let file: URL
    public init(file: URL) { self.file = file }

    /// The state, and a description of the damage when the file could not be read (it is then
    /// moved aside and a fresh state returned: a damaged file is reported, never a crash).
    public func load() -> (ProgressState, damage: String?) {
        guard let data = try? Data(contentsOf: file) else { return (ProgressState(), nil) }
        do {
            let state = try JSONDecoder().decode(ProgressState.self, from: data)
            guard state.version == 1 else { throw Damage(reason: "unknown version \(state.version)") }
            return (state, nil)
        } catch {
            let reason = (error as? Damage)?.reason ?? "not valid JSON"
            let aside = file.appendingPathExtension("damaged")
            try? FileManager.default.removeItem(at: aside)
            try? FileManager.default.moveItem(at: file, to: aside)
            return (ProgressState(), reason)
        }
    }

    private struct Damage: Error { let reason: String }

    public func save(_ state: ProgressState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(state)
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp")
        try data.write(to: temporary)
        if rename(temporary.path, file.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
        }
    }
}
