import Foundation

/// Reads and writes the state file: atomically (a temporary file renamed over the old one),
/// and every change as a read-modify-write under a lock, so that two `learn` processes (watch
/// in one terminal, `learn hint` in another) never lose each other's updates.
public struct ProgressStore {
    public let file: URL
    public init(file: URL) { self.file = file }

    /// Why the state file could not be used as it is.
    public enum Problem: Error, Equatable {
        /// Not valid progress, or fields that could not be read: the original is kept beside
        /// it as `.damaged`, and what could be read is used.
        case damaged(reason: Reason)
        /// It cannot be read at all (a directory, a FIFO, no permission): it is left alone,
        /// and nothing is saved over it.
        case unreadable(reason: Reason)
    }

    /// What exactly was wrong, for `Words` to say in the learner's language.
    public enum Reason: Equatable, Sendable {
        case notJSON, noVersion, unknownVersion(Int)
        /// The fields (as paths like `lessons.09.verdict`) whose values could not be read.
        case unreadableFields([String])
        case directory, fifo, notRegular
        /// The system's own words (strerror).
        case system(String)
    }

    public var damagedCopy: URL { file.appendingPathExtension("damaged") }
    /// The lock is a file of its own: the state file is replaced on every save, and a lock on
    /// a replaced file locks nothing.
    var lockFile: URL { file.appendingPathExtension("lock") }

    /// The state, and what was wrong with the file, if anything. A missing file is a fresh start.
    public func load() -> (state: ProgressState, problem: Problem?) {
        let data: Data
        switch read() {
        case .missing: return (ProgressState(), nil)
        case .unreadable(let reason): return (ProgressState(), .unreadable(reason: reason))
        case .data(let bytes): data = bytes
        }
        var unreadable: [String] = []
        do {
            let state = try ProgressState(json: data, unreadable: &unreadable)
            guard !unreadable.isEmpty else { return (state, nil) }
            keepDamagedCopy(data)
            return (state, .damaged(reason: .unreadableFields(unreadable.sorted())))
        } catch {
            keepDamagedCopy(data)
            return (ProgressState(), .damaged(reason: (error as? ProgressState.Malformed)?.reason ?? .notJSON))
        }
    }

    /// Applies `change` to the state as it is on disk now, under an exclusive lock, and saves
    /// it. Returns the new state. Throws `Problem.unreadable` (and changes nothing) when the
    /// file cannot be read: saving over it would lose the progress it may still hold.
    @discardableResult
    public func update(_ change: (inout ProgressState) -> Void) throws -> ProgressState {
        let lock = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw SaveFailure(file: lockFile, code: errno) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw SaveFailure(file: lockFile, code: errno) }
        }
        var (state, problem) = load()
        if case .unreadable = problem { throw problem! }
        change(&state)
        try save(state)
        return state
    }

    /// Writes the whole state (callers that share the file use `update`).
    public func save(_ state: ProgressState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(state)
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw SaveFailure(file: file, code: ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)
                .map { Int32($0.code) } ?? EIO)
        }
        if rename(temporary.path, file.path) != 0 {
            let code = errno
            unlink(temporary.path)
            throw SaveFailure(file: file, code: code)
        }
    }

    /// Progress could not be saved: which file, and the system's reason.
    public struct SaveFailure: Error, Equatable {
        public let file: URL
        public let reason: String
        init(file: URL, code: Int32) {
            self.file = file
            reason = String(cString: strerror(code))
        }
    }

    private enum Contents { case missing, unreadable(Reason), data(Data) }

    /// A directory, a FIFO or a device is no state file, whatever it holds.
    private func read() -> Contents {
        // TextFile looks before it opens (a FIFO would block the read forever).
        switch TextFile.problem(at: file.path) {
        case .missing?: return .missing
        case .directory?: return .unreadable(.directory)
        case .fifo?: return .unreadable(.fifo)
        case .device?, .notRegular?: return .unreadable(.notRegular)
        case .permissionDenied?: return .unreadable(.system(String(cString: strerror(EACCES))))
        case .other(let reason)?: return .unreadable(.system(reason))
        case .notUTF8?, nil: break   // problem(at:) never reads the bytes, so never says notUTF8
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return .unreadable(.system(String(cString: strerror(EIO))))
        }
        return .data(data)
    }

    private func keepDamagedCopy(_ data: Data) {
        try? data.write(to: damagedCopy, options: .atomic)
    }
}
