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

final class TextWidthMoreTests: XCTestCase {
    func testCombiningMarksTakeNoColumns() {
        XCTAssertEqual(TextWidth.columns("e\u{301}"), 1)          // é as e + combining acute
        XCTAssertEqual(TextWidth.columns("\u{1112}\u{1161}\u{11AB}"), 2) // 한 as conjoining jamo
    }

    func testEmojiAreWide() {
        XCTAssertEqual(TextWidth.columns("🙂"), 2)
        XCTAssertEqual(TextWidth.columns("ok 👍"), 5)
    }

    func testControlCharactersTakeNoColumns() {
        XCTAssertEqual(TextWidth.columns("a\u{7}b\u{0}"), 2)
    }

    func testEscapeSequencesTakeNoColumns() {
        XCTAssertEqual(TextWidth.columns("\u{1B}[1;35mhi\u{1B}[0m"), 2)
        XCTAssertEqual(TextWidth.columns("\u{1B}]8;;https://example.com\u{1B}\\link\u{1B}]8;;\u{1B}\\"), 4)
        XCTAssertEqual(TextWidth.columns("\u{1B}]0;title\u{7}x"), 1)
        XCTAssertEqual(TextWidth.columns("\u{1B}[33m한국어\u{1B}[39m"), 6)
        // A truncated sequence at the end must not crash or count.
        XCTAssertEqual(TextWidth.columns("a\u{1B}["), 1)
        XCTAssertEqual(TextWidth.columns("a\u{1B}"), 1)
    }
}
