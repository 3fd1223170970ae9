/// A GFM pipe table recognised in the source lines of a paragraph.
///
/// cmark 0.30 knows no tables: it parses one as an ordinary paragraph. A paragraph is a table
/// when one of its lines is a delimiter row (`---`, `:--`, `--:`, `:-:` cells) with as many cells
/// as the line above it, the header row. Lines after the delimiter row are body rows; lines
/// before the header stay an ordinary paragraph (`leadingText`).
struct PipeTable {
    enum Alignment { case none, left, center, right }

    var leadingText: [String]
    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]]

    /// Cells hold Markdown source (inline), unescaped `\|` included.
    init?(lines: [String]) {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count {
            guard lines[index].contains("|") || lines[index - 1].contains("|"),
                  let alignments = PipeTable.delimiterRow(lines[index]) else { continue }
            let header = PipeTable.cells(of: lines[index - 1])
            guard header.count == alignments.count else { continue }
            self.leadingText = Array(lines[..<(index - 1)])
            self.header = header
            self.alignments = alignments
            self.rows = lines[(index + 1)...]
                .filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
                .map(PipeTable.cells(of:))
            return
        }
        return nil
    }

    /// The alignments a delimiter row declares, or nil if the line is not one.
    static func delimiterRow(_ line: String) -> [Alignment]? {
        guard line.contains("-") else { return nil }
        var result: [Alignment] = []
        for cell in cells(of: line) {
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":") && cell.count > 1
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            switch (left, right) {
            case (true, true): result.append(.center)
            case (true, false): result.append(.left)
            case (false, true): result.append(.right)
            case (false, false): result.append(.none)
            }
        }
        return result.isEmpty ? nil : result
    }

    /// A row's cells, trimmed: split at pipes, except escaped ones (`\|`), ignoring a leading and
    /// a trailing pipe.
    static func cells(of line: String) -> [String] {
        var text = Substring(line).trimmingBlanks()
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                // GFM: `\|` puts a literal pipe in the cell; other escapes are inline Markdown's business.
                if character != "|" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(String(Substring(current).trimmingBlanks()))
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        cells.append(String(Substring(current).trimmingBlanks()))
        return cells
    }
}

extension Substring {
    func trimmingBlanks() -> Substring {
        let isText: (Character) -> Bool = { $0 != " " && $0 != "\t" }
        guard let first = firstIndex(where: isText), let last = lastIndex(where: isText) else { return self[endIndex...] }
        return self[first...last]
    }
}
