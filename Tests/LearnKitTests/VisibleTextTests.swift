import XCTest
@testable import LearnKit

/// Text from learner code reaches the terminal with its control characters shown, not obeyed.
final class VisibleTextTests: XCTestCase {
    func testControlCharactersAreShownInCaretNotation() {
        let forged = "\u{1B}[2K\r\u{1B}[32m✓ passed\u{7}\u{7F}\u{9B}31m"
        let shown = VisibleText.of(forged)
        XCTAssertEqual(shown, "^[[2K^M^[[32m✓ passed^G^?<U+009B>31m")
        XCTAssertFalse(shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        XCTAssertEqual(VisibleText.of("line one\n\tsecond, 한글"), "line one\n\tsecond, 한글")
        XCTAssertEqual(String(decoding: VisibleText.of(Array("a\u{1B}[Hb\n".utf8)), as: UTF8.self), "a^[[Hb\n")
    }

    /// What a check's learner code printed, and a message quoting its values, as `learn check -v`
    /// shows them; JSON carries the same text escaped.
    func testAReportShowsLearnerTextVisibly() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: """
            extension Harness {
                static let checks: [Check] = [Check("one", Text("one", ko: "하나")) {
                    let value = shout()
                    try expect(value == "ok", Text("shout() returned \\(value)", ko: "\\(value)"))
                }]
            }
            """, exercise: """
            func shout() -> String {
                print("\\u{1B}[2J\\u{1B}[32m✓ all passed")
                return "\\u{1B}[1A\\u{1B}[32m✓"
            }
            """)
        let report = try TestSupport.session(location).check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.checks.map(\.status), [.failed])
        let app = try LearnApp(languageFlag: "en", color: .never, environment: ["LEARN_HOME": location.root.path, "TERM": "xterm"])
        let text = CheckReportView(app: app, verbose: true).render(report, exercise: lesson.exerciseFile)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B }, text)
        XCTAssertTrue(text.contains("^[[2J^[[32m✓ all passed"), text)
        XCTAssertTrue(text.contains("shout() returned ^[[1A^[[32m✓"), text)
        let json = CheckResultsJSON([report], title: { $0 }).text
        XCTAssertTrue(json.contains("\\u001b[1A"), json)
        XCTAssertFalse(json.unicodeScalars.contains { $0.value == 0x1B })
    }
}
