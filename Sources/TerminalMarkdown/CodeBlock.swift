/// A fenced or indented code block: indented by four columns, never re-wrapped (a wrapped line
/// of code reads as two statements, and copy-paste would break it), highlighted in colour.
/// A line wider than `width` (code, or a figure drawn in a text block) is clipped with a marker
/// at the right edge rather than left for the terminal to wrap; nil `width` keeps every line whole.
struct CodeBlock {
    let node: CmarkNode
    let ansi: Ansi
    var width: Int?

    static let indent = "    "
    /// Info strings that only say "no language"; a label would add nothing.
    static let unlabelled: Set<String> = ["text", "txt", "plain", "plaintext", "none"]

    /// The language named by the info string (its first word), lowercased.
    var language: String {
        let info = node.fenceInfo
        return String(info.prefix { $0 != " " && $0 != "\t" && $0 != "{" }).lowercased()
    }

    func lines() -> [String] {
        var code = CodeBlock.expandingTabs(node.codeLiteral)
        if code.hasSuffix("\n") { code.removeLast() }
        let codeLines: [String]
        if ansi.enabled, let highlighter = SyntaxHighlighter(language: language) {
            codeLines = highlighter.highlight(code, ansi: ansi)
        } else {
            codeLines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        var lines = codeLines.map { $0.isEmpty ? "" : CodeBlock.indent + $0 }
        if let width {
            // The indent goes first when it alone would leave too little of a wide line.
            let marker = ansi.dim("…")
            lines = lines.map { line in
                guard TextWidth.columns(line) > width else { return line }
                return TextWrap.clip(line, width: width, marker: marker)
            }
        }
        // In colour a quiet label names the language; plain output stays pure code, so a copy
        // of it can be pasted as is.
        if ansi.enabled && !language.isEmpty && !CodeBlock.unlabelled.contains(language) {
            lines.insert(CodeBlock.indent + ansi.dim(ansi.italic(language)), at: 0)
        }
        return lines
    }

    /// Tabs to spaces at stops of four: a tab's width depends on the column it lands in, and
    /// the indentation we add would move every stop.
    static func expandingTabs(_ text: String) -> String {
        guard text.contains("\t") else { return text }
        var result = ""
        var column = 0
        for character in text {
            switch character {
            case "\t":
                let spaces = 4 - column % 4
                result += String(repeating: " ", count: spaces)
                column += spaces
            case "\n":
                result.append(character)
                column = 0
            default:
                result.append(character)
                column += TextWidth.columns(String(character))
            }
        }
        return result
    }
}
