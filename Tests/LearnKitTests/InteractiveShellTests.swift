import Foundation
import XCTest
@testable import LearnKit

/// `learn` typed into an interactive bash (job control on) on a pseudo-terminal, as a learner
/// types it: the pager and the editor must get the terminal (a pager started as a background
/// job is stopped the moment it reads a key, and the screen hangs), q must leave, what follows
/// (the demo) must run, and nothing may be left stopped or running in the shell's session.
///
/// scripts/test runs these once more as an unprivileged user when it runs as root.
final class InteractiveShellTests: XCTestCase {
    private var copy: CourseCopy!

    override func setUpWithError() throws {
        copy = try CourseCopy(self)
    }

    /// Bash on a terminal of `columns`, at its prompt, with `learn` on its PATH.
    private func shell(columns: UInt16 = 100, rows: UInt16 = 30, environment extra: [String: String] = [:]) throws -> PseudoTerminal {
        var environment = copy.environment(extra)
        for name in ["PAGER", "LEARN_PAGER", "LESS", "LV", "MANPAGER"] where extra[name] == nil { environment[name] = nil }
        environment["PATH"] = URL(fileURLWithPath: copy.binary).deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["PS1"] = "READY$ "
        environment["HISTFILE"] = "/dev/null"
        let terminal = try PseudoTerminal(["/bin/bash", "--norc", "--noprofile", "-i"], environment: environment,
                                          rows: rows, columns: columns)
        addTeardownBlock { [unowned self] in
            // Whatever a failure left in the shell's session (a stopped pager) goes too.
            let left = self.leftovers(of: terminal)
            for process in left.stopped + left.running {
                if let pid = Int32(process.prefix { $0 != " " }) { kill(pid, SIGKILL) }
            }
            terminal.type("exit\r")
            _ = terminal.waitForExit(timeout: 5)
        }
        terminal.expect("READY$ ")
        // Job control is what the learner has, and what stops a background pager.
        terminal.type("set -o | grep -w monitor\r")
        terminal.expect("on")
        terminal.expect("READY$ ")
        return terminal
    }

    /// Processes of the shell's session other than the shell: stopped ones (state T) and the
    /// rest, from /proc (the session id is field 6 of /proc/PID/stat).
    private func leftovers(of terminal: PseudoTerminal) -> (stopped: [String], running: [String]) {
        var stopped: [String] = [], running: [String] = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where Int32(entry) != nil && Int32(entry) != terminal.pid {
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let name = stat[stat.index(after: stat.startIndex)..<close]
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 4, Int32(fields[3]) == terminal.pid else { continue }
            if fields[0] == "T" || fields[0] == "t" {
                stopped.append("\(entry) \(name)")
            } else if fields[0] != "Z" && fields[0] != "X" {  // a killed process on its way out is no leftover
                running.append("\(entry) \(name)")
            }
        }
        return (stopped, running)
    }

    /// True once nothing in the shell's session is stopped (continuing takes a moment).
    private func noneStopped(_ terminal: PseudoTerminal, within seconds: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !leftovers(of: terminal).stopped.isEmpty {
            if Date() > deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// Back at the prompt, with no job and nothing left over in the session.
    private func assertClean(_ terminal: PseudoTerminal, file: StaticString = #filePath, line: UInt = #line) {
        terminal.expect("READY$ ", file: file, line: line)
        terminal.type("jobs -l; echo JOBS-END\r")
        terminal.expect("JOBS-END\r\n", file: file, line: line)
        let jobs = terminal.recent
        terminal.expect("READY$ ", file: file, line: line)
        XCTAssertFalse(jobs.contains("Stopped") || jobs.contains("Running"), "jobs left: \(jobs)", file: file, line: line)
        // What was killed a moment ago (a compiler of a check cut short by Ctrl-C) may take
        // that moment to go.
        var left = leftovers(of: terminal)
        let deadline = Date().addingTimeInterval(3)
        while !(left.stopped.isEmpty && left.running.isEmpty) && Date() < deadline {
            usleep(50_000)
            left = leftovers(of: terminal)
        }
        XCTAssertEqual(left.stopped, [], "stopped processes in the shell's session", file: file, line: line)
        XCTAssertEqual(left.running, [], "processes left running in the shell's session", file: file, line: line)
    }

    func testRunShowsTheLessonInThePagerThenQThenTheDemo() throws {
        let terminal = try shell()
        terminal.type("learn run 09-multicasting\r")
        // The lesson is longer than the screen: less waits for a key at its prompt.
        terminal.expect("Multicasting: one send, many receivers")
        terminal.expect("Three ways to address a datagram")
        XCTAssertTrue(leftovers(of: terminal).stopped.isEmpty, "the pager was stopped: \(leftovers(of: terminal))")
        terminal.type("q")
        terminal.expect("── Demo: Multicasting")
        terminal.expect("239.255.")
        assertClean(terminal)
    }

    func testRunInKoreanAtFortyColumnsAndCtrlZThenFg() throws {
        let terminal = try shell(columns: 40)
        terminal.type("learn run 9 --lang ko --no-demo\r")
        terminal.expect("멀티캐스팅")
        // Ctrl-Z in the pager stops the job; fg gives the pager the terminal again.
        terminal.type("\u{1A}")
        terminal.expect("Stopped")
        terminal.expect("READY$ ")
        terminal.type("fg\r")
        terminal.expect("learn run 9")
        XCTAssertTrue(noneStopped(terminal), "still stopped after fg: \(leftovers(of: terminal))")
        terminal.type("q")
        assertClean(terminal)
    }

    func testPreviewAndSolutionUseThePagerAndQLeaves() throws {
        let terminal = try shell()
        terminal.type("learn preview lessons/09-multicasting/en.md --color never\r")
        terminal.expect("Three ways to address a datagram")
        terminal.type("q")
        assertClean(terminal)
        terminal.type("learn hint --all 09-multicasting --lang ko\r")
        terminal.expect("힌트 1 /")
        if !terminal.appears("READY$ ", within: 2) {
            terminal.type("q")
            terminal.expect("READY$ ")
        }
        terminal.type("\r")
        assertClean(terminal)
        terminal.type("learn solution 09-multicasting --force\r")
        terminal.expect("Reference solution of 09-multicasting")
        terminal.type("q")
        assertClean(terminal)
    }

    func testPagerEqualsLessShowsColours() throws {
        // PAGER=less with LESS unset: LESS=FRX is set, so colours pass through (no "ESC[").
        let terminal = try shell(environment: ["PAGER": "less"])
        terminal.type("learn run 09-multicasting --no-demo --color always\r")
        terminal.expect("Multicasting: one send, many receivers")
        XCTAssertFalse(terminal.recent.contains("ESC["), "less showed escapes as text: \(terminal.recent)")
        XCTAssertTrue(String(decoding: terminal.output, as: UTF8.self).contains("\u{1B}[1;35m"), "no colour reached the terminal")
        terminal.type("q")
        assertClean(terminal)
    }

    func testEditOpensATerminalEditorThatReadsTheKeyboard() throws {
        let terminal = try shell()
        // A small terminal program as the editor: it reads a line from the terminal (as vi or
        // nano would, it is stopped if it is not in the terminal's foreground) into the file.
        let editor = copy.root.appendingPathComponent("tty-editor")
        try "#!/bin/sh\nprintf 'EDITING %s\\n' \"$1\"\nIFS= read -r line </dev/tty\nprintf '%s\\n' \"$line\" >> \"$1\"\n"
            .write(to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        terminal.type("EDITOR=\(editor.path) learn edit 09-multicasting\r")
        terminal.expect("EDITING \(copy.root.path)/exercises/09-multicasting.swift")
        terminal.type("// typed in the editor\r")
        assertClean(terminal)
        let exercise = try String(contentsOf: copy.root.appendingPathComponent("exercises/09-multicasting.swift"), encoding: .utf8)
        XCTAssertTrue(exercise.hasSuffix("// typed in the editor\n"), exercise)
    }

    func testListEnterOpensTheLessonAndComesBack() throws {
        let terminal = try shell()
        terminal.type("learn run 09-multicasting --no-pager --no-demo >/dev/null\r")  // makes 09 current
        terminal.expect("READY$ ")
        terminal.type("learn list\r")
        terminal.expect("Enter open")
        terminal.type("\r")
        terminal.expect("Three ways to address a datagram")
        terminal.type("q")
        terminal.expect("239.255.")
        terminal.expect("Press any key")
        terminal.type(" ")
        terminal.expect("Enter open")
        XCTAssertTrue(leftovers(of: terminal).stopped.isEmpty, "\(leftovers(of: terminal))")
        terminal.type("q")
        assertClean(terminal)
    }

    func testListScrollsAndRedrawsWhenResizedOrContinued() throws {
        let terminal = try shell()
        terminal.type("learn list\r")
        terminal.expect("· not started")
        terminal.expect("Enter open")
        // Smaller than the course: the list scrolls, marks say how many are hidden, the
        // states become marks with a legend, and the key bar wraps between keys.
        terminal.resize(rows: 12, columns: 40)
        terminal.expect("✓ done   ◐ incomplete")
        terminal.expect("↓ ")
        XCTAssertFalse(terminal.recent.contains("not started  "), terminal.recent)
        let last = try XCTUnwrap(copy.lessons.last).id
        for _ in copy.lessons { terminal.type("j") }
        terminal.expect("↑ \(copy.lessons.count - 1)", timeout: 20)
        terminal.expect(last, timeout: 20)
        // Ctrl-Z and fg: the list comes back drawn.
        terminal.type("\u{1A}")
        terminal.expect("Stopped")
        terminal.expect("READY$ ")
        terminal.type("fg\r")
        terminal.expect(last, timeout: 20)
        terminal.expect("q quit")
        terminal.type("q")
        assertClean(terminal)
    }

    func testWatchALessonListInPlaceNextAndCtrlCOnAFreshLine() throws {
        let lesson = try XCTUnwrap(copy.lessons.first { $0.id == "09-multicasting" })
        try copy.solve(lesson)
        let terminal = try shell()
        terminal.type("learn watch 9\r")
        terminal.expect("learn watch · 09-multicasting")
        terminal.expect("You solved 09-multicasting!")
        terminal.expect("q quit")
        terminal.type("l")
        terminal.expect("Press any key to go back.")
        XCTAssertFalse(terminal.recent.contains("You solved"), "the list is drawn under the results: \(terminal.recent)")
        terminal.type("x")
        terminal.expect("You solved 09-multicasting!")
        terminal.type("n")
        terminal.expect("learn watch · 10-membership")
        terminal.expect("learn run 10-membership")
        terminal.expect("q quit")
        // o opens the lesson in the pager (it is longer than the screen: less waits), q comes back.
        terminal.type("o")
        terminal.expect("A membership is a triple")
        XCTAssertTrue(noneStopped(terminal), "the pager was stopped: \(leftovers(of: terminal))")
        terminal.type("q")
        terminal.expect("learn watch · 10-membership")
        terminal.expect("q quit")
        terminal.type("\u{03}")
        // The prompt comes on a line of its own, not after the key bar.
        terminal.expect("READY$ ")
        // By bytes: a newline ends the key bar before the last prompt.
        let bytes = terminal.output, prompt = Array("READY$ ".utf8)
        let at = try XCTUnwrap(stride(from: bytes.count - prompt.count, through: 1, by: -1).first {
            bytes[$0..<($0 + prompt.count)].elementsEqual(prompt)
        })
        // (Bash may put an escape of its own, bracketed paste's, right before the prompt.)
        let quit = Array("q quit".utf8)
        let bar = try XCTUnwrap(stride(from: at - quit.count, through: 0, by: -1).first {
            bytes[$0..<($0 + quit.count)].elementsEqual(quit)
        })
        XCTAssertTrue(bytes[(bar + quit.count)..<at].contains(0x0A),
                      "the prompt came after the key bar: \(String(decoding: bytes[bar...], as: UTF8.self).debugDescription)")
        terminal.type("\r")
        assertClean(terminal)
    }

    func testCtrlCInTheListAfterEnterLeavesNothingBehind() throws {
        let terminal = try shell()
        terminal.type("learn list\r")
        terminal.expect("Enter open")
        terminal.type("\r")
        terminal.expect("Sockets")
        // Ctrl-C goes to the pager's group (less stays); q ends it, then Ctrl-C ends the list.
        // The terminal flushes what was typed with a Ctrl-C, so q is typed until it lands.
        terminal.type("\u{03}")
        var left = false
        for _ in 0..<20 where !left {
            terminal.type("q")
            left = terminal.appears("Press any key", within: 3)
        }
        XCTAssertTrue(left, "q did not leave the pager after Ctrl-C: \(terminal.recent)")
        terminal.type("\u{03}")
        assertClean(terminal)
    }
}
