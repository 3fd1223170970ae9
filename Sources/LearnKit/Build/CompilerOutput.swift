/// The paths written as marks in compiler output kept in the cache: the learner's file (a
/// check's errors about it are kept by the learner module's bytes, whatever path the file
/// had) and the course folder, so remembered errors name the files where they are now.
struct PathMarks: Sendable {
    var exercise: String?
    var courseRoot: String?

    static let none = PathMarks(exercise: nil, courseRoot: nil)

    /// (mark, path) in the order to replace paths by marks: the longer path first.
    fileprivate var pairs: [(String, String)] {
        var pairs: [(String, String)] = []
        if let exercise, !exercise.isEmpty { pairs.append(("$EXERCISE", exercise)) }
        if let courseRoot, !courseRoot.isEmpty { pairs.append(("$COURSE/", courseRoot.hasSuffix("/") ? courseRoot : courseRoot + "/")) }
        return pairs
    }
}

/// What a compiler printed, made fit to keep and to show: the first errors with their source
/// excerpts and notes, the rest only counted, paths written as PathMarks.
struct CompilerOutput: Sendable, Equatable {
    /// The output up to the last error kept (with that error's excerpt and notes).
    var text: String
    /// Errors after the ones kept.
    var omittedErrors: Int

    /// Errors kept from one compile; a learner fixes the first ones first.
    static let errorsKept = 20

    init(text: String, omittedErrors: Int) {
        self.text = text
        self.omittedErrors = omittedErrors
    }

    /// `raw` with at most `limit` errors, paths written as marks.
    init(raw: String, marks: PathMarks, limit: Int = CompilerOutput.errorsKept) {
        var kept: [Substring] = [], errors = 0
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            if Diagnostic.parseLine(String(line))?.severity == .error { errors += 1 }
            if errors <= limit { kept.append(line) }
        }
        var text = kept.joined(separator: "\n")
        for (mark, path) in marks.pairs { text = text.replacingOccurrences(of: path, with: mark) }
        self.init(text: text, omittedErrors: max(0, errors - limit))
    }

    /// The text with the marks made paths again, for the files where they are now.
    func located(_ marks: PathMarks) -> String {
        marks.pairs.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// Kept as a file: the count on the first line, then the text.
    var stored: String { "\(omittedErrors)\n" + text }

    init?(stored: String) {
        guard let newline = stored.firstIndex(of: "\n"), let omitted = Int(stored[..<newline]) else { return nil }
        self.init(text: String(stored[stored.index(after: newline)...]), omittedErrors: omitted)
    }

    /// Joins the outputs of two compiles of one build (the learner's file and the check).
    static func + (first: CompilerOutput, second: CompilerOutput) -> CompilerOutput {
        let text = [first.text, second.text].filter { !$0.isEmpty }.joined(separator: "\n")
        return CompilerOutput(text: text, omittedErrors: first.omittedErrors + second.omittedErrors)
    }
}
