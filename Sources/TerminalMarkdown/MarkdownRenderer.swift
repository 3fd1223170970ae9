/// How to lay out and style rendered Markdown.
public struct RenderOptions {
    /// Columns to lay text out in. The caller caps it (say, at 100) for readability; widths
    /// below 20 are treated as 20. Code blocks are never wrapped: they are clipped (`clipsCode`).
    public var width: Int
    /// ANSI styling. Off, the output contains no escape byte at all.
    public var color: Bool
    /// OSC 8 hyperlinks for links; only used when `color` is on.
    public var hyperlinks: Bool
    /// Lines of code and figures wider than `width` end in a "…" at the edge (on a screen,
    /// where the terminal would wrap them); off, they are kept whole (text for a file or a pipe).
    public var clipsCode: Bool

    public init(width: Int = 80, color: Bool = false, hyperlinks: Bool = false, clipsCode: Bool = true) {
        self.width = width
        self.color = color
        self.hyperlinks = hyperlinks
        self.clipsCode = clipsCode
    }
}

/// Renders CommonMark (plus GFM pipe tables) as text for a terminal.
public struct MarkdownRenderer {
    public let options: RenderOptions

    /// Narrower than this, nothing can be laid out sensibly; a tiny or negative width from a
    /// confused caller is raised to it instead of producing one character per line (or crashing).
    static let minimumWidth = 20

    public init(options: RenderOptions) {
        self.options = options
    }

    public func render(_ markdown: String) -> String {
        let source = SafeText.clean(MarkdownRenderer.normalizingLineEndings(markdown), keepTabs: true)
        let document = CmarkDocument(source)
        var layoutOptions = options
        layoutOptions.width = max(options.width, MarkdownRenderer.minimumWidth)
        let renderer = BlockRenderer(options: layoutOptions, source: SourceLines(source))
        // The nodes point into the document's tree: keep it alive until rendering is done.
        let lines = withExtendedLifetime(document) { document.root.map(renderer.render) ?? [] }
        var output = ""
        for line in lines {
            // Trailing blanks are invisible but make copied text and golden files messy.
            var end = line.endIndex
            while end > line.startIndex, line[line.index(before: end)] == " " { end = line.index(before: end) }
            output += line[..<end]
            output += "\n"
        }
        return output
    }

    /// cmark treats \r\n, \r and \n alike; making them all \n lets the table recogniser find a
    /// paragraph's source lines by cmark's line numbers with a plain split.
    static func normalizingLineEndings(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if !(scalar == "\n" && previousWasCR) { scalars.append(scalar) }
            previousWasCR = false
        }
        return String(scalars)
    }
}

/// The document's source, by cmark's 1-based line numbers.
struct SourceLines {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Lines `first...last`, clamped to what exists.
    func lines(_ first: Int, _ last: Int) -> [Substring] {
        let lower = max(first, 1), upper = min(last, lines.count)
        guard lower <= upper else { return [] }
        return Array(lines[(lower - 1)...(upper - 1)])
    }
}

