import XCTest
import TerminalMarkdown

/// Renders all 652 examples of the CommonMark 0.30 spec (colour off, width 40) and checks that
/// nothing crashes, no escape byte appears, and no word of the expected HTML's text is lost.
final class CommonMarkCorpusTests: XCTestCase {
    struct Example: Decodable {
        let example: Int
        let section: String
        let markdown: String
        let html: String
    }

    /// Sections whose expected text is raw HTML, which the renderer drops on purpose.
    static let rawHTMLSections: Set<String> = ["Raw HTML", "HTML blocks"]

    /// Examples that cannot keep every word, with the reason. Keep this list tiny.
    static let excused: [Int: String] = [:]

    /// The corpus lives in shared/ beside the repository (this file is
    /// <repo>/Tests/TerminalMarkdownTests/CommonMarkCorpusTests.swift).
    static var corpusURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/commonmark/spec-0.30-examples.json")
    }

    /// The corpus's examples. A clone away from this machine has no shared/ beside it: the
    /// tests then skip, naming the file, unless LEARN_REQUIRE_CORPUS=1 (set by .ci/run), under
    /// which a missing corpus fails, so CI never skips them silently.
    static func examples(at url: URL = corpusURL,
                         environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [Example] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            let message = "the CommonMark corpus \(url.standardizedFileURL.path) is missing"
            if environment["LEARN_REQUIRE_CORPUS"] == "1" {
                throw CorpusMissing(description: message + " (LEARN_REQUIRE_CORPUS=1)")
            }
            throw XCTSkip(message + "; these tests are skipped (LEARN_REQUIRE_CORPUS=1 makes that a failure)")
        }
        return try JSONDecoder().decode([Example].self, from: Data(contentsOf: url))
    }

    struct CorpusMissing: Error, CustomStringConvertible {
        let description: String
    }

    func testEveryExampleRendersWithoutLosingText() throws {
        let examples = try CommonMarkCorpusTests.examples()
        XCTAssertEqual(examples.count, 652)
        let renderer = MarkdownRenderer(options: RenderOptions(width: 40, color: false))
        var checked = 0
        var wordsChecked = 0
        for example in examples {
            let output = renderer.render(example.markdown)
            XCTAssertFalse(output.utf8.contains(0x1B), "example \(example.example): escape byte in plain output")
            if CommonMarkCorpusTests.rawHTMLSections.contains(example.section) { continue }
            if CommonMarkCorpusTests.excused[example.example] != nil { continue }
            checked += 1
            let squeezed = CommonMarkCorpusTests.removingWhitespace(output)
            let words = CommonMarkCorpusTests.words(ofHTML: example.html)
            wordsChecked += words.count
            let missing = words.filter { !squeezed.contains($0) }
            if !missing.isEmpty {
                XCTFail("""
                    example \(example.example) (\(example.section)) lost \(missing):
                    --- markdown
                    \(example.markdown)--- output
                    \(output)---
                    """)
            }
            // Nor is a word cut by the edge: a long word (a URL) breaks only after / ? & =, so
            // each piece between those that fits on a line is found whole on one line.
            let lines = output.split(separator: "\n").map(String.init)
            let cut = words.flatMap(CommonMarkCorpusTests.pieces).filter { piece in
                TextWidth.columns(piece) <= 40 && !lines.contains { $0.contains(piece) }
            }
            if !cut.isEmpty {
                XCTFail("""
                    example \(example.example) (\(example.section)) cut \(cut) at the edge:
                    --- markdown
                    \(example.markdown)--- output
                    \(output)---
                    """)
            }
        }
        XCTAssertGreaterThan(checked, 500)
        XCTAssertGreaterThan(wordsChecked, 1000)
    }

    func testAMissingCorpusSkipsOrFailsUnderCI() {
        let nowhere = URL(fileURLWithPath: "/nonexistent/shared/commonmark/spec-0.30-examples.json")
        XCTAssertThrowsError(try CommonMarkCorpusTests.examples(at: nowhere, environment: [:])) { error in
            XCTAssertTrue(error is XCTSkip, "\(error)")
            XCTAssertTrue("\(error)".contains(nowhere.path), "the skip names the file: \(error)")
        }
        XCTAssertThrowsError(try CommonMarkCorpusTests.examples(at: nowhere, environment: ["LEARN_REQUIRE_CORPUS": "1"])) { error in
            XCTAssertTrue(error is CorpusMissing, "\(error)")
        }
    }

    func testHTMLTextExtraction() {
        XCTAssertEqual(
            CommonMarkCorpusTests.words(ofHTML: #"<p>a<em>b</em> &amp; &#35;x <img src="u" alt="foo bar" title=">" /></p>"#),
            ["a", "b", "&", "#x", "foo", "bar"])
    }

    func testEveryExampleRendersInColourAndNarrow() throws {
        // Colour, hyperlinks and a cramped width exercise other code paths; only crashes count.
        let examples = try CommonMarkCorpusTests.examples()
        let renderer = MarkdownRenderer(options: RenderOptions(width: 20, color: true, hyperlinks: true))
        for example in examples {
            _ = renderer.render(example.markdown)
        }
    }

    /// A word split after each / ? & = (not inside a scheme's //).
    static func pieces(_ word: String) -> [String] {
        var pieces: [String] = [], current = ""
        let characters = Array(word)
        for (index, character) in characters.enumerated() {
            current.append(character)
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if "?&=".contains(character) || (character == "/" && next != "/") {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    static func removingWhitespace(_ s: String) -> String {
        String(s.filter { !$0.isWhitespace })
    }

    /// The words of the text content of `html`: tags become word breaks (so `a<em>b</em>`
    /// gives "a" and "b", which the terminal may separate with styling or backticks),
    /// image alt text counts as text, entities are decoded.
    static func words(ofHTML html: String) -> [String] {
        var text = ""
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            guard character == "<" else {
                text.append(character)
                index = html.index(after: index)
                continue
            }
            // A tag: skip to its closing '>', minding quoted attribute values.
            var end = html.index(after: index)
            var quote: Character?
            while end < html.endIndex {
                let c = html[end]
                if let q = quote { if c == q { quote = nil } }
                else if c == "\"" || c == "'" { quote = c }
                else if c == ">" { break }
                end = html.index(after: end)
            }
            let tag = String(html[index..<min(end, html.endIndex)])
            if tag.hasPrefix("<img"), let alt = attribute("alt", in: tag) {
                text += " \(alt) "
            } else {
                text += " "
            }
            index = end < html.endIndex ? html.index(after: end) : end
        }
        return decodingEntities(text).split(whereSeparator: \.isWhitespace).map(String.init)
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The entities cmark writes (&amp; &lt; &gt; &quot;) plus numeric ones.
    static func decodingEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var result = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[amp...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[after.index(after: amp)..<semicolon])
                var decoded: String?
                switch name {
                case "amp": decoded = "&"
                case "lt": decoded = "<"
                case "gt": decoded = ">"
                case "quot": decoded = "\""
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                    } else if name.hasPrefix("#") {
                        decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                    }
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after.dropFirst()
        }
        result += rest
        return result
    }
}
