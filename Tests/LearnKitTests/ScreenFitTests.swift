import XCTest
import TerminalMarkdown
@testable import LearnKit

/// The command line's own screens fit the terminal at 40 and 100 columns, in English and
/// Korean (measured by display width): nothing is left for the terminal to cut mid-word.
final class ScreenFitTests: XCTestCase {
    private var copy: CourseCopy!

    override func setUpWithError() throws {
        copy = try CourseCopy(self)
    }

    private func app(_ language: Language, width: Int) throws -> LearnApp {
        try LearnApp(languageFlag: language.code, color: .never,
                     environment: ["LEARN_HOME": copy.root.path, "TERM": "xterm", "COLUMNS": String(width)])
    }

    private func assertFits(_ text: String, _ width: Int, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            XCTAssertLessThanOrEqual(TextWidth.columns(String(row)), width, "\(what) at \(width): \(row)", file: file, line: line)
        }
    }

    private let cases: [(Language, Int)] = [(.english, 40), (.english, 100), (.korean, 40), (.korean, 100)]

    func testKeyBarsBreakOnlyBetweenKeys() throws {
        for (language, width) in cases {
            let words = Words(language)
            for keys in [words.listKeys, words.watchKeys] {
                let items = keys.components(separatedBy: " · ")
                let lines = ScreenLayout.bar(items, width: width)
                assertFits(lines.joined(separator: "\n"), width, "keys")
                // Every key is whole on one of the lines.
                for item in items { XCTAssertTrue(lines.contains { $0.contains(item) }, "\(item) split: \(lines)") }
            }
        }
        XCTAssertEqual(ScreenLayout.bar(["aaaa", "bbbb", "cc"], width: 11), ["aaaa · bbbb", "cc"])
    }

    func testListRowsAndThePrintedListFit() throws {
        for (language, width) in cases {
            let app = try app(language, width: width)
            let view = CourseListView(app: app)
            assertFits(view.render(), width, "learn list")
            for lesson in app.course.lessons {
                let row = view.row(lesson, width: width - 1)
                XCTAssertLessThanOrEqual(TextWidth.columns(row), width - 1, row)
                let title = lesson.title(language)
                if !row.contains(title) { XCTAssertTrue(row.hasSuffix("…"), "a cut title without …: \(row)") }
                // The printed list loses no word of a title.
                let printed = view.render().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                XCTAssertTrue(printed.contains(title.split(whereSeparator: \.isWhitespace).joined(separator: " ")), title)
            }
            XCTAssertEqual(view.rowLayout(width: width - 1).compact, width == 40)
        }
    }

    func testCheckReportsAndWatchFit() throws {
        for (language, width) in cases {
            let app = try app(language, width: width)
            let lesson = app.course.lessons[0]
            let report = CheckReport(lesson: lesson.id, status: .incomplete, checks: [
                CheckResult(id: "a", name: "A datagram sent after setMulticastTTL(fd, 7) arrives with TTL 7 on every host of the lab",
                            status: .passed, message: "", output: ""),
                CheckResult(id: "b", name: "라우터 랩에서 TTL 1은 A의 서브넷에 머물고 TTL 2는 B에 닿는다",
                            status: .notRun, message: "This check needs a private lab network: the lab is switched off here.", output: ""),
            ], compileErrors: [], contractMismatch: false, compilerOutput: nil, problem: nil, notice: nil)
            let view = CheckReportView(app: app, verbose: false)
            assertFits(view.render(report, exercise: lesson.exerciseFile), width, "check report")
            assertFits(view.nextStep(report, lesson: lesson), width, "next step")
            app.record(report)
            for panel in [WatchScreen.Panel.none, .list, .message(app.words.nextLessonText(lesson.id, lesson.title(language)))] {
                let screen = WatchScreen(app: app, lesson: lesson, report: report, checkError: nil, firstPass: false,
                                         checking: false, panel: panel, manual: false, notice: nil)
                // Without the cursor moves at the start of the frame and before its bottom lines.
                let text = screen.render(rows: nil).replacingOccurrences(of: "\u{1B}[H\u{1B}[2J\u{1B}[3J", with: "")
                assertFits(text, width, "watch \(panel)")
                if case .list = panel {
                    XCTAssertEqual(text.components(separatedBy: app.words.progress + " [").count - 1, 1, "a doubled progress bar: \(text)")
                    XCTAssertFalse(text.contains("A datagram sent"), "the results are shown under the list: \(text)")
                }
            }
        }
    }

    func testTheCursorStaysOnItsLessonAcrossFilters() throws {
        let app = try app(.english, width: 100)
        let lessons = app.course.lessons
        XCTAssertEqual(ListBrowser.cursor(keeping: lessons[3], from: lessons, in: lessons), 3)
        // Hidden by the filter: the next lesson after it that is shown.
        let shown = [lessons[1], lessons[5], lessons[7]]
        XCTAssertEqual(ListBrowser.cursor(keeping: lessons[3], from: lessons, in: shown), 1)
        XCTAssertEqual(ListBrowser.cursor(keeping: lessons[9], from: lessons, in: shown), 2)
        XCTAssertEqual(ListBrowser.cursor(keeping: lessons[5], from: lessons, in: shown), 1)
    }

    func testResetAnswersAreTheSameEverywhere() {
        for yes in ["y", "Y", "yes", "YES ", "예", "네", "ㅛ"] { XCTAssertTrue(Confirmation.isYes(yes), yes) }
        for no in ["", "n", "no", "아니요", "yy", "x"] { XCTAssertFalse(Confirmation.isYes(no), no) }
    }
}
