/// Colours keywords, strings, comments and numbers in Swift, Python and shell code.
///
/// A small hand-written tokenizer, not a parser: lessons show short snippets, and a lexer that
/// is wrong in a corner case costs a colour, never text. Every token's characters are written
/// out unchanged; only styling is added.
struct SyntaxHighlighter {
    enum Language {
        case swift, python, shell
        /// A terminal session: lines starting with a prompt are shell, the rest is output.
        case console
    }

    let language: Language

    init?(language name: String) {
        switch name {
        case "swift": language = .swift
        case "python", "py", "python3": language = .python
        case "sh", "bash", "shell", "zsh": language = .shell
        case "console", "shell-session", "terminal": language = .console
        default: return nil
        }
    }

    enum Kind { case plain, keyword, string, comment, number, type, attribute, variable, prompt }

    /// The code, one styled string per line; no style spans a line break.
    func highlight(_ code: String, ansi: Ansi) -> [String] {
        if language == .console {
            return code.split(separator: "\n", omittingEmptySubsequences: false).map { consoleLine(String($0), ansi: ansi) }
        }
        return style(tokens(Array(code), as: language), ansi: ansi)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    private func consoleLine(_ line: String, ansi: Ansi) -> String {
        for prompt in ["$ ", "# ", "% ", "> "] where line.hasPrefix(prompt) {
            let command = String(line.dropFirst(prompt.count))
            return ansi.dim(prompt) + style(tokens(Array(command), as: .shell), ansi: ansi)
        }
        return line
    }

    private func style(_ tokens: [(Kind, String)], ansi: Ansi) -> String {
        var out = ""
        for (kind, text) in tokens {
            // Style each line of a multi-line token separately, so every line closes its styles.
            let pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
            out += pieces.map { SyntaxHighlighter.paint(String($0), kind, ansi) }.joined(separator: "\n")
        }
        return out
    }

    private static func paint(_ s: String, _ kind: Kind, _ ansi: Ansi) -> String {
        switch kind {
        case .plain: return s
        case .keyword: return ansi.magenta(s)
        case .string: return ansi.green(s)
        case .comment: return ansi.dim(ansi.italic(s))
        case .number: return ansi.yellow(s)
        case .type: return ansi.cyan(s)
        case .attribute: return ansi.yellow(s)
        case .variable: return ansi.cyan(s)
        case .prompt: return ansi.dim(s)
        }
    }

    static let swiftKeywords: Set<String> = [
        "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch", "class",
        "continue", "default", "defer", "deinit", "do", "else", "enum", "extension", "fallthrough",
        "false", "fileprivate", "for", "func", "guard", "if", "import", "in", "init", "inout",
        "internal", "is", "let", "mutating", "nil", "nonisolated", "open", "operator", "override",
        "private", "protocol", "public", "repeat", "rethrows", "return", "self", "Self", "some",
        "static", "struct", "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias",
        "var", "where", "while", "weak", "lazy", "final", "convenience", "required", "consume", "borrowing",
    ]
    static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
        "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
        "with", "yield", "match", "case", "self",
    ]
    static let shellKeywords: Set<String> = [
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
        "in", "function", "return", "export", "local", "readonly", "set", "unset", "source", "exit",
        "trap", "shift", "echo", "cd", "sudo",
    ]

    /// Splits code into tokens whose texts, concatenated, are exactly the input.
    private func tokens(_ c: [Character], as language: Language) -> [(Kind, String)] {
        var result: [(Kind, String)] = []
        var plain = ""
        var i = 0
        let n = c.count

        func flushPlain() {
            if !plain.isEmpty { result.append((.plain, plain)); plain = "" }
        }
        func emit(_ kind: Kind, _ from: Int, _ to: Int) {
            flushPlain()
            result.append((kind, String(c[from..<to])))
        }
        func starts(_ s: String, at index: Int) -> Bool {
            var j = index
            for ch in s {
                guard j < n, c[j] == ch else { return false }
                j += 1
            }
            return true
        }
        /// Index just past a string that opened at `start` with `quote`, honouring backslashes
        /// unless `raw`; ends at the line's end if never closed (unless `multiline`).
        func endOfString(from start: Int, quote: String, raw: Bool = false, multiline: Bool = false) -> Int {
            var j = start + quote.count
            while j < n {
                if !raw && c[j] == "\\" { j += 2; continue }
                if starts(quote, at: j) { return j + quote.count }
                if c[j] == "\n" && !multiline { return j }
                j += 1
            }
            return n
        }
        func isIdentifierStart(_ ch: Character) -> Bool { ch.isLetter || ch == "_" }
        func isIdentifierPart(_ ch: Character) -> Bool { ch.isLetter || ch.isNumber || ch == "_" }

        while i < n {
            let ch = c[i]
            let previous: Character? = i > 0 ? c[i - 1] : nil
            let atWordStart = previous.map { !isIdentifierPart($0) && $0 != "." } ?? true

            // Comments.
            if language == .swift && starts("//", at: i) {
                var j = i
                while j < n && c[j] != "\n" { j += 1 }
                emit(.comment, i, j); i = j; continue
            }
            if language == .swift && starts("/*", at: i) {
                var j = i + 2
                while j < n && !starts("*/", at: j) { j += 1 }
                j = min(n, j + 2)
                emit(.comment, i, j); i = j; continue
            }
            if ch == "#" && (language == .python || (language == .shell && (previous == nil || previous!.isWhitespace || previous == ";"))) {
                var j = i
                while j < n && c[j] != "\n" { j += 1 }
                emit(.comment, i, j); i = j; continue
            }

            // Strings.
            if language == .swift && ch == "\"" {
                let end = starts("\"\"\"", at: i)
                    ? endOfString(from: i, quote: "\"\"\"", multiline: true)
                    : endOfString(from: i, quote: "\"")
                emit(.string, i, end); i = end; continue
            }
            if language == .python && (ch == "\"" || ch == "'") {
                let triple = String(repeating: String(ch), count: 3)
                let end = starts(triple, at: i)
                    ? endOfString(from: i, quote: triple, multiline: true)
                    : endOfString(from: i, quote: String(ch))
                emit(.string, i, end); i = end; continue
            }
            if language == .shell && ch == "'" {
                let end = endOfString(from: i, quote: "'", raw: true, multiline: true)
                emit(.string, i, end); i = end; continue
            }
            if language == .shell && ch == "\"" {
                let end = endOfString(from: i, quote: "\"", multiline: true)
                emit(.string, i, end); i = end; continue
            }

            // Shell variables: $name, ${...}, $1, $?, $@ ...
            if language == .shell && ch == "$" && i + 1 < n {
                var j = i + 1
                if c[j] == "{" {
                    while j < n && c[j] != "}" && c[j] != "\n" { j += 1 }
                    if j < n && c[j] == "}" { j += 1 }
                } else if isIdentifierStart(c[j]) {
                    while j < n && isIdentifierPart(c[j]) { j += 1 }
                } else if c[j].isNumber || "?@#*!$-".contains(c[j]) {
                    j += 1
                }
                if j > i + 1 { emit(.variable, i, j); i = j; continue }
            }

            // Attributes and decorators: @main, @MainActor, @property.
            if (language == .swift || language == .python) && ch == "@" && i + 1 < n && isIdentifierStart(c[i + 1]) {
                var j = i + 1
                while j < n && (isIdentifierPart(c[j]) || (language == .python && c[j] == ".")) { j += 1 }
                emit(.attribute, i, j); i = j; continue
            }

            // Numbers, only where a word starts (not the 2 in `utf8` or `x2`).
            if ch.isASCII && ch.isNumber && atWordStart {
                var j = i + 1
                while j < n {
                    let d = c[j]
                    if d.isASCII && (d.isHexDigit || d == "_" || d == "x" || d == "o" || d == "b") { j += 1; continue }
                    // A dot belongs to the number only when a digit follows: `1.5` but not `1..<5`.
                    if d == "." && j + 1 < n && c[j + 1].isASCII && c[j + 1].isNumber { j += 1; continue }
                    break
                }
                if language == .shell && j < n && (isIdentifierPart(c[j]) || c[j] == "-" || c[j] == ".") {
                    // A shell word like 2>&1 is fine, but 10.0.0.1 or 8080-tcp are not numbers.
                    while j < n && !c[j].isWhitespace { j += 1 }
                    plain += String(c[i..<j]); i = j; continue
                }
                emit(.number, i, j); i = j; continue
            }

            // Words: keywords and (Swift) type names.
            if isIdentifierStart(ch) {
                var j = i + 1
                while j < n && (isIdentifierPart(c[j]) || (language == .shell && c[j] == "-")) { j += 1 }
                let word = String(c[i..<j])
                let keywords: Set<String>
                switch language {
                case .swift: keywords = SyntaxHighlighter.swiftKeywords
                case .python: keywords = SyntaxHighlighter.pythonKeywords
                case .shell, .console: keywords = SyntaxHighlighter.shellKeywords
                }
                // In shell, only a command position makes a keyword (`echo done` prints "done").
                let shellCommandPosition = language != .shell || SyntaxHighlighter.isCommandPosition(c, before: i)
                if keywords.contains(word) && atWordStart && shellCommandPosition {
                    emit(.keyword, i, j)
                } else if language == .swift && ch.isUppercase && atWordStart {
                    emit(.type, i, j)
                } else {
                    plain += word
                }
                i = j; continue
            }

            plain.append(ch)
            i += 1
        }
        flushPlain()
        return result
    }

    /// Whether the word at `index` starts a shell command: first on its line or after ; | & ( or `then`/`do`-like keywords.
    private static func isCommandPosition(_ c: [Character], before index: Int) -> Bool {
        var j = index - 1
        while j >= 0 && (c[j] == " " || c[j] == "\t") { j -= 1 }
        if j < 0 || c[j] == "\n" || ";|&({".contains(c[j]) { return true }
        // The previous word: `then echo`, `do echo`, `sudo echo`.
        var k = j
        while k >= 0 && (c[k].isLetter || c[k] == "_") { k -= 1 }
        guard k < j else { return false }
        let word = String(c[(k + 1)...j])
        return ["then", "do", "else", "sudo", "if", "while", "until", "!", "time", "exec"].contains(word)
    }
}
