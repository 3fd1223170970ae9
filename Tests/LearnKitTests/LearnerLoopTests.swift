import HostProcess
import XCTest
@testable import LearnKit

/// The commands around the learner's loop: the first pass and the end of the course, the
/// reference solution, the editor, the demo on the learner's code, reset --all, completions.
final class LearnerLoopTests: XCTestCase {
    func testFirstPassOffersTheSolutionOnceAndTheLastLessonClosesTheCourse() throws {
        // Every check must run for the course to close: the servers come along.
        let course = try CourseCopy(self, servers: true)
        let lessons = course.lessons
        for lesson in lessons.dropLast() { try course.solve(lesson); _ = try course.learn("check", lesson.id) }
        let last = try XCTUnwrap(lessons.last)
        try course.solve(last)
        let first = try course.learn("check", last.id)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        XCTAssertTrue(first.stdout.contains("You solved \(last.id)!"), first.stdout)
        XCTAssertTrue(first.stdout.contains("learn solution \(last.id)"), first.stdout)
        XCTAssertTrue(first.stdout.contains("Congratulations"), first.stdout)
        XCTAssertTrue(first.stdout.contains("\(lessons.count) of \(lessons.count) lessons done"), first.stdout)
        let again = try course.learn("check", last.id, "--lang", "ko")
        XCTAssertFalse(again.stdout.contains("풀었습니다!"), "the first-pass message came twice: \(again.stdout)")
        XCTAssertTrue(again.stdout.contains("축하합니다"), again.stdout)
    }

    func testSolutionIsRefusedBeforeTheLessonPasses() throws {
        let course = try CourseCopy(self)
        let lesson = try XCTUnwrap(course.lessons.first)
        let refused = try course.learn("solution", lesson.id)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertTrue(refused.stdout.isEmpty, refused.stdout)
        let forced = try course.learn("solution", lesson.id, "--force", "--color", "never")
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("Reference solution of \(lesson.id)"), forced.stdout)
        let korean = try course.learn("solution", lesson.id, "--lang", "ko")
        XCTAssertTrue(korean.stderr.contains("통과한 뒤에"), korean.stderr)

        try course.solve(lesson)
        XCTAssertEqual(try course.learn("check", lesson.id).status, 0)
        let shown = try course.learn("solution", lesson.id, "--color", "never")
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let firstLine = try String(contentsOf: lesson.solutionFile, encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("func ") }
        XCTAssertTrue(shown.stdout.contains(String(try XCTUnwrap(firstLine)).prefix(20)), shown.stdout)
    }

    func testEditOpensTheExerciseInTheEditor() throws {
        let course = try CourseCopy(self)
        let lesson = try XCTUnwrap(course.lessons.first)
        let record = course.root.appendingPathComponent("opened.txt")
        let editor = course.root.appendingPathComponent("editor.sh")
        try "#!/bin/sh\necho \"$@\" > \(record.path)\n".write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        let run = try course.learn("edit", environment: ["EDITOR": editor.path + " --wait"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try String(contentsOf: record, encoding: .utf8), "--wait \(lesson.exerciseFile.path)\n")
        let none = try course.learn("edit", lesson.id)
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("EDITOR"), none.stderr)
    }

    func testTryRunsTheDemoOnTheLearnersCode() throws {
        let course = try CourseCopy(self)
        // A multicast lesson: its demo's output names a group in 239.255.0.0/16.
        let lesson = try XCTUnwrap(course.lessons.first { $0.id == "09-multicasting" })
        let starter = try course.learn("try", lesson.id)
        XCTAssertNotEqual(starter.status, 0)
        XCTAssertTrue(starter.stderr.contains("learn check \(lesson.id)"), starter.stderr)
        // Told as `learn check` tells it, without the runtime's stack trace.
        XCTAssertTrue(starter.stderr.contains("Your code crashed (SIGILL). Fatal error: TODO: write "), starter.stderr)
        XCTAssertFalse(starter.stderr.contains("stack trace") || starter.stderr.contains("libswiftCore"), starter.stderr)
        let korean = try course.learn("try", lesson.id, "--lang", "ko")
        XCTAssertTrue(korean.stderr.contains("코드가 비정상 종료했습니다 (SIGILL). Fatal error: TODO"), korean.stderr)

        try "import Glibc\nfunc isMulticast(_ address: String) -> Bool {\n    return adress.isEmpty\n}\n"
            .write(to: lesson.exerciseFile, atomically: true, encoding: .utf8)
        let broken = try course.learn("try", lesson.id)
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stdout.contains("exercises/\(lesson.id).swift:3:12"), broken.stdout)

        try course.solve(lesson)
        let solved = try course.learn("try", lesson.id)
        XCTAssertEqual(solved.status, 0, solved.stderr)
        XCTAssertTrue(solved.stdout.contains("Demo on your code"), solved.stdout)
        XCTAssertTrue(solved.stdout.contains("239.255."), solved.stdout)
    }

    func testResetAllAsksThenRestoresEveryExerciseAndForgetsProgress() throws {
        let course = try CourseCopy(self)
        let lesson = try XCTUnwrap(course.lessons.first)
        try course.solve(lesson)
        _ = try course.learn("check", lesson.id)
        let refused = try course.learn("reset", "--all")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertEqual(try Data(contentsOf: lesson.exerciseFile), try Data(contentsOf: lesson.solutionFile))

        let terminal = try course.terminal("reset", "--all")
        terminal.expect("[y/N]")
        terminal.type("n\n")
        terminal.expect("Nothing changed.")
        XCTAssertEqual(terminal.waitForExit(), 0)
        XCTAssertEqual(try Data(contentsOf: lesson.exerciseFile), try Data(contentsOf: lesson.solutionFile))

        let run = try course.learn("reset", "--all", "--yes", "--lang", "ko")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("처음 상태로 되돌렸습니다"), run.stdout)
        for each in course.lessons {
            XCTAssertEqual(try Data(contentsOf: each.exerciseFile), try Data(contentsOf: each.starterFile))
        }
        XCTAssertTrue(try course.learn("list").stdout.contains("not started"))
        XCTAssertNotEqual(try course.learn("reset").status, 0, "reset with neither a lesson nor --all")
    }

    func testCompletionScriptsCompleteLessonIds() throws {
        let course = try CourseCopy(self)
        for shell in ["bash", "zsh", "fish"] {
            let script = try course.learn("--generate-completion-script", shell)
            XCTAssertEqual(script.status, 0, script.stderr)
            XCTAssertTrue(script.stdout.contains("---completion"), "\(shell) has no custom completion hook")
            XCTAssertTrue(script.stdout.contains("watch"), "\(shell) does not know learn watch")
        }
        let bash = try course.learn("--generate-completion-script", "bash").stdout
        XCTAssertTrue(bash.contains("---completion run -- positional@0"), bash)
        // What the shell asks when completing `learn run <TAB>` and `learn check 0<TAB>`.
        for command in ["run", "check", "hint", "try", "solution", "edit", "reset"] {
            let completed = try course.learn("---completion", command, "--", "positional@0", "2", "0", "learn", command)
            XCTAssertEqual(completed.status, 0, completed.stderr)
            XCTAssertEqual(completed.stdout.split(separator: "\n").map(String.init), course.lessons.map(\.id), command)
        }
    }

    /// exercises/Package.swift: each exercise a target, so sourcekit-lsp knows them; the
    /// starters build, and an error in one is reported in that file.
    func testExercisesPackageBuildsEveryStarter() throws {
        let course = try CourseCopy(self)
        let folder = course.root.appendingPathComponent("exercises")
        let build = course.root.appendingPathComponent("exercises-build")
        func swiftBuild() throws -> HostOutcome {
            try HostCommand(["swift", "build", "--package-path", folder.path, "--scratch-path", build.path]).run(timeLimit: 600)
        }
        let starters = try swiftBuild()
        XCTAssertTrue(starters.succeeded, starters.stdoutText + starters.stderrText)
        for lesson in course.lessons {
            let module = "Exercise" + lesson.id.split { !$0.isLetter && !$0.isNumber }
                .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            XCTAssertTrue(starters.stdoutText.contains(module), "no target \(module): \(starters.stdoutText)")
        }
        let lesson = try XCTUnwrap(course.lessons.first)
        try "func broken() -> Int { return nope }\n".write(to: lesson.exerciseFile, atomically: true, encoding: .utf8)
        let broken = try swiftBuild()
        XCTAssertFalse(broken.succeeded)
        XCTAssertTrue((broken.stdoutText + broken.stderrText).contains("\(lesson.id).swift:1:"), broken.stdoutText)
    }
}
