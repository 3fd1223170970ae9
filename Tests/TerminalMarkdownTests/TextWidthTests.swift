import XCTest
@testable import TerminalMarkdown

final class TextWidthTests: XCTestCase {
    func testASCII() {
        XCTAssertEqual(TextWidth.columns(""), 0)
        XCTAssertEqual(TextWidth.columns("hello, world"), 12)
    }

    func testHangulIsTwoColumnsPerSyllable() {
        XCTAssertEqual(TextWidth.columns("한국어"), 6)
        XCTAssertEqual(TextWidth.columns("소켓 socket"), 11)
    }
}
