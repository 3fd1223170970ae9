import XCTest
import TerminalMarkdown
@testable import LearnKit

/// Demo output on a terminal narrower than the 80 columns demos are written for: wrapped at
/// spaces by display width, never cut mid-word by the terminal.
final class DemoLineWrapperTests: XCTestCase {
    private func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testLongLinesWrapAtSpacesWithTheirIndent() {
        let wrapper = DemoLineWrapper(width: 40)
        let korean = "  close를 잊은 반복문은 이 벽에 부딪힙니다. 옆의 다른 프로그램은 멀쩡합니다.\n"
        let english = "write(3, 1 MB), non-blocking: 219264 bytes taken (the rest did not fit)\n"
        let out = lines(wrapper.feed(Array((korean + english + "short\n").utf8), stderr: false))
        XCTAssertEqual(out.last, "", "the output does not end with its newline")
        let shown = out.dropLast()
        XCTAssertTrue(shown.allSatisfy { TextWidth.columns($0) <= 40 }, shown.joined(separator: "\n"))
        XCTAssertEqual(shown.last, "short")
        XCTAssertTrue(shown[0].hasPrefix("  close를"), shown[0])
        XCTAssertTrue(shown[1].hasPrefix("    ") && !shown[1].hasPrefix("     "), "a continuation is indented two more: \(shown[1])")
        // Every word arrives whole: joining the pieces gives back the words of the input.
        let words = (korean + english + "short").split(whereSeparator: \.isWhitespace)
        XCTAssertEqual(shown.joined(separator: " ").split(whereSeparator: \.isWhitespace), words)
    }

    func testAPartialLineWaitsForItsEnd() {
        let wrapper = DemoLineWrapper(width: 40)
        XCTAssertEqual(wrapper.feed(Array("half a ".utf8), stderr: false), [])
        XCTAssertEqual(lines(wrapper.feed(Array("line\nand more".utf8), stderr: false)), ["half a line", ""])
        XCTAssertEqual(wrapper.feed(Array("error: ".utf8), stderr: true), [], "streams keep buffers of their own")
        let rest = wrapper.finish()
        XCTAssertEqual(String(decoding: rest.stdout, as: UTF8.self), "and more")
        XCTAssertEqual(String(decoding: rest.stderr, as: UTF8.self), "error: ")
    }

    func testLinesThatFitAreLeftAsTheyAre() {
        let wrapper = DemoLineWrapper(width: 100)
        let line = "  member 1 got \"hello, group!\" (13 bytes) from 127.0.0.1:47334\tand a tab\n"
        XCTAssertEqual(wrapper.feed(Array(line.utf8), stderr: false), Array(line.utf8))
    }
}
