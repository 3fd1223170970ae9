import XCTest
@testable import LearnKit

/// The words about progress say only what holds: a lesson with checks that could not run is
/// incomplete (never solved, done or passed), "You solved" comes once, the course is finished
/// only when every lesson is done. Reports are made up here; no lesson program is built.
final class HonestProgressTests: XCTestCase {
    private var copy: CourseCopy!
    private var app: LearnApp!

    override func setUpWithError() throws {
        copy = try CourseCopy(self)
        app = try makeApp(.english)
    }

    private func makeApp(_ language: Language) throws -> LearnApp {
        try LearnApp(languageFlag: language.code, color: .never,
                     environment: ["LEARN_HOME": copy.root.path, "TERM": "xterm"])
    }

    private func report(_ lesson: String, passed: Int, failed: Int = 0, notRun: Int = 0,
                        status: CheckReport.Status) -> CheckReport {
        func checks(_ count: Int, _ status: CheckResult.Status, _ message: String) -> [CheckResult] {
            (0..<count).map { CheckResult(id: "\(status)\($0)", name: "check \($0)", status: status, message: message, output: "") }
        }
        return CheckReport(lesson: lesson, status: status,
                           checks: checks(passed, .passed, "") + checks(failed, .failed, "wrong")
                               + checks(notRun, .notRun, "This check needs a private lab network."),
                           compileErrors: [], contractMismatch: false, compilerOutput: nil, problem: nil, notice: nil)
    }

    /// Text with its line breaks and runs of blanks as single spaces (the screens wrap it).
    private func squeezed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    private func lesson(_ id: String) -> Lesson { app.course.lessons.first { $0.id == id }! }

    private let boasts = ["solved", "all checks", "passes again", "finished", "congratulations"]

    func testACheckNotRunMakesTheLessonIncompleteEverywhere() throws {
        let id = app.course.lessons[0].id
        let incomplete = report(id, passed: 6, notRun: 1, status: .incomplete)
        XCTAssertFalse(app.record(incomplete), "an incomplete lesson is not a first pass")
        XCTAssertEqual(app.state[lesson: id].verdict, .incomplete)
        XCTAssertFalse(app.state[lesson: id].solvedOnce)

        let view = CheckReportView(app: app, verbose: false)
        let next = view.nextStep(incomplete, lesson: lesson(id))
        XCTAssertTrue(next.contains("not done yet"), next)
        for word in boasts {
            XCTAssertFalse(next.lowercased().contains(word), "\"\(word)\" in: \(next)")
        }
        let list = CourseListView(app: app).render()
        let row = try XCTUnwrap(list.split(separator: "\n").first { $0.contains(id) && $0.contains("◐") })
        XCTAssertTrue(row.contains("incomplete (1 not run)"), list)
        XCTAssertFalse(row.contains("done"), list)
        XCTAssertTrue(squeezed(list).contains("\(id): not done, checks not run here: This check needs a private lab network."), list)
        XCTAssertTrue(list.contains("] 0/\(app.course.lessons.count)  (1 incomplete)"), list)

        // The same in Korean.
        let korean = try makeApp(.korean)
        let koreanList = CourseListView(app: korean).render()
        XCTAssertTrue(koreanList.contains("미완료 (1개 실행 안 됨)"), koreanList)
        XCTAssertFalse(koreanList.contains("✓"), koreanList)
        let koreanNext = CheckReportView(app: korean, verbose: false).nextStep(incomplete, lesson: lesson(id))
        XCTAssertTrue(koreanNext.contains("아직 끝나지 않았습니다"), koreanNext)
        XCTAssertFalse(koreanNext.contains("풀었습니다"), koreanNext)
    }

    func testYouSolvedOnlyTheFirstTimeAndTheSolutionStaysOpen() {
        let id = app.course.lessons[0].id
        let view = CheckReportView(app: app, verbose: false)
        let passing = report(id, passed: 8, status: .passed)
        XCTAssertTrue(app.record(passing))
        XCTAssertTrue(view.nextStep(passing, lesson: lesson(id), firstPass: true).contains("You solved \(id)!"))
        app.record(report(id, passed: 0, failed: 8, status: .failed))
        XCTAssertEqual(app.state[lesson: id].verdict, .failed)
        XCTAssertTrue(app.state[lesson: id].solvedOnce, "the solution locks again after the file breaks")
        let again = app.record(passing)
        XCTAssertFalse(again, "a second pass is called a first one")
        let text = view.nextStep(passing, lesson: lesson(id), firstPass: again)
        XCTAssertFalse(text.contains("You solved"), text)
        XCTAssertTrue(text.contains("\(id) passes again"), text)
    }

    func testTheLastLessonNamesWhatIsStillOpen() {
        let lessons = app.course.lessons
        let last = lessons[lessons.count - 1]
        let passing = report(last.id, passed: 3, status: .passed)
        app.record(passing)
        let text = CheckReportView(app: app, verbose: false).nextStep(passing, lesson: last, firstPass: true)
        XCTAssertFalse(text.contains("finished"), text)
        XCTAssertFalse(text.contains("Congratulations"), text)
        XCTAssertTrue(squeezed(text).contains("Still open: " + lessons.dropLast().map(\.id).joined(separator: ", ")), text)
        XCTAssertTrue(text.contains("Continue: learn run \(lessons[0].id)"), text)

        // An incomplete lesson still counts as open; once every lesson passes, the course is finished.
        for lesson in lessons.dropLast() { app.record(report(lesson.id, passed: 1, status: .passed)) }
        app.record(report(lessons[0].id, passed: 1, notRun: 1, status: .incomplete))
        XCTAssertTrue(CheckReportView(app: app, verbose: false).nextStep(passing, lesson: last)
            .contains("Still open: \(lessons[0].id)."))
        app.record(report(lessons[0].id, passed: 2, status: .passed))
        let finished = CheckReportView(app: app, verbose: false).nextStep(passing, lesson: last)
        XCTAssertTrue(finished.contains("Congratulations"), finished)
    }

    func testOlderStateFilesReadHonestly() throws {
        let json = """
            {"version": 1, "lessons": {"a": {"verdict": "passed", "notRun": 1, "hintsShown": 0},
                                       "b": {"verdict": "passed", "notRun": 0, "hintsShown": 2}}}
            """
        var unreadable: [String] = []
        let state = try ProgressState(json: Data(json.utf8), unreadable: &unreadable)
        XCTAssertEqual(unreadable, [])
        XCTAssertEqual(state[lesson: "a"].verdict, .incomplete)
        XCTAssertFalse(state[lesson: "a"].solvedOnce)
        XCTAssertEqual(state[lesson: "b"].verdict, .passed)
        XCTAssertTrue(state[lesson: "b"].solvedOnce)
        XCTAssertEqual(state[lesson: "b"].hintsShown, 2)
        // And what this engine writes reads back the same.
        var written = ProgressState()
        written[lesson: "c"].verdict = .incomplete
        written[lesson: "c"].notRun = 2
        written[lesson: "c"].notRunReason = "no lab"
        written[lesson: "c"].solvedOnce = true
        let data = try JSONEncoder().encode(written)
        XCTAssertEqual(try ProgressState(json: data, unreadable: &unreadable), written)
        XCTAssertEqual(unreadable, [])
    }
}
