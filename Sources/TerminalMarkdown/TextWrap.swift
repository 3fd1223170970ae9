/// Greedy word wrapping by display columns, for plain or ANSI-styled text.
///
/// Lines break at spaces (Korean is spaced by words too, so it wraps like English). A word wider
/// than the line (a URL, a path) breaks after `/`, `?`, `&` or `=`, and between characters only
/// where one piece between those is itself wider than the line. "\n" in the input is a hard
/// line break.
///
/// Styles that are open where a line breaks are closed at the end of that line and re-opened at
/// the start of the next: callers put prefixes (quote bars, list indents) in front of each line,
/// and those must not inherit a colour or become part of a hyperlink.
public enum TextWrap {
    public static func wrap(_ s: String, width: Int) -> [String] {
        var builder = LineBuilder(width: max(1, width))
        var startOfInputLine = true
        var spaces = 0
        var word: [TerminalText.Segment] = []
        var wordWidth = 0

        func flushWord() {
            guard !word.isEmpty else { return }
            if wordWidth == 0 {
                // Styling codes (or zero-width characters): they go in here, but the spaces
                // before them stay pending, so they never end up as trailing blanks past the width.
                builder.place(escapes: word)
                word.removeAll(keepingCapacity: true)
                return
            }
            builder.place(word: word, width: wordWidth, spacesBefore: spaces, keepLeadingSpaces: startOfInputLine)
            startOfInputLine = false
            spaces = 0
            word.removeAll(keepingCapacity: true)
            wordWidth = 0
        }

        TerminalText.scan(s) { segment in
            if case .scalar(let scalar, _) = segment {
                if scalar == " " || scalar == "\t" {
                    flushWord()
                    spaces += 1
                    return
                }
                if scalar == "\n" {
                    flushWord()
                    builder.breakLine()
                    startOfInputLine = true
                    spaces = 0
                    return
                }
            }
            if case .scalar(_, let w) = segment { wordWidth += w }
            word.append(segment)
        }
        flushWord()
        return builder.finish()
    }
}

extension TextWrap {
    /// `line` cut to `width` columns with `marker` as its last column when it is wider, its
    /// styles closed: for code and figures, which are never wrapped (a wrapped line of code
    /// reads as two statements) but must not run past the edge either, where the terminal
    /// would wrap them itself. A wide character that would straddle the cut becomes a space.
    public static func clip(_ line: String, width: Int, marker: String = "…") -> String {
        guard TextWidth.columns(line) > width else { return line }
        let room = max(0, width - TextWidth.columns(marker))
        var result = "", used = 0, style = StyleState(), done = false
        TerminalText.scan(line) { segment in
            guard !done else { return }
            switch segment {
            case .escape(let sequence):
                result += sequence
                style.apply(sequence)
            case .scalar(let scalar, let w):
                if used + w > room {
                    result += String(repeating: " ", count: room - used)
                    done = true
                    return
                }
                result.unicodeScalars.append(scalar)
                used += w
            }
        }
        return result + style.closing + marker
    }
}

/// Accumulates output lines and the styling state that has to be carried across them.
private struct LineBuilder {
    let width: Int
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    var hasContent = false
    var style = StyleState()

    init(width: Int) {
        self.width = width
    }

    mutating func place(word: [TerminalText.Segment], width wordWidth: Int, spacesBefore: Int, keepLeadingSpaces: Bool) {
        var spaces = hasContent || keepLeadingSpaces ? spacesBefore : 0
        if hasContent && currentWidth + spaces + wordWidth > width && wordWidth > 0 {
            breakLine()
            spaces = 0
        }
        // Indentation that would push even a short word off the line is not worth keeping.
        if !hasContent && spaces + wordWidth > width { spaces = 0 }
        if spaces > 0 {
            current += String(repeating: " ", count: spaces)
            currentWidth += spaces
        }
        if currentWidth + wordWidth <= width {
            append(word, cutting: false)
            return
        }
        // Too wide for any line: its pieces go on as many lines as they need.
        for piece in LineBuilder.pieces(of: word) {
            if currentWidth > 0 && currentWidth + piece.width > width { breakLine() }
            append(piece.segments, cutting: currentWidth + piece.width > width)
        }
    }

    /// A word's segments; with `cutting`, a line break comes wherever the next character
    /// would pass the width (zero-width scalars stay with the character before them).
    private mutating func append(_ segments: ArraySlice<TerminalText.Segment>, cutting: Bool) {
        for segment in segments {
            switch segment {
            case .escape(let sequence):
                current += sequence
                style.apply(sequence)
            case .scalar(let scalar, let w):
                if cutting && w > 0 && currentWidth + w > width && currentWidth > 0 {
                    breakLine()
                }
                current.unicodeScalars.append(scalar)
                currentWidth += w
                hasContent = true
            }
        }
    }

    private mutating func append(_ segments: [TerminalText.Segment], cutting: Bool) {
        append(segments[...], cutting: cutting)
    }

    /// Where a long word may break: after `/` (not inside the `//` of a scheme), `?`, `&` and `=`.
    static func pieces(of word: [TerminalText.Segment]) -> [(segments: ArraySlice<TerminalText.Segment>, width: Int)] {
        var pieces: [(segments: ArraySlice<TerminalText.Segment>, width: Int)] = []
        var start = 0, width = 0
        for index in word.indices {
            guard case .scalar(let scalar, let w) = word[index] else { continue }
            width += w
            var breaksAfter = scalar == "?" || scalar == "&" || scalar == "="
            if scalar == "/" {
                let next = word[(index + 1)...].lazy.compactMap { segment -> Unicode.Scalar? in
                    if case .scalar(let s, _) = segment { return s } else { return nil }
                }.first
                breaksAfter = next != "/"
            }
            if breaksAfter {
                pieces.append((word[start...index], width))
                start = index + 1
                width = 0
            }
        }
        if start < word.count { pieces.append((word[start...], width)) }
        return pieces
    }

    /// A "word" that takes no columns: styling codes, or a stray zero-width character.
    mutating func place(escapes: [TerminalText.Segment]) {
        for segment in escapes {
            switch segment {
            case .escape(let sequence):
                current += sequence
                style.apply(sequence)
            case .scalar(let scalar, _):
                current.unicodeScalars.append(scalar)
            }
        }
    }

    mutating func breakLine() {
        if !style.isEmpty { current += style.closing }
        lines.append(current)
        current = style.opening
        currentWidth = 0
        hasContent = false
    }

    mutating func finish() -> [String] {
        lines.append(current)
        return lines
    }
}

/// Which SGR styles and which OSC 8 hyperlink are in effect at a point in styled text.
struct StyleState {
    private var sgr: [String] = []
    private var link: String?

    var isEmpty: Bool { sgr.isEmpty && link == nil }
    var opening: String { (link ?? "") + sgr.joined() }
    var closing: String { (sgr.isEmpty ? "" : "\u{1B}[0m") + (link == nil ? "" : "\u{1B}]8;;\u{1B}\\") }

    mutating func apply(_ sequence: String) {
        if sequence.hasPrefix("\u{1B}]8;") {
            // OSC 8 ; params ; URL terminator: an empty URL closes the link.
            let body = sequence.dropFirst(4)
            if let semicolon = body.firstIndex(of: ";") {
                let rest = body[body.index(after: semicolon)...]
                let url = rest.prefix { $0 != "\u{1B}" && $0 != "\u{07}" }
                link = url.isEmpty ? nil : sequence
            }
            return
        }
        guard sequence.hasPrefix("\u{1B}["), sequence.hasSuffix("m") else { return }
        let parameters = sequence.dropFirst(2).dropLast()
        switch parameters {
        case "", "0": sgr.removeAll()
        case "22": sgr.removeAll { $0 == "\u{1B}[1m" || $0 == "\u{1B}[2m" }
        case "23": sgr.removeAll { $0 == "\u{1B}[3m" }
        case "24": sgr.removeAll { $0 == "\u{1B}[4m" }
        case "27": sgr.removeAll { $0 == "\u{1B}[7m" }
        case "29": sgr.removeAll { $0 == "\u{1B}[9m" }
        case "39": sgr.removeAll { StyleState.isForeground($0) }
        case "49": sgr.removeAll { StyleState.isBackground($0) }
        default: if !sgr.contains(sequence) { sgr.append(sequence) }
        }
    }

    private static func isForeground(_ s: String) -> Bool {
        let p = s.dropFirst(2).dropLast()
        guard let code = Int(p.prefix { $0 != ";" }) else { return false }
        return (30...38).contains(code) || (90...97).contains(code)
    }

    private static func isBackground(_ s: String) -> Bool {
        let p = s.dropFirst(2).dropLast()
        guard let code = Int(p.prefix { $0 != ";" }) else { return false }
        return (40...48).contains(code) || (100...107).contains(code)
    }
}
