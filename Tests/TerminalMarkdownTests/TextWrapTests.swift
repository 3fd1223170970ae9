import XCTest
@testable import TerminalMarkdown

final class TextWrapTests: XCTestCase {
    func testBreaksAtSpaces() {
        XCTAssertEqual(TextWrap.wrap("the quick brown fox jumps", width: 10), ["the quick", "brown fox", "jumps"])
    }

    func testHangulWrapsAtSpacesByColumns() {
        // Each syllable is two columns: "소켓을 직접" is 11, "열고 닫습니다" would be 13.
        XCTAssertEqual(TextWrap.wrap("소켓을 직접 열고 닫습니다", width: 12), ["소켓을 직접", "열고", "닫습니다"])
        XCTAssertEqual(TextWrap.wrap("소켓을 직접 열고 닫습니다", width: 13), ["소켓을 직접", "열고 닫습니다"])
    }

    func testLongWordIsCutByColumns() {
        XCTAssertEqual(TextWrap.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        // A two-column syllable never straddles the edge.
        XCTAssertEqual(TextWrap.wrap("가나다라마", width: 5), ["가나", "다라", "마"])
    }

    func testHardBreaksAreKept() {
        XCTAssertEqual(TextWrap.wrap("one\ntwo three", width: 40), ["one", "two three"])
        XCTAssertEqual(TextWrap.wrap("", width: 10), [""])
    }

    func testStylesAreClosedAndReopenedAcrossLines() {
        let bold = "\u{1B}[1m"
        let lines = TextWrap.wrap("\(bold)one two\u{1B}[22m three", width: 5)
        XCTAssertEqual(lines, ["\(bold)one\u{1B}[0m", "\(bold)two\u{1B}[22m", "three"])
        let link = "\u{1B}]8;;https://x.org\u{1B}\\"
        let linked = TextWrap.wrap("\(link)ab cd\u{1B}]8;;\u{1B}\\", width: 2)
        XCTAssertEqual(linked, ["\(link)ab\u{1B}]8;;\u{1B}\\", "\(link)cd\u{1B}]8;;\u{1B}\\"])
    }

    /// Property: for many random strings of ASCII words, Hangul words, emoji, combining marks
    /// and styling, no line is wider than the width and no word is lost or reordered.
    func testRandomTextNeverOverflowsAndKeepsEveryWord() {
        var generator = SplitMix(seed: 0x5EED)
        let pieces = ["a", "bc", "socket", "TCP/IP", "연결", "한국어", "네트워크", "é", "e\u{301}", "👍", "x", "0123456789",
                      "\u{1B}[1m", "\u{1B}[22m", "\u{200B}", "\u{301}", "\u{1B}[36m", "\u{1B}[39m", "가나다라마바사아자차카타파하"]
        for _ in 0..<2000 {
            let width = Int.random(in: 2...50, using: &generator)
            var words: [String] = []
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                var word = ""
                for _ in 0..<Int.random(in: 1...4, using: &generator) { word += pieces.randomElement(using: &generator)! }
                words.append(word)
            }
            let separators = [" ", " ", " ", "  ", "\n"]
            var text = ""
            for (index, word) in words.enumerated() {
                if index > 0 { text += separators.randomElement(using: &generator)! }
                text += word
            }
            let lines = TextWrap.wrap(text, width: width)
            for line in lines {
                XCTAssertLessThanOrEqual(TextWidth.columns(line), width, "width \(width): \(line.debugDescription) from \(text.debugDescription)")
            }
            XCTAssertEqual(visible(lines.joined()), visible(words.joined()), "text changed wrapping \(text.debugDescription) at \(width)")
        }
    }

    /// Text without whitespace and escapes: wrapping may move spaces and add style codes, nothing else.
    private func visible(_ s: String) -> String {
        var result = ""
        TerminalText.scan(s) { segment in
            if case .scalar(let scalar, _) = segment, scalar != " ", scalar != "\n" { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}

/// A small seeded generator, so a failing property case is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
