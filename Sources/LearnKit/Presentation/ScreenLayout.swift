import TerminalMarkdown

/// Fitting the command line's own screens (the list, watch, check reports) to the terminal's
/// width, by display columns (Hangul takes two): nothing is left for the terminal to cut
/// mid-word. Markdown goes through the renderer; these are the lines around it.
public enum ScreenLayout {
    /// `items` joined by `separator` on as few lines as fit `width`, a line breaking only
    /// between items (a key bar: "q quit" never loses its "uit" to the next line). An item
    /// wider than a line is wrapped on its own.
    public static func bar(_ items: [String], width: Int, separator: String = " · ") -> [String] {
        var lines: [String] = []
        var current = "", used = 0
        let gap = TextWidth.columns(separator)
        for item in items where !item.isEmpty {
            let size = TextWidth.columns(item)
            if used > 0 && used + gap + size <= width {
                current += separator + item
                used += gap + size
                continue
            }
            if used > 0 { lines.append(current) }
            if size > width {
                let wrapped = TextWrap.wrap(item, width: width)
                lines.append(contentsOf: wrapped.dropLast())
                current = wrapped.last ?? ""
                used = TextWidth.columns(current)
            } else {
                current = item
                used = size
            }
        }
        if used > 0 || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// `lead` then `text` wrapped to `width`, the lines after the first hanging under the
    /// text's start (a check's name under its mark). Where that would leave less than a third
    /// of the line, the rest of the text hangs four columns in, using the rest of the line.
    public static func hanging(_ lead: String, _ text: String, width: Int) -> [String] {
        let leadWidth = TextWidth.columns(lead)
        guard leadWidth > width / 3 * 2 else {
            let pad = String(repeating: " ", count: leadWidth)
            return TextWrap.wrap(text, width: max(10, width - leadWidth)).enumerated()
                .map { $0.offset == 0 ? lead + $0.element : pad + $0.element }
        }
        // The first line takes what fits after the lead; the rest wrap at the full width.
        let first = TextWrap.wrap(text, width: max(1, width - leadWidth))
        guard first.count > 1, width - leadWidth >= 8 else {
            return first.count == 1 && width - leadWidth >= 8 ? [lead + first[0]]
                : [lead] + TextWrap.wrap(text, width: width - 4).map { "    " + $0 }
        }
        let rest = first.dropFirst().joined(separator: " ")
        return [lead + first[0]] + TextWrap.wrap(rest, width: width - 4).map { "    " + $0 }
    }

    /// Each line of `text` wrapped to `width` (a message under a check, a sentence of advice).
    public static func wrapped(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let pad = String(repeating: " ", count: indent)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { TextWrap.wrap(String($0), width: max(10, width - indent)) }
            .map { $0.isEmpty ? $0 : pad + $0 }
    }

    /// `text` cut to `width` columns with "…" when it is wider (a title in a one-line row).
    public static func shortened(_ text: String, width: Int) -> String {
        TextWrap.clip(text, width: max(1, width), marker: "…")
    }
}
