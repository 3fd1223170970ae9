import Foundation
import HostProcess
import XCTest
@testable import LearnKit

/// `learn lab` as the learner types it: real subcommands with their help, Korean by --lang,
/// and a session on a terminal through an interactive bash, as from the learner's shell.
final class LabCommandTests: XCTestCase {
    private var copy: CourseCopy!

    override func setUpWithError() throws { copy = try CourseCopy(self) }

    func testHelpOfTheGroupAndOfEachSubcommand() throws {
        let group = try copy.learn(["lab", "--help"])
        XCTAssertEqual(group.status, 0, group.stderr)
        XCTAssertTrue(group.stdout.contains("USAGE: learn lab <subcommand>"), group.stdout)
        XCTAssertTrue(group.stdout.contains("open (default)") && group.stdout.contains("exec"), group.stdout)
        XCTAssertTrue(group.stdout.contains("router"), "the topologies are named: \(group.stdout)")
        let exec = try copy.learn(["lab", "exec", "--help"])
        XCTAssertEqual(exec.status, 0, exec.stderr)
        XCTAssertTrue(exec.stdout.contains("USAGE: learn lab exec <host>"), exec.stdout)
        let open = try copy.learn(["lab", "open", "--help", "--lang", "ko"])
        XCTAssertTrue(open.stdout.contains("새 랩의 호스트 A에서 셸을 엽니다"), open.stdout)
        for arguments in [["lab", "--help", "--lang", "ko"], ["--lang", "ko", "lab", "exec", "--help"], ["help", "lab", "exec"]] {
            let run = try copy.learn(arguments, environment: ["LEARN_LANG": "ko"])
            XCTAssertEqual(run.status, 0, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stdout.hasPrefix("개요: "), "\(arguments): \(run.stdout)")
            XCTAssertFalse(run.stdout.contains("Show help"), run.stdout)
        }
    }

    func testTheBenchmarkIsUnderTheHiddenDevCommand() throws {
        let dev = try copy.learn(["dev", "--help"])
        XCTAssertEqual(dev.status, 0, dev.stderr)
        XCTAssertTrue(dev.stdout.contains("bench-lab"), dev.stdout)
        XCTAssertFalse(try copy.learn(["--help"]).stdout.contains("dev "), "dev is hidden from the learner's help")
        let script = try String(contentsOf: TestSupport.repository.appendingPathComponent("scripts/bench-lab"), encoding: .utf8)
        XCTAssertTrue(script.contains("learn\" dev bench-lab"), script)
    }

    func testErrorsInKorean() throws {
        let unknown = try copy.learn(["lab", "nowhere", "--lang", "ko"])
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("\"nowhere\" 토폴로지는 없습니다. 있는 것: link, router, lan"), unknown.stderr)
        let outside = try copy.learn(["lab", "exec", "B", "--lang", "ko", "--", "true"])
        XCTAssertEqual(outside.status, 1, outside.stderr)
        XCTAssertTrue(outside.stderr.contains("이 셸은 랩 안에 있지 않습니다"), outside.stderr)
        let missing = try copy.learn(["lab", "--lang", "ko"])
        XCTAssertEqual(missing.status, 2, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("필요한 인자가 없습니다: '<topology>'"), missing.stderr)
        let refused = try copy.learn(["lab", "link", "--lang", "ko"], environment: ["LEARN_NO_NAMESPACES": "1"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("LEARN_NO_NAMESPACES=1 때문에 사설 네트워크를 쓰지 않습니다"), refused.stderr)
        let english = try copy.learn(["lab", "nowhere"])
        XCTAssertTrue(english.stderr.contains("no topology \"nowhere\""), english.stderr)
    }

    /// `learn lab link --lang ko` from an interactive bash on a terminal: the banner, a command
    /// on host B, an unknown host, and the lab removed on exit.
    func testASessionInKoreanFromAnInteractiveShell() throws {
        let bin = URL(fileURLWithPath: copy.binary).deletingLastPathComponent().path
        var environment = copy.environment(["PS1": "$ ", "SHELL": "/bin/bash"])
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let terminal = try PseudoTerminal(["/bin/bash", "--norc", "--noprofile", "-i"], environment: environment)
        terminal.type("learn lab link --lang ko\n")
        XCTAssertTrue(terminal.expect("랩 \"link\": 이 셸을 위해서만 있는 사설 네트워크입니다"))
        XCTAssertTrue(terminal.expect("<- 이 셸"))
        XCTAssertTrue(terminal.expect("(lab link:A)"))
        terminal.type("learn lab exec B -- cat /proc/sys/kernel/hostname; learn lab exec Q -- true; true\n")
        XCTAssertTrue(terminal.expect("랩에 Q 호스트가 없습니다. 있는 호스트: A, B"))
        terminal.type("exit\n")
        XCTAssertTrue(terminal.expect("랩을 지웠습니다 (link)."))
        terminal.type("exit\n")
        XCTAssertEqual(terminal.waitForExit(), 0)
    }

    /// SIGTERM to `learn lab` while its shell runs: the lab goes (its folder too), the learner
    /// is told, and `learn` exits 143; the executable decides, not a signal handler.
    func testAStopSignalRemovesTheLabAndExits143() throws {
        let tmp = try TestSupport.temporaryFolder(self)
        var environment = copy.environment(["SHELL": "/bin/sh", "TMPDIR": tmp.path])
        environment["LEARN_NO_NAMESPACES"] = nil
        var command = HostCommand([copy.binary, "lab", "link"], environment: environment)
        command.stdin = .pipe
        let learn = try HostChild(command)
        let deadline = MonotonicClock.now() + 60
        var banner = ""
        while !banner.contains("exit"), MonotonicClock.now() < deadline, let line = learn.readLine(timeout: 60) { banner += line + "\n" }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path).count, 1, "the lab's folder: \(banner)")
        kill(learn.pid, SIGTERM)
        let outcome = learn.wait(timeout: 30)
        XCTAssertEqual(outcome.termination, .exited(143), outcome.stderrText)
        XCTAssertTrue(outcome.stderrText.contains("the lab has been removed") || outcome.stderrText.contains("removed"), outcome.stderrText)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "the lab's folder is gone")
    }
}
