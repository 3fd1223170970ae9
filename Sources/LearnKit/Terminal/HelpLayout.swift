import TerminalMarkdown

/// Wraps the argument parser's help and messages by display columns.
///
/// swift-argument-parser wraps by characters, so a Korean line (Hangul is two columns wide)
/// runs up to twice past the edge of the terminal. The parser is asked for its text unwrapped
/// (`unwrapped` columns), then each line is wrapped here the way the parser lays it out: a
/// label column (`  --lang <lang>    text`) continues under its text, `USAGE:` under what
/// follows it, any other line under its own indentation.
public enum HelpLayout {
    /// A width no line of the parser's reaches: it then wraps nothing.
    public static let unwrapped = 100_000

    public static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrapLine(String($0), width: max(width, 20)) }
            .joined(separator: "\n")
    }

    static func wrapLine(_ line: String, width: Int) -> [String] {
        guard TextWidth.columns(line) > width else { return [line] }
        let hang = hangingIndent(line)
        let (head, body) = split(line, atColumn: hang)
        if width - hang >= 16 {
            let lines = TextWrap.wrap(body, width: width - hang)
            return lines.enumerated().map { ($0.offset == 0 ? head : String(repeating: " ", count: hang)) + $0.element }
        }
        // Too narrow for the label column: the label on a line of its own, the text under it.
        let indent = min(hang, leadingSpaces(line) + 4)
        let label = head.trimmingTrailingSpaces()
        let lines = TextWrap.wrap(body, width: width - indent).map { String(repeating: " ", count: indent) + $0 }
        return (label.allSatisfy { $0 == " " } ? [] : [label]) + lines
    }

    /// Where the continuation lines of `line` start.
    static func hangingIndent(_ line: String) -> Int {
        for prefix in ["USAGE: ", "Usage: ", "사용법: "] where line.hasPrefix(prefix) { return TextWidth.columns(prefix) }
        let indent = leadingSpaces(line)
        guard indent > 0 else { return 0 }
        // A label column: the text after the first run of two or more spaces past the label.
        let characters = Array(line)
        var column = 0, index = 0, spaces = 0, seenLabel = false
        while index < characters.count {
            let character = characters[index]
            if character == " " {
                spaces += 1
            } else {
                if seenLabel && spaces >= 2 { return column <= 40 ? column : indent }
                seenLabel = true
                spaces = 0
            }
            column += TextWidth.columns(String(character))
            index += 1
        }
        return indent
    }

    private static func leadingSpaces(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    /// The first `column` display columns of `line`, and the rest.
    private static func split(_ line: String, atColumn column: Int) -> (String, String) {
        var width = 0
        var index = line.startIndex
        while index < line.endIndex, width < column {
            width += TextWidth.columns(String(line[index]))
            index = line.index(after: index)
        }
        return (String(line[..<index]), String(line[index...]))
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
