extension Harness {
    /// Prints rows as a small table for a demo: the first column left-aligned, the others
    /// right-aligned, padded by terminal columns (a Hangul syllable takes two).
    static func printTable(_ rows: [[String]]) {
        guard let first = rows.first else { return }
        let columns = first.indices.map { column in rows.map { displayWidth($0[column]) }.max() ?? 0 }
        for row in rows {
            var line = " "
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: columns[column] - displayWidth(cell))
                line += column == 0 ? " " + cell + pad : "   " + pad + cell
            }
            print(line)
        }
    }

    /// Terminal columns of `text`: East Asian wide characters (Hangul, CJK, full-width forms)
    /// count two. The harness has no wcwidth (Glibc's Swift module does not export it).
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let wide = (0x1100...0x115F).contains(scalar.value)
                || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value)
                || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value)
            return total + (wide ? 2 : 1)
        }
    }
}
