import TerminalMarkdown
import XCTest
@testable import LearnKit

/// Every lesson of the course, as rustlings tests its exercises: the reference solution passes
/// every check, the starter fails every check, the demo runs to its end, and the lesson has
/// all its parts in English and Korean.
final class CourseLessonsTests: XCTestCase {
    private var course: Course { get throws { try Course(location: TestSupport.location) } }

    func testEveryLessonHasAllItsParts() throws {
        let manager = FileManager.default
        XCTAssertFalse(try course.lessons.isEmpty)
        for lesson in try course.lessons {
            for file in [lesson.textFile(.english), lesson.textFile(.korean), lesson.hintsFile(.english),
                         lesson.hintsFile(.korean), lesson.starterFile, lesson.solutionFile, lesson.checkFile,
                         lesson.demoFile, lesson.exerciseFile] {
                XCTAssertTrue(manager.fileExists(atPath: file.path), "\(lesson.id): missing \(file.lastPathComponent)")
            }
            for language in Language.allCases {
                XCTAssertNotEqual(lesson.title(language), lesson.id, "\(lesson.id): no title in \(language)")
                XCTAssertGreaterThanOrEqual(lesson.hints(language).count, 3, "\(lesson.id): too few hints in \(language)")
                let text = try lesson.text(language)
                XCTAssertTrue(text.contains(language == .korean ? "흔한 실수" : "Common pitfalls"),
                              "\(lesson.id): no Common pitfalls part in \(language)")
            }
        }
    }

    /// Learners read at 80 columns: no rendered line of any lesson or hint may be wider.
    func testEveryLessonFitsEightyColumns() throws {
        for color in [false, true] {
            let renderer = MarkdownRenderer(options: RenderOptions(width: 80, color: color))
            for lesson in try course.lessons {
                for language in Language.allCases {
                    let texts = [try lesson.text(language)] + lesson.hints(language)
                    for text in texts {
                        for line in renderer.render(text).split(separator: "\n") where TextWidth.columns(String(line)) > 80 {
                            XCTFail("\(lesson.id) (\(language), colour \(color)): \(TextWidth.columns(String(line))) columns: \(line)")
                        }
                    }
                }
            }
        }
    }

    func testEveryReferenceSolutionPassesEveryCheck() throws {
        for lesson in try course.lessons {
            var session = try TestSupport.session(TestSupport.location)
            session.notRunFails = true
            let report = try session.check(lesson, exercise: lesson.solutionFile)
            XCTAssertTrue(report.compileErrors.isEmpty, "\(lesson.id): \(report.compilerOutput ?? "")")
            XCTAssertGreaterThanOrEqual(report.checks.count, 3, "\(lesson.id): too few checks")
            for check in report.checks {
                XCTAssertEqual(check.status, .passed, "\(lesson.id) / \(check.id): \(check.message)")
            }
            XCTAssertEqual(report.status, .passed, "\(lesson.id): \(report.problem ?? "")")
        }
    }

    func testEveryStarterFailsEveryCheck() throws {
        for lesson in try course.lessons {
            let report = try TestSupport.session(TestSupport.location).check(lesson, exercise: lesson.starterFile)
            XCTAssertTrue(report.compileErrors.isEmpty, "\(lesson.id): the starter must compile: \(report.compilerOutput ?? "")")
            XCTAssertFalse(report.checks.isEmpty, "\(lesson.id): no checks ran")
            for check in report.checks {
                XCTAssertEqual(check.status, .failed, "\(lesson.id) / \(check.id) does not fail on the starter")
            }
        }
    }

    func testEveryCheckHasAKoreanName() throws {
        for lesson in try course.lessons {
            let english = try TestSupport.session(TestSupport.location, language: .english).check(lesson, exercise: lesson.starterFile)
            let korean = try TestSupport.session(TestSupport.location, language: .korean).check(lesson, exercise: lesson.starterFile)
            XCTAssertEqual(english.checks.map(\.id), korean.checks.map(\.id))
            for (en, ko) in zip(english.checks, korean.checks) {
                XCTAssertNotEqual(en.name, ko.name, "\(lesson.id) / \(en.id): no Korean name")
                XCTAssertTrue(ko.name.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) },
                              "\(lesson.id) / \(en.id): Korean name has no Hangul: \(ko.name)")
            }
        }
    }

    func testEveryDemoRunsToItsEnd() throws {
        for lesson in try course.lessons {
            for language in Language.allCases {
                let runner = DemoRunner(sources: LessonSources(location: TestSupport.location), builder: try TestSupport.builder(),
                                        sandbox: TestSupport.sandbox(), language: language)
                var output: [UInt8] = []
                let result = try runner.run(lesson, exercise: lesson.solutionFile) { _, bytes in output += bytes }
                guard case .finished = result else {
                    XCTFail("\(lesson.id) demo in \(language): \(result)\n\(String(decoding: output, as: UTF8.self))")
                    continue
                }
                XCTAssertGreaterThan(output.count, 200, "\(lesson.id): the demo printed almost nothing")
            }
        }
    }

    func testTheCommittedExerciseIsTheStarter() throws {
        // In a fresh clone the learner's file is the starter; a developer who solved an exercise
        // locally sets LEARN_SKIP_STARTER_IDENTITY=1.
        try XCTSkipIf(ProcessInfo.processInfo.environment["LEARN_SKIP_STARTER_IDENTITY"] == "1")
        for lesson in try course.lessons {
            XCTAssertEqual(try Data(contentsOf: lesson.exerciseFile), try Data(contentsOf: lesson.starterFile),
                           "\(lesson.id): exercises/ differs from the starter")
        }
    }
}
