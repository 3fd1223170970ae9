/// Lays out block-level nodes as lines of styled text, each at most `width` columns wide
/// (code is never re-wrapped: its long lines are clipped, or kept whole without `clipsCode`).
///
/// Containers render their children at a narrower width and put a prefix in front of each
/// resulting line: `│ ` for block quotes, the marker or a hanging indent for list items.
struct BlockRenderer {
    let options: RenderOptions
    let source: SourceLines
    let ansi: Ansi
    let inline: InlineRenderer

    /// Containers nested deeper than this are written as plain wrapped text. cmark itself accepts
    /// any depth; recursing thousands of levels here would overflow the stack.
    static let maximumDepth = 32
    /// Containers stop indenting when less than this would be left for their content.
    static let minimumContentWidth = 12

    init(options: RenderOptions, source: SourceLines) {
        self.options = options
        self.source = source
        self.ansi = Ansi(enabled: options.color)
        self.inline = InlineRenderer(options: options)
    }

    func render(_ document: CmarkNode) -> [String] {
        blocks(document.children, width: options.width, context: Context())
    }

    /// Where a block sits: how deep, and how many lists and quotes surround it.
    struct Context {
        var depth = 0
        var listDepth = 0
        var quoteDepth = 0
    }

    /// Blocks one after another, separated by blank lines unless `tight` (a tight list item).
    private func blocks(_ nodes: [CmarkNode], width: Int, context: Context, tight: Bool = false) -> [String] {
        var lines: [String] = []
        for node in nodes {
            let rendered = block(node, width: width, context: context)
            if rendered.isEmpty { continue }
            if !lines.isEmpty && !tight { lines.append("") }
            lines += rendered
        }
        return lines
    }

    private func block(_ node: CmarkNode, width: Int, context: Context) -> [String] {
        if context.depth > BlockRenderer.maximumDepth {
            return TextWrap.wrap(PlainText.blocks(node), width: width).filter { !$0.isEmpty }
        }
        switch node.kind {
        case .paragraph:
            return paragraph(node, width: width, context: context)
        case .heading:
            return heading(node, width: width)
        case .codeBlock:
            return CodeBlock(node: node, ansi: ansi, width: options.clipsCode ? width : nil).lines()
        case .thematicBreak:
            // Dashed, so a break is not mistaken for the rule under a level-2 heading.
            return [ansi.dim(String(repeating: "╌", count: width))]
        case .blockQuote:
            return blockQuote(node, width: width, context: context)
        case .list:
            return list(node, width: width, context: context)
        case .htmlBlock:
            // Raw HTML has no terminal rendering; it is dropped.
            return []
        default:
            var inner = context
            inner.depth += 1
            return blocks(node.children, width: width, context: inner)
        }
    }

    private func paragraph(_ node: CmarkNode, width: Int, context: Context) -> [String] {
        if let table = PipeTable(lines: tableSourceLines(of: node, quoteDepth: context.quoteDepth)) {
            var lines: [String] = []
            if !table.leadingText.isEmpty {
                // Text before the header row is an ordinary paragraph.
                let text = table.leadingText.joined(separator: "\n")
                let document = CmarkDocument(text)
                let renderer = BlockRenderer(options: options, source: SourceLines(text))
                lines += withExtendedLifetime(document) { document.root.map { renderer.blocks($0.children, width: width, context: context) } ?? [] }
            }
            lines += TableLayout(table: table, options: options, inline: inline).lines(width: width)
            return lines
        }
        let text = inline.render(node)
        // A paragraph of nothing but raw HTML tags renders empty: no blank line for it.
        guard TextWidth.columns(text) > 0 else { return [] }
        return TextWrap.wrap(text, width: width)
    }

    /// The paragraph's own source lines, without the markers of the quotes and list items around
    /// it. cmark's text of a paragraph has lost the line structure a table needs.
    private func tableSourceLines(of node: CmarkNode, quoteDepth: Int) -> [String] {
        let raw = source.lines(node.startLine, node.endLine)
        // Cheap test first: a table needs a pipe on its delimiter row.
        guard raw.count >= 2, raw.contains(where: { $0.contains("|") }) else { return [] }
        return raw.enumerated().map { index, line in
            if index == 0 {
                // The first line starts at the paragraph's start column (after any list marker).
                let skip = max(0, node.startColumn - 1)
                let utf8 = line.utf8
                if skip <= utf8.count, let start = utf8.index(utf8.startIndex, offsetBy: skip, limitedBy: utf8.endIndex),
                   let text = String(line.utf8[start...]) {
                    return text
                }
                return String(line)
            }
            var rest = line.drop { $0 == " " || $0 == "\t" }
            for _ in 0..<quoteDepth where rest.first == ">" {
                rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            }
            return String(rest)
        }
    }

    private func heading(_ node: CmarkNode, width: Int) -> [String] {
        let level = node.headingLevel
        switch level {
        case 1:
            let text = inline.render(node, base: [.bold, .magenta])
            let title = text.isEmpty ? [] : TextWrap.wrap(text, width: width)
            return title + [ansi.magenta(String(repeating: "═", count: width))]
        case 2:
            let text = inline.render(node, base: [.bold, .cyan])
            let title = text.isEmpty ? [] : TextWrap.wrap(text, width: width)
            return title + [ansi.cyan(String(repeating: "─", count: width))]
        default:
            // Without colour, the number of #s is what tells levels 3 to 6 apart.
            let marker = String(repeating: "#", count: max(1, min(level, 6)))
            let text = inline.render(node, base: [.bold])
            let prefix = ansi.dim(marker) + " "
            let indent = String(repeating: " ", count: marker.count + 1)
            let lines = TextWrap.wrap(text, width: width - indent.count)
            return lines.enumerated().map { ($0.offset == 0 ? prefix : indent) + $0.element }
        }
    }

    private func blockQuote(_ node: CmarkNode, width: Int, context: Context) -> [String] {
        var inner = context
        inner.depth += 1
        inner.quoteDepth += 1
        let bar = ansi.dim("│")
        guard width - 2 >= BlockRenderer.minimumContentWidth else {
            return blocks(node.children, width: width, context: inner)
        }
        let lines = blocks(node.children, width: width - 2, context: inner)
        return lines.map { $0.isEmpty ? bar : bar + " " + $0 }
    }

    private func list(_ node: CmarkNode, width: Int, context: Context) -> [String] {
        let items = node.children
        let tight = node.isTightList
        var markers: [String]
        if node.isOrderedList {
            let delimiter = node.usesParenDelimiter ? ")" : "."
            let start = node.listStart
            markers = items.indices.map { "\(start + $0)\(delimiter)" }
            // Right-align the numbers so the item texts line up: " 9." above "10.".
            let widest = markers.map(\.count).max() ?? 0
            markers = markers.map { String(repeating: " ", count: widest - $0.count) + $0 }
        } else {
            let bullets = ["•", "◦", "▪", "▫"]
            markers = Array(repeating: bullets[context.listDepth % bullets.count], count: items.count)
        }
        let markerWidth = (markers.map { TextWidth.columns($0) }.max() ?? 1) + 1
        var inner = context
        inner.depth += 1
        inner.listDepth += 1
        let hangs = width - markerWidth >= BlockRenderer.minimumContentWidth
        let contentWidth = hangs ? width - markerWidth : width
        let indent = String(repeating: " ", count: markerWidth)

        var lines: [String] = []
        for (index, item) in items.enumerated() {
            if index > 0 && !tight { lines.append("") }
            var itemContext = inner
            itemContext.depth += 1
            let body = blocks(item.children, width: contentWidth, context: itemContext, tight: tight)
            let marker = ansi.cyan(markers[index])
            guard hangs else {
                // Nested too deep to indent any further: the marker gets a line of its own and
                // the content keeps the full width, rather than a column of one word per line.
                lines.append(marker)
                lines += body
                continue
            }
            guard let first = body.first else {
                lines.append(marker)
                continue
            }
            lines.append(marker + " " + first)
            lines += body.dropFirst().map { $0.isEmpty ? "" : indent + $0 }
        }
        return lines
    }
}
