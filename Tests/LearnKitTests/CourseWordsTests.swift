import XCTest
@testable import LearnKit

/// The course's own words live in lessons/, not in the engine: another course fills its own
/// lessons/course.<lang>.md and the same `learn` speaks for it.
final class CourseWordsTests: XCTestCase {
    func testFrontMatterAndWelcome() {
        let fields = CourseWords.parse("""
            ---
            title: Plumbing: a course
            abstract:   Pipes and valves.
            closing:
            ---

            # Welcome

            Body text.
            """)
        XCTAssertEqual(fields["title"], "Plumbing: a course", "only the first colon separates")
        XCTAssertEqual(fields["abstract"], "Pipes and valves.")
        XCTAssertNil(fields["closing"], "an empty value falls back like a missing one")
        XCTAssertEqual(fields["welcome"], "# Welcome\n\nBody text.")
        XCTAssertEqual(CourseWords.parse("# Just a welcome")["welcome"], "# Just a welcome")
    }

    func testKoreanFallsBackToEnglishThenToTheEngine() throws {
        let folder = try TestSupport.temporaryFolder(self)
        try "---\ntitle: Plumbing\nclosing: Well done.\n---\n# Hello\n"
            .write(to: CourseWords.file(in: folder, .english), atomically: true, encoding: .utf8)
        try "---\ntitle: 배관\n---\n".write(to: CourseWords.file(in: folder, .korean), atomically: true, encoding: .utf8)
        let korean = CourseWords.load(from: folder, language: .korean)
        XCTAssertEqual(korean.title, "배관")
        XCTAssertEqual(korean.closing, "Well done.")
        XCTAssertEqual(korean.welcome, "# Hello")
        XCTAssertEqual(korean.abstract, Words(.korean).untitledAbstract)
        let none = CourseWords.load(from: folder.appendingPathComponent("missing"), language: .english)
        XCTAssertEqual(none.title, Words(.english).untitledCourse)
        XCTAssertEqual(none.welcome, "")
    }

    func testThisCourseHasItsWordsInBothLanguages() throws {
        for language in Language.allCases {
            let text = try String(contentsOf: CourseWords.file(in: TestSupport.location.lessonsFolder, language), encoding: .utf8)
            let fields = CourseWords.parse(text)
            for key in ["title", "abstract", "closing", "welcome"] {
                XCTAssertNotNil(fields[key], "lessons/course.\(language.code).md has no \(key)")
            }
        }
        XCTAssertNotNil(try Course(location: TestSupport.location).version, "lessons/course.txt names no version")
    }

    func testManifestVersionLine() throws {
        let location = CourseLocation(root: URL(fileURLWithPath: "/nowhere"))
        let parsed = try Course.parse("version 2.1   # why\n09-multicasting\n", location: location)
        XCTAssertEqual(parsed.version, "2.1")
        XCTAssertEqual(parsed.lessons.map(\.id), ["09-multicasting"])
        XCTAssertNil(try Course.parse("09-multicasting", location: location).version)
        XCTAssertThrowsError(try Course.parse("version\n", location: location))
        XCTAssertThrowsError(try Course.parse("version 1\nversion 2\n", location: location))
    }

    /// No sentence of this course's own words is written in the engine's sources.
    func testTheEngineNamesNoneOfThisCoursesWords() throws {
        var sentences: [String] = []
        for language in Language.allCases {
            let words = CourseWords.load(from: TestSupport.location.lessonsFolder, language: language)
            sentences += [words.title, words.abstract, words.closing]
            // Every line of the welcome's prose (headings and paragraphs alike).
            sentences += words.welcome.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .map { $0.hasPrefix("#") ? String($0.drop { $0 == "#" || $0 == " " }) : $0 }
                .filter { $0.count > 12 }
        }
        let manager = FileManager.default
        for folder in ["Sources/learn", "Sources/LearnKit"] {
            let root = TestSupport.repository.appendingPathComponent(folder)
            let files = manager.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            XCTAssertFalse(files.isEmpty)
            for file in files {
                let source = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
                for sentence in sentences where source.contains(sentence) {
                    XCTFail("\(folder)/\(file) holds the course's words: \(sentence)")
                }
            }
        }
    }

    func testTheClosingSummaryEndsWithTheCoursesClosing() throws {
        let copy = try CourseCopy(self)
        for language in Language.allCases {
            let app = try LearnApp(languageFlag: language.code, color: .never, environment: copy.environment())
            let summary = CourseSummaryView(app: app).render()
            let closing = CourseWords.load(from: copy.root.appendingPathComponent("lessons"), language: language).closing
            XCTAssertFalse(closing.isEmpty)
            XCTAssertTrue(summary.contains(closing), summary)
            XCTAssertTrue(summary.contains(Words(language).courseComplete), summary)
        }
    }

    func testTheListAndTheWelcomeSpeakTheCoursesWords() throws {
        let copy = try CourseCopy(self)
        try "---\ntitle: Plumbing in Swift\n---\n# Welcome, plumber\n"
            .write(to: CourseWords.file(in: copy.root.appendingPathComponent("lessons"), .english),
                   atomically: true, encoding: .utf8)
        let list = try copy.learn("list")
        XCTAssertTrue(list.stdout.hasPrefix("Plumbing in Swift\n"), list.stdout)
        let welcome = try copy.learn("welcome", "--color", "never")
        XCTAssertTrue(welcome.stdout.contains("Welcome, plumber"), welcome.stdout)
        XCTAssertTrue(welcome.stdout.contains("learn run \(copy.lessons[0].id)"), "the engine's command guide: \(welcome.stdout)")
        XCTAssertFalse(welcome.stdout.contains("multicast (groups"), welcome.stdout)
        let korean = try copy.learn("list", "--lang", "ko")
        XCTAssertTrue(korean.stdout.hasPrefix("Swift 네트워크 프로그래밍\n"), korean.stdout)
        let help = try copy.learn("--help")
        XCTAssertTrue(help.stdout.contains(Words(.english).untitledAbstract.prefix(20)), help.stdout)
    }
}

/// The lesson status of `--format json` follows the verdict: a lesson with checks that could
/// not run here is incomplete, never passed.
final class CheckResultsJSONTests: XCTestCase {
    private func report(_ status: CheckReport.Status, _ checks: [CheckResult.Status]) -> CheckReport {
        CheckReport(lesson: "01-x", status: status,
                    checks: checks.enumerated().map { CheckResult(id: "c\($0)", name: "n", status: $1, message: "", output: "") },
                    compileErrors: [], contractMismatch: false, compilerOutput: nil, problem: nil, notice: nil)
    }

    func testStatuses() {
        XCTAssertEqual(CheckResultsJSON.status(of: report(.passed, [.passed, .passed])), "passed")
        XCTAssertEqual(CheckResultsJSON.status(of: report(.passed, [.passed, .notRun])), "incomplete")
        XCTAssertEqual(CheckResultsJSON.status(of: report(.failed, [.passed, .notRun])), "failed")
        XCTAssertEqual(CheckResultsJSON.status(of: report(.failed, [.failed])), "failed")
    }

    func testEveryKeyIsPresentAndTheProblemIsTheMessage() throws {
        var crashed = report(.failed, [.notRun])
        crashed.problem = "The time limit (10 s) ran out before this check finished."
        let text = CheckResultsJSON([report(.passed, [.passed]), crashed], title: { "Title of \($0)" }).text
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let lessons = try XCTUnwrap(object["lessons"] as? [[String: Any]])
        XCTAssertTrue(lessons[0]["message"] is NSNull)
        XCTAssertEqual(lessons[1]["message"] as? String, crashed.problem)
        XCTAssertEqual(lessons[1]["title"] as? String, "Title of 01-x")
        XCTAssertEqual((lessons[1]["checks"] as? [[String: Any]])?.first?["status"] as? String, "not-run")
    }
}
