/// Lays a `PipeTable` out in box-drawing characters, columns aligned by display width.
///
/// When the natural table is wider than the line, columns shrink (first down to their longest
/// word, then further) and cells wrap inside their column. When even that cannot work (many
/// columns on a narrow line), each row is written as "header: value" lines instead.
struct TableLayout {
    let table: PipeTable
    let options: RenderOptions
    let inline: InlineRenderer

    /// Narrower columns than this make a table unreadable; switch to the stacked layout instead.
    static let minimumColumnWidth = 4

    func lines(width: Int) -> [String] {
        let columnCount = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        // GFM ignores surplus cells; we would rather show them (under an empty header) than lose text.
        func padded(_ row: [String]) -> [String] { row + Array(repeating: "", count: columnCount - row.count) }
        let header = padded(table.header).map { renderCell($0, header: true) }
        let rows = table.rows.map { padded($0).map { renderCell($0, header: false) } }
        let alignments = table.alignments + Array(repeating: .none, count: columnCount - table.alignments.count)

        // "│ a │ b │": three columns of border and padding per column, plus one.
        let available = width - (3 * columnCount + 1)
        guard available >= TableLayout.minimumColumnWidth * columnCount else {
            return stacked(header: header, rows: rows, width: width)
        }
        let widths = columnWidths(cells: [header] + rows, available: available)
        let ansi = Ansi(enabled: options.color)

        func rule(_ left: String, _ middle: String, _ right: String, line: String = "─") -> String {
            ansi.dim(left + widths.map { String(repeating: line, count: $0 + 2) }.joined(separator: middle) + right)
        }
        func rowLines(_ cells: [String]) -> [String] {
            let wrapped = cells.enumerated().map { TextWrap.wrap($0.element, width: widths[$0.offset]) }
            let height = wrapped.map(\.count).max() ?? 1
            let bar = ansi.dim("│")
            return (0..<height).map { lineIndex in
                var line = bar
                for column in 0..<columnCount {
                    let text = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : ""
                    line += " " + TableLayout.align(text, width: widths[column], alignments[column]) + " " + bar
                }
                return line
            }
        }

        var lines = [rule("┌", "┬", "┐")]
        lines += rowLines(header)
        // A double rule under the header keeps it apart from body rows, which may have rules too.
        lines.append(rule("╞", "╪", "╡", line: "═"))
        let bodies = rows.map(rowLines)
        // Once a cell wraps, rows need separators or their lines run together.
        let separateRows = bodies.contains { $0.count > 1 }
        for (index, body) in bodies.enumerated() {
            if index > 0 && separateRows { lines.append(rule("├", "┼", "┤")) }
            lines += body
        }
        lines.append(rule("└", "┴", "┘"))
        return lines
    }

    /// One cell's Markdown rendered as styled inline text.
    private func renderCell(_ markdown: String, header: Bool) -> String {
        let source = TableLayout.escapingBlockSyntax(markdown)
        let document = CmarkDocument(source)
        return withExtendedLifetime(document) {
            guard let root = document.root else { return markdown }
            let parts = root.children.map { block -> String in
                switch block.kind {
                case .paragraph, .heading:
                    return inline.render(block, base: header ? [.bold] : [])
                default:
                    return PlainText.blocks(block)
                }
            }
            return parts.joined(separator: " ").replacingNewlines()
        }
    }

    /// Within a cell, `1. x`, `- x`, `# x` or `> x` are text, not a list, heading or quote:
    /// escape their first character before handing the cell to cmark.
    static func escapingBlockSyntax(_ cell: String) -> String {
        guard let first = cell.first else { return cell }
        if "#>+-=~".contains(first) { return "\\" + cell }
        if (first == "*" || first == "_") {
            let rest = cell.dropFirst()
            let isBullet = first == "*" && (rest.isEmpty || rest.first == " ")
            let isRule = cell.filter { $0 != " " }.allSatisfy { $0 == first } && cell.filter { $0 == first }.count >= 3
            if isBullet || isRule { return "\\" + cell }
        }
        if first.isASCII && first.isNumber {
            let digits = cell.prefix { $0.isASCII && $0.isNumber }
            let after = cell.dropFirst(digits.count)
            if digits.count <= 9, let marker = after.first, marker == "." || marker == ")",
               after.count == 1 || after.dropFirst().first == " " {
                let index = cell.index(cell.startIndex, offsetBy: digits.count)
                return String(cell[..<index]) + "\\" + String(cell[index...])
            }
        }
        if cell.hasPrefix("```") { return "\\" + cell }
        return cell
    }

    /// Column widths that fit `available` columns in total.
    private func columnWidths(cells: [[String]], available: Int) -> [Int] {
        let columnCount = cells.first?.count ?? 0
        var natural = Array(repeating: 1, count: columnCount)
        var longestWord = Array(repeating: 1, count: columnCount)
        for row in cells {
            for (column, cell) in row.enumerated() {
                natural[column] = max(natural[column], TextWidth.columns(cell))
                for word in cell.split(separator: " ") {
                    longestWord[column] = max(longestWord[column], TextWidth.columns(String(word)))
                }
            }
        }
        if natural.reduce(0, +) <= available { return natural }

        var widths = longestWord
        if widths.reduce(0, +) <= available {
            // Every word fits whole. Share the rest like water filling: columns that want less
            // than an even share get all they want (a short column that wraps costs a line per
            // row for nothing), the others split what is left evenly.
            var spare = available - widths.reduce(0, +)
            var hungry = Set(natural.indices.filter { natural[$0] > widths[$0] })
            while !hungry.isEmpty && spare > 0 {
                let share = spare / hungry.count
                let satisfiable = hungry.filter { natural[$0] - widths[$0] <= share }
                if satisfiable.isEmpty {
                    // Nobody is satisfied by an even share: hand it out, leftovers in column order.
                    for (rank, column) in hungry.sorted().enumerated() {
                        widths[column] += share + (rank < spare % hungry.count ? 1 : 0)
                    }
                    break
                }
                for column in satisfiable {
                    spare -= natural[column] - widths[column]
                    widths[column] = natural[column]
                    hungry.remove(column)
                }
            }
            return widths
        }
        // Even the longest words do not fit: take from the widest column until the table fits;
        // words there get cut.
        while widths.reduce(0, +) > available {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                  widths[widest] > TableLayout.minimumColumnWidth else { break }
            widths[widest] -= 1
        }
        return widths
    }

    /// `text` padded to `width` display columns as the column's alignment says.
    static func align(_ text: String, width: Int, _ alignment: PipeTable.Alignment) -> String {
        let room = max(0, width - TextWidth.columns(text))
        switch alignment {
        case .none, .left:
            return text + String(repeating: " ", count: room)
        case .right:
            return String(repeating: " ", count: room) + text
        case .center:
            return String(repeating: " ", count: room / 2) + text + String(repeating: " ", count: room - room / 2)
        }
    }

    /// Too many columns for the width: each row becomes a block of "header: value" lines.
    private func stacked(header: [String], rows: [[String]], width: Int) -> [String] {
        let ansi = Ansi(enabled: options.color)
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            if index > 0 { lines.append(ansi.dim(String(repeating: "─", count: min(width, 20)))) }
            for (column, cell) in row.enumerated() {
                let name = column < header.count ? header[column] : ""
                lines += TextWrap.wrap(name.isEmpty ? cell : name + ": " + cell, width: width)
            }
        }
        if rows.isEmpty {
            lines += TextWrap.wrap(header.joined(separator: " · "), width: width)
        }
        return lines
    }
}

extension String {
    func replacingNewlines() -> String {
        contains("\n") ? String(map { $0 == "\n" ? " " : $0 }) : self
    }
}
