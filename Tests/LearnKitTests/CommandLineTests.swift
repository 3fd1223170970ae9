import XCTest
@testable import LearnKit

/// The `learn` binary as a learner uses it, on a temporary copy of the course (not a git
/// repository), so the repository's own exercises and progress are never touched.
final class CommandLineTests: XCTestCase {
    private var copy: CourseCopy!
    private var course: URL { copy.root }

    override func setUpWithError() throws {
        copy = try CourseCopy(self)
    }

    private func learn(_ arguments: String..., environment extra: [String: String] = [:]) throws -> CourseCopy.Run {
        try copy.learn(arguments, environment: extra)
    }

    private var lesson09: Lesson { copy.lessons.first { $0.id == "09-multicasting" }! }
    private var exercise09: URL { course.appendingPathComponent("exercises/09-multicasting.swift") }
    private var solution09: URL { course.appendingPathComponent("lessons/09-multicasting/solution.swift") }

    private func solve09() throws {
        try FileManager.default.removeItem(at: exercise09)
        try FileManager.default.copyItem(at: solution09, to: exercise09)
    }

    func testListIsPlainTextWhenPiped() throws {
        let run = try learn("list")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stdout.contains("\u{1B}"), "escape bytes in piped output")
        XCTAssertTrue(run.stdout.contains("09-multicasting"))
        XCTAssertTrue(run.stdout.contains("not started"))
        XCTAssertTrue(run.stdout.contains("▶ \(copy.lessons[0].id)"), "the current lesson is not marked")
        XCTAssertTrue(run.stdout.contains("] 0/"), run.stdout)
    }

    func testListInKoreanAndWithColour() throws {
        let korean = try learn("list", environment: ["LANG": "ko_KR.UTF-8"])
        XCTAssertTrue(korean.stdout.contains("시작 전"), korean.stdout)
        XCTAssertTrue(korean.stdout.contains("진행"), korean.stdout)
        let coloured = try learn("list", "--color", "always")
        XCTAssertTrue(coloured.stdout.contains("\u{1B}["))
        let noColor = try learn("list", "--color", "auto", environment: ["NO_COLOR": "1"])
        XCTAssertFalse(noColor.stdout.contains("\u{1B}"))
    }

    func testCheckFailsOnTheStarterAndPassesOnceSolved() throws {
        let failing = try learn("check", "09")
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stdout.contains("✗ failed"), failing.stdout)
        XCTAssertFalse(failing.stdout.contains("✓ passed"), failing.stdout)
        XCTAssertTrue(failing.stdout.contains("TODO"), "the starter's TODO is not named: \(failing.stdout)")
        XCTAssertTrue(try learn("list").stdout.contains("failing"))

        try solve09()
        let passing = try learn("check", "9")
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
        XCTAssertTrue(passing.stdout.contains("All checks of 09-multicasting passed"), passing.stdout)
        XCTAssertFalse(passing.stdout.contains("✗"), passing.stdout)
        let list = try learn("list")
        XCTAssertTrue(list.stdout.contains("done"), list.stdout)
        // Passing never moves the current lesson on by itself.
        XCTAssertTrue(list.stdout.contains("▶ \(copy.lessons[0].id)"), list.stdout)
    }

    func testCheckReportsCompilerErrorsWithLineAndColumn() throws {
        try "import Glibc\nfunc isMulticast(_ address: String) -> Bool {\n    return adress.isEmpty\n}\n"
            .write(to: exercise09, atomically: true, encoding: .utf8)
        let run = try learn("check", "09")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("exercises/09-multicasting.swift:3:12"), run.stdout)
        XCTAssertTrue(run.stdout.contains("adress"), run.stdout)
    }

    func testCheckJSON() throws {
        let run = try learn("check", "09", "--format", "json")
        XCTAssertEqual(run.status, 1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, CheckResultsJSON.schemaVersion)
        let lessons = try XCTUnwrap(object["lessons"] as? [[String: Any]])
        XCTAssertEqual(lessons.count, 1)
        XCTAssertEqual(Set(lessons[0].keys), ["id", "title", "status", "message", "compile_errors", "checks"])
        XCTAssertEqual(lessons[0]["id"] as? String, "09-multicasting")
        XCTAssertEqual(lessons[0]["status"] as? String, "failed")
        XCTAssertEqual(lessons[0]["title"] as? String, lesson09.title(.english))
        XCTAssertTrue(lessons[0]["message"] is NSNull, "a lesson whose checks all ran has no message")
        let checks = try XCTUnwrap(lessons[0]["checks"] as? [[String: Any]])
        XCTAssertFalse(checks.isEmpty)
        for check in checks {
            XCTAssertEqual(Set(check.keys), ["id", "name", "status", "message", "output"])
            XCTAssertEqual(check["status"] as? String, "failed")
            XCTAssertFalse((check["name"] as? String ?? "").isEmpty)
        }
        XCTAssertTrue(run.stderr.isEmpty || !run.stderr.contains("{"), "JSON goes to stdout only")
    }

    /// With --all the shape is the same, one entry a lesson, in the course's order; a file that
    /// does not compile has its errors in compile_errors and the compiler's output in message.
    func testCheckAllJSONHasTheSameShape() throws {
        let manifest = course.appendingPathComponent("lessons/course.txt")
        try "09-multicasting\n14-socket-helpers\n".write(to: manifest, atomically: true, encoding: .utf8)
        try solve09()
        try "func broken( {\n".write(to: course.appendingPathComponent("exercises/14-socket-helpers.swift"),
                                      atomically: true, encoding: .utf8)
        let run = try learn("check", "--all", "--format", "json", "--lang", "ko")
        XCTAssertEqual(run.status, 1, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
        XCTAssertEqual(object["version"] as? Int, 1)
        let lessons = try XCTUnwrap(object["lessons"] as? [[String: Any]])
        XCTAssertEqual(lessons.map { $0["id"] as? String }, ["09-multicasting", "14-socket-helpers"])
        XCTAssertEqual(lessons.map { $0["status"] as? String }, ["passed", "failed"])
        XCTAssertEqual(lessons[0]["title"] as? String, lesson09.title(.korean))
        XCTAssertTrue((lessons[0]["checks"] as? [[String: Any]] ?? []).allSatisfy { $0["status"] as? String == "passed" })
        let errors = try XCTUnwrap(lessons[1]["compile_errors"] as? [[String: Any]])
        XCTAssertEqual(errors.first?["line"] as? Int, 1, "\(errors)")
        XCTAssertTrue((errors.first?["file"] as? String ?? "").hasSuffix("14-socket-helpers.swift"))
        XCTAssertTrue((lessons[1]["message"] as? String ?? "").contains("error:"), "\(lessons[1])")
        XCTAssertEqual((lessons[1]["checks"] as? [Any])?.count, 0)
    }

    func testVersionNamesTheEngineAndTheCourse() throws {
        let manifest = course.appendingPathComponent("lessons/course.txt")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("version ") }
        try (["version 7.7.1"] + lines).joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        let run = try learn("--version")
        XCTAssertEqual(run.status, 0, run.stderr)
        let output = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(output.first, "learn \(Engine.version)")
        XCTAssertEqual(output.dropFirst().first, "course: \(CourseWords.load(from: course.appendingPathComponent("lessons"), language: .english).title) 7.7.1")
        let korean = try learn("--version", "--lang", "ko")
        XCTAssertTrue(korean.stdout.contains("과정: Swift 네트워크 프로그래밍 7.7.1"), korean.stdout)
    }

    func testRootHelpNamesTheGlobalOptionsAndExitCodes() throws {
        for (language, heading) in [("en", "Exit status"), ("ko", "종료 상태")] {
            let run = try learn("--help", environment: ["LEARN_LANG": language])
            XCTAssertEqual(run.status, 0, run.stderr)
            for word in ["--lang", "--color", heading, "\n  0 ", "\n  1 ", "\n  2 ", "\n  130 ", "\n  143 ", "SIGTERM"] {
                XCTAssertTrue(run.stdout.contains(word), "\(word) missing in: \(run.stdout)")
            }
        }
    }

    func testCheckInKorean() throws {
        let run = try learn("check", "--lang", "ko")
        XCTAssertTrue(run.stdout.contains("✗ 실패"), run.stdout)
        XCTAssertTrue(run.stdout.contains("통과"), run.stdout)
    }

    func testCheckAllEndsWithOneSummaryLine() throws {
        try solve09()
        let run = try learn("check", "--all")
        XCTAssertEqual(run.status, 1)
        let last = run.stdout.split(separator: "\n").last.map(String.init)
        XCTAssertEqual(last, "Lessons: 1 passed, \(copy.lessons.count - 1) failing, 0 incomplete.", run.stdout)
    }

    func testLessonNamesPrefixesAndNearMisses() throws {
        let ambiguous = try learn("run", "m", "--no-demo")
        XCTAssertEqual(ambiguous.status, 2)
        XCTAssertTrue(ambiguous.stderr.contains("09-multicasting, 10-membership"), ambiguous.stderr)
        let near = try learn("run", "10m", "--no-demo")
        XCTAssertEqual(near.status, 2)
        XCTAssertTrue(near.stderr.contains("nearest: 10-membership"), near.stderr)
        for far in ["xyz", "9x", "99"] {
            let run = try learn("run", far, "--no-demo")
            XCTAssertEqual(run.status, 2)
            XCTAssertFalse(run.stderr.contains("nearest"), run.stderr)
        }
    }

    func testUnknownLessonExits2WithTheNearest() throws {
        let run = try learn("run", "multicastign")
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("no lesson \"multicastign\""), run.stderr)
        XCTAssertTrue(run.stderr.contains("09-multicasting"), run.stderr)
    }

    func testRunShowsTheLessonThenTheDemoAndBecomesCurrent() throws {
        let text = try learn("run", "multi", "--no-demo", "--color", "never")
        XCTAssertEqual(text.status, 0, text.stderr)
        let title = lesson09.title(.english)
        XCTAssertTrue(text.stdout.contains(title), text.stdout)
        XCTAssertFalse(text.stdout.contains("\u{1B}"))
        let demo = try learn("run", "09", "--demo-only")
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stdout.contains("239.255."), demo.stdout)
        let state = try String(contentsOf: course.appendingPathComponent(".learn-state.json"), encoding: .utf8)
        XCTAssertTrue(state.contains("\"current\" : \"09-multicasting\""), state)
    }

    func testHintsAreProgressive() throws {
        let first = try learn("hint")
        XCTAssertTrue(first.stdout.contains("Hint 1 of"), first.stdout)
        XCTAssertFalse(first.stdout.contains("Hint 2 of"))
        let second = try learn("hint")
        XCTAssertTrue(second.stdout.contains("Hint 2 of"), second.stdout)
        let all = try learn("hint", "--all", "--lang", "ko")
        XCTAssertTrue(all.stdout.contains("힌트 1 /"), all.stdout)
        XCTAssertTrue(all.stdout.contains("힌트 3 /"), all.stdout)
    }

    func testResetRestoresTheStarterWithoutGit() throws {
        try solve09()
        let refused = try learn("reset", "09")
        XCTAssertNotEqual(refused.status, 0, "reset without --yes must not run unasked off a terminal")
        XCTAssertEqual(try Data(contentsOf: exercise09), try Data(contentsOf: solution09))
        let run = try learn("reset", "09", "--yes")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try Data(contentsOf: exercise09),
                       try Data(contentsOf: course.appendingPathComponent("lessons/09-multicasting/starter.swift")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: course.appendingPathComponent(".git").path))
    }

    func testDamagedStateIsReportedAndRebuilt() throws {
        try "{ not json".write(to: course.appendingPathComponent(".learn-state.json"), atomically: true, encoding: .utf8)
        let run = try learn("list")
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("damaged"), run.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: course.appendingPathComponent(".learn-state.json.damaged").path))
    }

    func testPreviewRendersAnyMarkdownFile() throws {
        let file = course.appendingPathComponent("note.md")
        try "# 제목\n\nSome *text* and `code`.\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try learn("preview", file.path, "--color", "never")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("제목"))
        XCTAssertTrue(run.stdout.contains("text"))
        XCTAssertFalse(run.stdout.contains("\u{1B}"))
    }

    /// Without private networks, a lesson whose code sends no multicast is still graded, on
    /// this machine's network, and says so; one whose code sends multicast (09, sends=multicast
    /// in course.txt) runs none of it: every check is reported not run.
    func testFallbackWithoutNamespacesSaysSoAndRunsNoMulticastCode() throws {
        let plain = try XCTUnwrap(copy.lessons.first { $0.sends.isEmpty && $0.labName == nil && $0.requirements.isEmpty })
        try copy.solve(plain)
        let graded = try learn("check", plain.id, environment: ["LEARN_NO_NAMESPACES": "1"])
        XCTAssertEqual(graded.status, 0, graded.stdout)
        XCTAssertTrue(graded.stdout.contains("not in a private one"), graded.stdout)
        XCTAssertTrue(graded.stdout.contains("✓ passed"), graded.stdout)

        try solve09()
        let run = try learn("check", "09", environment: ["LEARN_NO_NAMESPACES": "1"])
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.contains("no private network can be made here"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Not run: this lesson's code sends multicast"), run.stdout)
        XCTAssertFalse(run.stdout.contains("your code ran"), run.stdout)
        XCTAssertFalse(run.stdout.contains("✓ passed") || run.stdout.contains("✗"), run.stdout)
        let demo = try learn("run", "09", "--no-pager", environment: ["LEARN_NO_NAMESPACES": "1"])
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stdout.contains("sends multicast"), demo.stdout)
    }

    func testACheckThatCannotRunHereIsNotRunAndMarkedInTheList() throws {
        // Lesson 11's router check needs the lab; with namespaces forced off it cannot run.
        let lesson = try XCTUnwrap(copy.lessons.first { $0.labName == "router" })
        try copy.solve(lesson)
        let fallback = ["LEARN_NO_NAMESPACES": "1"]
        let run = try learn("check", lesson.id, environment: fallback)
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(run.stdout.contains("− not run"), run.stdout)
        XCTAssertFalse(run.stdout.contains("✗"), run.stdout)
        let list = try learn("list", environment: fallback)
        // It sends multicast: without a private network none of its checks runs.
        XCTAssertTrue(list.stdout.contains("◐ incomplete (\(run.stdout.components(separatedBy: "− not run").count - 1) not run)"), list.stdout)
        XCTAssertFalse(list.stdout.contains("✓ done"), list.stdout)
        XCTAssertTrue(run.stdout.contains("is not done yet"), run.stdout)
        XCTAssertFalse(run.stdout.contains("solved") || run.stdout.contains("All checks"), run.stdout)
        // Under CI a check that did not run is a failure.
        let ci = try learn("check", lesson.id, environment: fallback.merging(["CI": "true"]) { $1 })
        XCTAssertEqual(ci.status, 1, ci.stdout)
    }
}
