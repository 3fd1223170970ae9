/// What a compiler printed, made fit to keep and to show: the first errors with their source
/// excerpts and notes, the rest only counted; paths inside the course kept relative to it,
/// so errors remembered in the cache name the right files after the course folder moved.
struct CompilerOutput: Sendable, Equatable {
    /// The output up to the last error kept (with that error's excerpt and notes).
    var text: String
    /// Errors after the ones kept.
    var omittedErrors: Int

    /// Errors kept from one compile; a learner fixes the first ones first.
    static let errorsKept = 20
    static let courseMark = "$COURSE/"

    init(text: String, omittedErrors: Int) {
        self.text = text
        self.omittedErrors = omittedErrors
    }

    /// `raw` with at most `limit` errors, paths under `courseRoot` written relative to it.
    init(raw: String, courseRoot: String?, limit: Int = CompilerOutput.errorsKept) {
        var kept: [Substring] = [], errors = 0
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            if Diagnostic.parseLine(String(line))?.severity == .error { errors += 1 }
            if errors <= limit { kept.append(line) }
        }
        var text = kept.joined(separator: "\n")
        if let courseRoot, !courseRoot.isEmpty {
            text = text.replacingOccurrences(of: courseRoot.hasSuffix("/") ? courseRoot : courseRoot + "/", with: Self.courseMark)
        }
        self.init(text: text, omittedErrors: max(0, errors - limit))
    }

    /// The text with the course's paths made whole again, for the course where it is now.
    func located(in courseRoot: String?) -> String {
        guard let courseRoot, !courseRoot.isEmpty else { return text }
        return text.replacingOccurrences(of: Self.courseMark, with: courseRoot.hasSuffix("/") ? courseRoot : courseRoot + "/")
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
