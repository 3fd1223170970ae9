import XCTest
@testable import TerminalMarkdown

final class RendererTests: XCTestCase {
    private func render(_ markdown: String, width: Int = 40, color: Bool = false, hyperlinks: Bool = false) -> String {
        MarkdownRenderer(options: RenderOptions(width: width, color: color, hyperlinks: hyperlinks)).render(markdown)
    }

    func testEmptyInput() {
        XCTAssertEqual(render(""), "")
        XCTAssertEqual(render("\n\n  \n"), "")
    }

    func testCodeIsNeverWrappedButClippedWithAMarker() {
        let line = String(repeating: "x", count: 90)
        XCTAssertEqual(render("```\n\(line)\n```", width: 40), "    " + String(repeating: "x", count: 35) + "…\n")
        // Kept whole where nothing would wrap it (a file, a pipe).
        let whole = MarkdownRenderer(options: RenderOptions(width: 40, clipsCode: false)).render("```\n\(line)\n```")
        XCTAssertEqual(whole, "    \(line)\n")
        // Korean by display width: a syllable that would straddle the edge becomes a space.
        let korean = render("```\n" + String(repeating: "가", count: 30) + "\n```", width: 42)
        XCTAssertEqual(korean, "    " + String(repeating: "가", count: 18) + " …\n")
        XCTAssertEqual(TextWidth.columns(String(korean.dropLast())), 42)
        // Within a list item the narrower width counts.
        for text in [render("- item\n\n  ```\n  \(line)\n  ```", width: 40), render("> ```\n> \(line)\n> ```", width: 40)] {
            for output in text.split(separator: "\n") { XCTAssertLessThanOrEqual(TextWidth.columns(String(output)), 40, text) }
            XCTAssertTrue(text.contains("x…"), text)
        }
        // In colour the styles close before the marker.
        let colored = render("```swift\nlet s = \"\(line)\"\n```", width: 40, color: true)
        XCTAssertTrue(colored.contains("\u{1B}[0m\u{1B}[2m…"), colored)
        XCTAssertEqual(TextWidth.columns(String(colored.split(separator: "\n")[1])), 40)
    }

    /// A URL breaks after / ? & = rather than inside a word (CommonMark example 594 at 40
    /// columns used to lose "boolean" to the edge), and stays one link on a terminal.
    func testLongURLsBreakAfterSeparatorsAndStayOneLink() {
        XCTAssertEqual(render("<http://foo.bar.baz/test?q=hello&id=22&boolean>", width: 40),
                       "http://foo.bar.baz/test?q=hello&id=22&\nboolean\n")
        XCTAssertEqual(render("see <https://example.com/a/b>", width: 20), "see\nhttps://example.com/\na/b\n")
        // A piece wider than the line alone is still cut between characters.
        XCTAssertEqual(render("<http://x.org/" + String(repeating: "a", count: 30) + ">", width: 20),
                       "http://x.org/\n" + String(repeating: "a", count: 20) + "\n" + String(repeating: "a", count: 10) + "\n")
        let linked = render("<http://foo.bar.baz/test?q=hello&id=22&boolean>", width: 40, color: true, hyperlinks: true)
        let lines = linked.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, linked)
        let opening = InlineRenderer.openHyperlink("http://foo.bar.baz/test?q=hello&id=22&boolean")
        XCTAssertTrue(opening.contains(";id="), opening)
        for line in lines {
            XCTAssertTrue(line.hasPrefix(opening), "each line re-opens the same link (same id): \(GoldenTests.visible(line))")
            XCTAssertTrue(line.hasSuffix("\u{1B}]8;;\u{1B}\\"), GoldenTests.visible(line))
        }
    }

    func testLinksWithoutHyperlinksShowTheURL() {
        XCTAssertEqual(render("[docs](https://x.org)"), "docs (https://x.org)\n")
        XCTAssertEqual(render("<https://x.org>"), "https://x.org\n")
        XCTAssertEqual(render("![a cat](cat.png)"), "[image: a cat] (cat.png)\n")
        let colored = render("[docs](https://x.org)", color: true)
        XCTAssertTrue(colored.contains("docs") && colored.contains("(https://x.org)"), colored)
        XCTAssertFalse(colored.contains("\u{1B}]8"))
    }

    func testHyperlinksUseOSC8() {
        XCTAssertEqual(render("[docs](https://x.org)", color: true, hyperlinks: true),
                       InlineRenderer.openHyperlink("https://x.org") + "\u{1B}[34;4mdocs\u{1B}[0m\u{1B}]8;;\u{1B}\\\n")
        // Hyperlinks without colour would need escapes: the URL is written out instead.
        XCTAssertEqual(render("[docs](https://x.org)", hyperlinks: true), "docs (https://x.org)\n")
    }

    func testImageInsideAHyperlinkDoesNotBreakTheLink() {
        let output = render("[![logo](l.png) home](https://x.org)", color: true, hyperlinks: true)
        XCTAssertEqual(output.components(separatedBy: "\u{1B}]8;").count - 1, 2, output)
        XCTAssertEqual(render("[![logo](l.png) home](https://x.org)"), "[image: logo] (l.png) home\n(https://x.org)\n")
    }

    func testNestedStylesRestoreTheOuterStyle() {
        let output = render("**bold `code` still bold**", color: true)
        // The code span adds its colour to the open bold; its reset is followed by bold again.
        XCTAssertEqual(output, "\u{1B}[1mbold \u{1B}[33mcode\u{1B}[0m\u{1B}[1m still bold\u{1B}[0m\n")
    }

    func testEscapeCharactersFromTheDocumentAreNeutralised() {
        let output = render("evil &#27;[31m red \u{1B}]0;title\u{7} `\u{1B}[2J`\n\n```\n\u{1B}[2J\n```")
        XCTAssertFalse(output.utf8.contains(0x1B), output)
        XCTAssertFalse(output.utf8.contains(0x07), output)
    }

    func testOrderedListKeepsItsStartAndHangsContinuationLines() {
        XCTAssertEqual(render("3. three is a long item that wraps onto the next line\n4. four", width: 24),
                       "3. three is a long item\n   that wraps onto the\n   next line\n4. four\n")
    }

    func testLooseListsGetBlankLinesBetweenItems() {
        XCTAssertEqual(render("- a\n\n- b"), "• a\n\n• b\n")
        XCTAssertEqual(render("- a\n- b"), "• a\n• b\n")
    }

    func testHeadingLevelsAreDistinctWithoutColour() {
        XCTAssertEqual(render("# One\n## Two\n### Three", width: 20),
                       "One\n════════════════════\n\nTwo\n────────────────────\n\n### Three\n")
    }

    func testRawHTMLIsDropped() {
        XCTAssertEqual(render("<div>\nhidden\n</div>\n\nshown <b>bold</b>"), "shown bold\n")
    }

    func testDeepNestingDoesNotCrashAndKeepsText() {
        let quotes = String(repeating: ">", count: 5000) + " deep"
        XCTAssertTrue(render(quotes).contains("deep"))
        let lists = (0..<400).map { String(repeating: "  ", count: $0) + "- item\($0)" }.joined(separator: "\n")
        let output = render(lists)
        XCTAssertTrue(output.contains("item0") && output.contains("item399"))
        let emphasis = String(repeating: "*a ", count: 3000) + "x" + String(repeating: " a*", count: 3000)
        XCTAssertTrue(render(emphasis).contains("x"))
        let links = String(repeating: "[", count: 3000) + "x" + String(repeating: "](u)", count: 3000)
        XCTAssertTrue(render(links).contains("x"))
    }

    func testOddInputDoesNotCrash() {
        let inputs = ["\u{0}", "\r\n\r\n", "\r", "|", "|\n|", "|-|\n|-|", "| a |\n|:-:|\n", "\t\t\tx", "`", "***", "- \n- ",
                      "1.", "> ", "[]()", "![]()", "<>", "&#0;", "&#xFFFFFF;", "\u{FEFF}# bom", String(repeating: "|", count: 500) + "\n" + String(repeating: "-|", count: 500)]
        for input in inputs {
            for width in [-5, 0, 1, 20, 40] {
                _ = render(input, width: width)
                _ = render(input, width: width, color: true, hyperlinks: true)
            }
        }
        // Invalid UTF-8 decoded with replacement characters renders like any other text.
        let bytes: [UInt8] = [0x61, 0xFF, 0xFE, 0x62, 0xED, 0xA0, 0x80, 0x63]
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(render(text), "a\u{FFFD}\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}c\n")
    }

    /// Not a timed assertion: prints how long a 300-line lesson takes, and fails only if something
    /// has become absurdly slow (quadratic behaviour shows up as seconds here).
    func testPerformanceOfALesson() throws {
        let sample = try String(contentsOf: GoldenTests.directory.appendingPathComponent("Samples/korean.md"), encoding: .utf8)
            + "\n\n" + String(contentsOf: GoldenTests.directory.appendingPathComponent("Samples/code.md"), encoding: .utf8)
        var lesson = ""
        while lesson.split(separator: "\n", omittingEmptySubsequences: false).count < 300 { lesson += sample + "\n\n" }
        let renderer = MarkdownRenderer(options: RenderOptions(width: 80, color: true, hyperlinks: true))
        _ = renderer.render(lesson)
        let start = DispatchTime.now()
        let rounds = 5
        for _ in 0..<rounds { _ = renderer.render(lesson) }
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6 / Double(rounds)
        print("rendering a \(lesson.split(separator: "\n", omittingEmptySubsequences: false).count)-line lesson took \(milliseconds) ms")
        XCTAssertLessThan(milliseconds, 1000)

        // Ten times the text should cost about ten times the time, not a hundred.
        let big = String(repeating: lesson, count: 10)
        let bigStart = DispatchTime.now()
        _ = renderer.render(big)
        let bigMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - bigStart.uptimeNanoseconds) / 1e6
        print("ten times as much took \(bigMilliseconds) ms")
        XCTAssertLessThan(bigMilliseconds, milliseconds * 40 + 50)
    }
}

final class RendererFuzzTests: XCTestCase {
    /// Random soup of Markdown syntax, Hangul and control characters: no crash, no escape byte in
    /// plain output, and (without code blocks) no line wider than the width.
    func testRandomMarkdownNeverCrashes() {
        var generator = SplitMix(seed: 42)
        let pieces = ["# ", "## ", "> ", "- ", "1. ", "* ", "```", "~~~", "    ", "|", "| a |", "|---|", ":-:", "\n", "\n\n",
                      "*", "**", "_", "`", "[", "]", "(", ")", "<", ">", "!", "\\", "&amp;", "&#27;", "<b>", "</b>",
                      "word", "소켓", "한국어 문장", "https://example.com", "\t", "\u{1B}", "\u{7}", "  \n", "---", "===", "👍"]
        for round in 0..<1500 {
            var markdown = ""
            for _ in 0..<Int.random(in: 1...60, using: &generator) { markdown += pieces.randomElement(using: &generator)! }
            let width = [20, 33, 40, 80].randomElement(using: &generator)!
            let plain = MarkdownRenderer(options: RenderOptions(width: width)).render(markdown)
            XCTAssertFalse(plain.utf8.contains(0x1B), "round \(round): \(markdown.debugDescription)")
            let colored = MarkdownRenderer(options: RenderOptions(width: width, color: true, hyperlinks: true)).render(markdown)
            XCTAssertFalse(colored.contains("\u{7}"), "round \(round): \(markdown.debugDescription)")
            if !markdown.contains("```") && !markdown.contains("~~~") && !markdown.contains("    ") && !markdown.contains("\t") {
                for line in colored.split(separator: "\n") where TextWidth.columns(String(line)) > width {
                    XCTFail("round \(round): line wider than \(width): \(line.debugDescription) from \(markdown.debugDescription)")
                }
            }
        }
    }
}
