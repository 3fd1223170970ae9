/// swift-argument-parser's own words (its usage errors, its help's fixed parts) in the
/// learner's language.
///
/// The parser's error types are internal and it has no localisation, so its messages are
/// translated by their shapes: each pattern below is a sentence of swift-argument-parser 1.8
/// (Sources/ArgumentParser/Usage/UsageGenerator.swift, MessageInfo.swift, HelpGenerator.swift),
/// matched on a whole line of its output, unwrapped. A line of any other shape stays as the
/// parser wrote it (English): a newer parser may say something new, and an English sentence
/// is better than a wrong Korean one. ParserMessageTests produces every shape with the real
/// parser, so a change of wording fails there.
extension Words {
    /// `text` (what `fullMessage(for:)` returns, not yet wrapped) in this language.
    public func parserMessage(_ text: String) -> String {
        guard language == .korean else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { parserLine(String($0)) }
            .joined(separator: "\n")
    }

    /// One line: the frame (Error:, Usage:, headings) and, inside it, the message.
    func parserLine(_ line: String) -> String {
        if let rest = line.dropPrefix("Error: ") { return "오류: " + parserSentence(rest) }
        if let rest = line.dropPrefix("Help:  ") { return "도움말:  " + helpFixedParts(rest) }
        if let rest = line.dropPrefix("Usage: ") { return "사용법: " + rest }
        if let rest = line.dropPrefix("USAGE: ") { return "사용법: " + rest }
        if let rest = line.dropPrefix("OVERVIEW: ") {
            return "개요: " + (rest == "Show subcommand help information." ? "하위 명령의 도움말을 보여 줍니다." : rest)
        }
        let headings = ["ARGUMENTS:": "인자:", "OPTIONS:": "옵션:", "SUBCOMMANDS:": "하위 명령:"]
        if let heading = headings[line] { return heading }
        if let match = line.captures(#"  See '(.+)' for more information\."#) {
            return "  자세한 설명: '\(match[0])'"
        }
        if let match = line.captures(#"  See '(.+) <subcommand>' for detailed help\."#) {
            return "  하위 명령의 자세한 설명: '\(match[0]) <하위 명령>'"
        }
        if let match = line.captures(#"   or: (.+) in '(.+)'"#) {
            return "   또는: '\(match[1])' 안에서 " + parserSentence(match[0])
        }
        if line.captures(#"  - .*"#) != nil { return line }
        return helpFixedParts(line)
    }

    /// The parser's fixed words inside help lines: its two built-in options, `(default: …)`,
    /// `(values: …)` and the default subcommand's mark.
    func helpFixedParts(_ line: String) -> String {
        var line = line
        let built = ["Show help information.": "도움말을 보여 줍니다.", "Show the version.": "버전을 보여 줍니다."]
        for (english, korean) in built where line.hasSuffix("  " + english) {
            line = String(line.dropLast(english.count)) + korean
        }
        // The label column keeps its width: the Korean mark is narrower by three columns.
        line = line.replacingOccurrences(of: " (default)   ", with: " (기본)      ")
        line = line.replacingOccurrences(of: "(values: ", with: "(값: ")
        line = line.replacingOccurrences(of: "; default as flag: ", with: "; 플래그만 쓰면: ")
        line = line.replacingOccurrences(of: "; default: ", with: "; 기본값: ")
        line = line.replacingOccurrences(of: "(default: ", with: "(기본값: ")
        return line
    }

    /// One of the parser's error sentences, or `sentence` itself when its shape is unknown
    /// (which includes this program's own validation messages, already in this language).
    func parserSentence(_ sentence: String) -> String {
        if let m = sentence.captures(#"Unknown option '(.+)'\. Did you mean '(.+)'\?"#) {
            return "알 수 없는 옵션: '\(m[0])' ('\(m[1])' 옵션을 뜻했나요?)"
        }
        if let m = sentence.captures(#"Unknown option '(.+)'"#) { return "알 수 없는 옵션: '\(m[0])'" }
        if let m = sentence.captures(#"Missing value for '(.+)'"#) { return "'\(m[0])'에 값이 없습니다" }
        if let m = sentence.captures(#"The option '(.+)' does not take any value, but '(.*)' was specified\."#) {
            return "'\(m[0])' 옵션은 값을 받지 않는데 값 '\(m[1])'도 함께 주어졌습니다."
        }
        if let m = sentence.captures(#"Unexpected argument '(.*)'"#) { return "예상하지 못한 인자: '\(m[0])'" }
        if let m = sentence.captures(#"([0-9]+) unexpected arguments: (.*)"#) {
            return "예상하지 못한 인자 \(m[0])개: \(m[1])"
        }
        if let m = sentence.captures(#"Value to be set with (.+) had already been set with (.+)"#) {
            return "같은 값을 두 번 정했습니다: 먼저 \(exclusiveFlag(m[1])), 다시 \(exclusiveFlag(m[0]))"
        }
        if let m = sentence.captures(#"Missing expected argument '(.+)'"#) { return "필요한 인자가 없습니다: '\(m[0])'" }
        if let m = sentence.captures(#"Missing one of: (.+)"#) { return "다음 중 하나가 필요합니다: \(m[0])" }
        if let m = sentence.captures(#"The value '(.*)' is invalid for '(.+?)'((?:\.|:) .*|\.)?"#) {
            return "'\(m[1])'에 쓸 수 없는 값: '\(m[0])'" + invalidValueReason(m[2])
        }
        if let m = sentence.captures(#"The value '(.*)' is invalid\.(.*)"#) {
            return "쓸 수 없는 값: '\(m[0])'" + invalidValueReason(m[1])
        }
        if let m = sentence.captures(#"Invalid option: (.+)"#) { return "잘못된 옵션: \(m[0])" }
        if sentence == "Missing required subcommand." { return "하위 명령이 필요합니다." }
        return sentence
    }

    /// `flag '-v'` or `flag 'v' in '-xv'`, as duplicateExclusiveValues names them.
    private func exclusiveFlag(_ text: String) -> String {
        if let m = text.captures(#"flag '(.)' in '(.+)'"#) { return "'\(m[1])' 안의 플래그 '\(m[0])'" }
        if let m = text.captures(#"flag '(.+)'"#) { return "플래그 '\(m[0])'" }
        return text
    }

    /// What follows "The value … is invalid for …": nothing, the allowed values, or a reason.
    private func invalidValueReason(_ tail: String) -> String {
        if tail.isEmpty || tail == "." { return "" }
        if let m = tail.captures(#"\. Please provide one of (.+)\."#) {
            let values = m[0].replacingOccurrences(of: "' and '", with: "', '")
                .replacingOccurrences(of: "' or '", with: "', '")
            return ". 다음 중 하나를 쓰세요: \(values)"
        }
        if tail == ". Please provide one of the following:" { return ". 다음 중 하나를 쓰세요:" }
        return tail  // ": <the value's own reason>", already in this language
    }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    /// The captured groups when the whole string matches `pattern`, else nil.
    fileprivate func captures(_ pattern: String) -> [String]? {
        // Built per call: Regex is not Sendable, so it cannot be a shared constant, and these
        // run once per error message.
        guard let regex = try? Regex(pattern), let match = try? regex.wholeMatch(in: self) else { return nil }
        return (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
    }
}
