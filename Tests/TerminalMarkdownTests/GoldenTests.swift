import XCTest
@testable import TerminalMarkdown

/// Renders each sample in Samples/ at widths 40 and 100, plain and in colour, and compares with
/// the files in Goldens/. Run with UPDATE_GOLDENS=1 to rewrite them (then read the diff!).
final class GoldenTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let samples = ["headings", "paragraphs", "code", "quotes", "lists", "links", "tables", "breaks-html", "korean", "wide"]
    static let widths = [40, 100]

    func testGoldens() throws {
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"
        for sample in GoldenTests.samples {
            let source = try String(contentsOf: GoldenTests.directory.appendingPathComponent("Samples/\(sample).md"), encoding: .utf8)
            for width in GoldenTests.widths {
                for color in [false, true] {
                    let options = RenderOptions(width: width, color: color, hyperlinks: color)
                    let output = MarkdownRenderer(options: options).render(source)
                    let name = "\(sample).w\(width).\(color ? "color" : "plain").txt"
                    let url = GoldenTests.directory.appendingPathComponent("Goldens/\(name)")

                    checkLayout(output, width: width, color: color, name: name)
                    checkTablesLineUp(output, name: name)
                    if update {
                        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                        try output.write(to: url, atomically: true, encoding: .utf8)
                        continue
                    }
                    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
                        XCTFail("missing golden \(name); run with UPDATE_GOLDENS=1")
                        continue
                    }
                    if output != expected {
                        XCTFail("\(name) differs from its golden:\n\(GoldenTests.firstDifference(expected: expected, actual: output))")
                    }
                }
            }
        }
    }

    /// Properties every golden must have, checked on fresh output so a bad golden cannot be
    /// committed by UPDATE_GOLDENS: no escapes in plain output, no line wider than the width
    /// (code and figures included: their long lines are clipped with a marker).
    private func checkLayout(_ output: String, width: Int, color: Bool, name: String) {
        if !color {
            XCTAssertFalse(output.utf8.contains(0x1B), "\(name): escape byte in plain output")
        }
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let columns = TextWidth.columns(String(line))
            if columns > width {
                XCTFail("\(name): line of \(columns) columns is wider than \(width):\n\(line)")
            }
        }
    }

    /// Box tables (from ┌ to └) must have their column borders at the same display columns on
    /// every line, which is what goes wrong first when a width is miscounted (Hangul, escapes).
    private func checkTablesLineUp(_ output: String, name: String) {
        var table: [String] = []
        for line in output.split(separator: "\n").map({ GoldenTests.withoutEscapes(String($0)) }) {
            if line.hasPrefix("┌") { table = [line]; continue }
            guard !table.isEmpty else { continue }
            table.append(line)
            if line.hasPrefix("└") {
                let expected = GoldenTests.borderColumns(table[0])
                for row in table where GoldenTests.borderColumns(row) != expected {
                    XCTFail("\(name): table borders do not line up:\n\(table.joined(separator: "\n"))")
                    break
                }
                table = []
            }
        }
    }

    static func borderColumns(_ row: String) -> [Int] {
        var columns: [Int] = []
        var column = 0
        for character in row {
            if "│┌┐└┘├┤┬┴┼╞╡╪".contains(character) { columns.append(column) }
            column += TextWidth.columns(String(character))
        }
        return columns
    }

    static func withoutEscapes(_ s: String) -> String {
        var result = ""
        TerminalText.scan(s) { if case .scalar(let scalar, _) = $0 { result.unicodeScalars.append(scalar) } }
        return result
    }

    /// A readable description of where two texts part: line number, both lines, and escapes made visible.
    static func firstDifference(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(e.count, a.count) {
            let el = index < e.count ? String(e[index]) : "<no line>"
            let al = index < a.count ? String(a[index]) : "<no line>"
            if el != al {
                return "line \(index + 1):\n  expected: \(visible(el))\n  actual:   \(visible(al))"
            }
        }
        return "(texts differ only in line endings)"
    }

    static func visible(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{1B}", with: "␛")
    }
}
