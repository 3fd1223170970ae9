import XCTest
@testable import TerminalMarkdown

final class TableTests: XCTestCase {
    private func render(_ markdown: String, width: Int = 60, color: Bool = false) -> [String] {
        MarkdownRenderer(options: RenderOptions(width: width, color: color)).render(markdown)
            .split(separator: "\n").map(String.init)
    }

    /// Every row of a box table has its column borders at the same display columns.
    private func assertColumnsLineUp(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
        func borderColumns(_ row: String) -> [Int] {
            var columns: [Int] = []
            var column = 0
            for character in row {
                if "│┌┐└┘├┤┬┴┼╞╡╪".contains(character) { columns.append(column) }
                column += TextWidth.columns(String(character))
            }
            return columns
        }
        let tableLines = lines.filter { $0.hasPrefix("│") || $0.hasPrefix("┌") || $0.hasPrefix("├") || $0.hasPrefix("╞") || $0.hasPrefix("└") }
        XCTAssertFalse(tableLines.isEmpty, "no table rendered", file: file, line: line)
        let expected = borderColumns(tableLines[0])
        for row in tableLines {
            XCTAssertEqual(borderColumns(row), expected, "misaligned: \(row)", file: file, line: line)
        }
    }

    func testHangulCellsAlignByDisplayWidth() {
        let lines = render("""
            | 이름 | 설명 |
            | --- | --- |
            | 소켓 | 통신의 끝점 |
            | socket | an endpoint |
            """)
        assertColumnsLineUp(lines)
        XCTAssertEqual(lines, [
            "┌────────┬─────────────┐",
            "│ 이름   │ 설명        │",
            "╞════════╪═════════════╡",
            "│ 소켓   │ 통신의 끝점 │",
            "│ socket │ an endpoint │",
            "└────────┴─────────────┘",
        ])
    }

    func testDelimiterRowSetsAlignment() {
        let lines = render("""
            left | center | right | none
            :--- | :----: | ----: | ---
            a | b | c | d
            long cell | long cell | long cell | long cell
            """)
        XCTAssertTrue(lines.contains("│ a         │     b     │         c │ d         │"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("│ left      │  center   │     right │ none      │"), lines.joined(separator: "\n"))
    }

    func testNarrowWidthWrapsCellsInsideTheirColumns() {
        let markdown = """
            | Protocol | Description |
            |---|---|
            | TCP | reliable ordered byte stream with flow control and congestion control |
            | UDP | 신뢰성이 없는 데이터그램 전송, 순서도 보장하지 않습니다 |
            """
        for width in [24, 30, 40] {
            let lines = render(markdown, width: width)
            assertColumnsLineUp(lines)
            for line in lines { XCTAssertLessThanOrEqual(TextWidth.columns(line), width, line) }
            // At 24 columns "Description" itself cannot fit and is cut; from 30 every word fits whole.
            guard width >= 30 else { continue }
            let text = lines.joined(separator: " ")
            for word in ["reliable", "congestion", "control", "신뢰성이", "보장하지", "않습니다"] {
                XCTAssertTrue(text.contains(word), "\(word) lost at width \(width):\n\(lines.joined(separator: "\n"))")
            }
        }
    }

    func testInlineMarkdownInCells() {
        let plain = render("""
            | Call | Note |
            |------|------|
            | `bind()` | **must** come *first* |
            """)
        XCTAssertTrue(plain.contains("│ `bind()` │ must come first │"), plain.joined(separator: "\n"))
        let colored = render("| Call |\n|---|\n| `bind()` |", color: true).joined(separator: "\n")
        XCTAssertTrue(colored.contains("\u{1B}[33mbind()\u{1B}[0m"), colored)
    }

    func testTooManyColumnsForTheWidthAreStacked() {
        let lines = render("""
            | a | b | c | d | e | f |
            |---|---|---|---|---|---|
            | 1 | 2 | 3 | 4 | 5 | 6 |
            """, width: 20)
        XCTAssertEqual(lines, ["a: 1", "b: 2", "c: 3", "d: 4", "e: 5", "f: 6"])
    }

    func testParagraphsWithPipesThatAreNotTablesStayParagraphs() {
        XCTAssertEqual(render("a | b\nc | d"), ["a | b c | d"])
        XCTAssertEqual(render("| a | b |\n| --- |"), ["| a | b | | --- |"])
    }

    func testTextBeforeTheHeaderStaysAParagraph() {
        let lines = render("Some *text*\n| a |\n|---|\n| 1 |")
        XCTAssertEqual(lines.first, "Some text")
        assertColumnsLineUp(Array(lines.dropFirst()))
    }

    func testTableInsideAQuoteAndAList() {
        let quoted = render("> | 키 | 값 |\n> |---|---|\n> | 가 | 나 |")
        XCTAssertEqual(quoted, ["│ ┌────┬────┐", "│ │ 키 │ 값 │", "│ ╞════╪════╡", "│ │ 가 │ 나 │", "│ └────┴────┘"])
        let listed = render("- | k | v |\n  |---|--:|\n  | a | 1 |")
        XCTAssertEqual(listed.first, "• ┌───┬───┐")
        XCTAssertEqual(listed[3], "  │ a │ 1 │")
    }
}
