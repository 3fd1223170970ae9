import XCTest
@testable import LearnKit

/// `learn watch` driven through a pseudo-terminal: a save changes the verdict on screen, the
/// keys do what the bottom line says, and every way out puts the terminal back.
final class WatchModeTests: XCTestCase {
    func testSavingASolutionTurnsTheVerdictAndKeysWork() throws {
        let course = try CourseCopy(self)
        let lesson = try XCTUnwrap(course.lessons.first)
        let terminal = try course.terminal("watch")
        let before = terminal.attributes
        terminal.expect("learn watch · \(lesson.id)")
        terminal.expect("✗ failed")
        terminal.expect("h hint")
        XCTAssertFalse(sameSettings(before, terminal.attributes), "watch did not enter single-key mode")

        try course.solve(lesson)
        terminal.expect("You solved \(lesson.id)!")
        terminal.expect("learn solution \(lesson.id)")
        terminal.type("h")
        terminal.expect("Hint 1 of")
        terminal.type("l")
        terminal.expect("✓ done")
        terminal.type("r")
        terminal.expect("Checking…")
        terminal.expect("\(lesson.id) passes again")
        if course.lessons.count == 1 {
            terminal.type("n")
            terminal.expect("This is the last lesson.")
        } else {
            terminal.type("n")
            terminal.expect("learn watch · \(course.lessons[1].id)")
        }
        terminal.type("q")
        XCTAssertEqual(terminal.waitForExit(), 0)
        XCTAssertTrue(sameSettings(before, terminal.attributes), "the terminal was not restored after q")
        XCTAssertTrue(String(decoding: terminal.output, as: UTF8.self).hasSuffix("\u{1B}[?25h\n")
                      || String(decoding: terminal.output, as: UTF8.self).contains("\u{1B}[?25h"), "the cursor stays hidden")
    }

    func testNextWaitsForAPassAndCtrlCRestoresTheTerminalInKorean() throws {
        let course = try CourseCopy(self)
        let terminal = try course.terminal("watch", "--lang", "ko")
        let before = terminal.attributes
        terminal.expect("✗ 실패")
        terminal.type("n")
        terminal.expect("통과해야 n으로")
        let state = try String(contentsOf: course.stateFile, encoding: .utf8)
        XCTAssertFalse(state.contains("\"current\""), "n moved on before the lesson passed: \(state)")
        terminal.type("\u{03}")
        XCTAssertEqual(terminal.waitForExit(), 130)
        XCTAssertTrue(sameSettings(before, terminal.attributes), "the terminal was not restored after Ctrl-C")
    }

    func testCtrlZGivesTheTerminalBackAndFgReturnsToWatch() throws {
        let course = try CourseCopy(self)
        let terminal = try course.terminal("watch")
        // Whatever fails below, no stopped watch is left behind.
        defer { if terminal.waitForExit(timeout: 0) == nil { kill(terminal.pid, SIGKILL); _ = terminal.waitForExit() } }
        let before = terminal.attributes
        terminal.expect("✗ failed")
        terminal.expect("h hint")
        terminal.type("\u{1A}")
        XCTAssertTrue(terminal.waitForStop(), "Ctrl-Z did not stop watch")
        XCTAssertTrue(sameSettings(before, terminal.attributes), "the terminal was not restored while stopped")
        kill(terminal.pid, SIGCONT)
        XCTAssertTrue(terminal.expect("h hint", timeout: 10), "watch did not draw its screen again after fg")
        XCTAssertFalse(sameSettings(before, terminal.attributes), "single-key mode did not come back after fg")
        terminal.type("q")
        XCTAssertEqual(terminal.waitForExit(), 0)
        XCTAssertTrue(sameSettings(before, terminal.attributes))
    }

    func testQuitWorksWhileACheckRuns() throws {
        let course = try CourseCopy(self)
        let lesson = try XCTUnwrap(course.lessons.first)
        // A change no earlier build has seen, so the check is compiling when q comes.
        try (try String(contentsOf: lesson.starterFile, encoding: .utf8) + "\n// \(UUID())\n")
            .write(to: lesson.exerciseFile, atomically: true, encoding: .utf8)
        let terminal = try course.terminal("watch")
        let before = terminal.attributes
        terminal.expect("Checking…")
        terminal.type("q")
        XCTAssertEqual(terminal.waitForExit(timeout: 10), 0, "q did not end watch during a check")
        XCTAssertTrue(sameSettings(before, terminal.attributes))
    }

    func testManualModeChecksOnR() throws {
        let course = try CourseCopy(self)
        let lesson = try XCTUnwrap(course.lessons.first)
        let terminal = try course.terminal("watch", "--manual")
        terminal.expect("Manual mode")
        terminal.expect("✗ failed")
        try course.solve(lesson)
        terminal.type("r")
        terminal.expect("All checks of \(lesson.id) passed")
        terminal.type("q")
        XCTAssertEqual(terminal.waitForExit(), 0)
    }

    func testLearnAloneWatchesOnceTheCourseHasStarted() throws {
        let course = try CourseCopy(self)
        let lesson = try XCTUnwrap(course.lessons.first)
        // At the start: the welcome, then the list (on a pipe: nothing interactive).
        let fresh = try course.learn()
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertTrue(fresh.stdout.contains("Welcome"), fresh.stdout)
        XCTAssertTrue(fresh.stdout.contains("learn watch"), fresh.stdout)
        XCTAssertTrue(fresh.stdout.contains("your own machine"), fresh.stdout)
        XCTAssertTrue(fresh.stdout.contains("▶ \(lesson.id)"), fresh.stdout)
        let korean = try course.learn("--lang", "ko")
        XCTAssertTrue(korean.stdout.contains("환영합니다"), korean.stdout)

        XCTAssertEqual(try course.learn("run", lesson.id, "--no-demo", "--no-pager").status, 0)
        let piped = try course.learn()
        XCTAssertFalse(piped.stdout.contains("Welcome"), piped.stdout)
        XCTAssertTrue(piped.stdout.contains("▶ \(lesson.id)"), piped.stdout)

        let terminal = try course.terminal()
        terminal.expect("learn watch · \(lesson.id)")
        terminal.type("q")
        XCTAssertEqual(terminal.waitForExit(), 0)
    }

    func testInteractiveListMovesFiltersChecksAndAsksBeforeReset() throws {
        let course = try CourseCopy(self)
        let lesson = try XCTUnwrap(course.lessons.first)
        let terminal = try course.terminal("list")
        let before = terminal.attributes
        terminal.expect("Enter open")
        terminal.type("f")
        terminal.expect("showing: done")
        terminal.expect("No lessons here.")
        terminal.type("ff")
        terminal.expect("showing: all")
        terminal.type("j")
        terminal.type("k")
        try course.solve(lesson)
        terminal.type("r")
        terminal.expect("Reset \(lesson.id) to its starter?")
        terminal.type("n")
        terminal.expect("Nothing changed.")
        XCTAssertEqual(try Data(contentsOf: lesson.exerciseFile), try Data(contentsOf: lesson.solutionFile))
        terminal.type("c")
        terminal.expect("All checks of \(lesson.id) passed")
        terminal.expect("Press any key")
        terminal.type(" ")
        terminal.expect("✓ done")
        terminal.type("r")
        terminal.expect("Reset \(lesson.id)")
        terminal.type("y")
        terminal.expect("Restored")
        XCTAssertEqual(try Data(contentsOf: lesson.exerciseFile), try Data(contentsOf: lesson.starterFile))
        terminal.type("q")
        XCTAssertEqual(terminal.waitForExit(), 0)
        XCTAssertTrue(sameSettings(before, terminal.attributes))
    }
}
