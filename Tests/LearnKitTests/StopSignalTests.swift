import Foundation
import HostProcess
import XCTest
@testable import LearnKit

/// SIGINT or SIGTERM while `learn check` runs a check: the check program and everything it
/// started end at once, and `learn` exits 130 or 143 (the executable decides, not a handler).
final class StopSignalTests: XCTestCase {
    private func processes(runningFrom folder: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
                  exe.hasPrefix(folder) else { return nil }
            return "\(pid) \(exe)"
        }
    }

    func testAStopSignalEndsTheCheckProgramAndSetsTheExitStatus() throws {
        let check = """
            extension Harness {
                static let checks: [Check] = [Check("spin", Text("spins", ko: "돈다")) { try expect(spin() == 1, Text("no", ko: "아니")) }]
            }
            """
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: check,
            exercise: "func spin() -> Int { while true {} } // \(UUID())\n")
        let binary = TestSupport.repository.appendingPathComponent(".build/debug/learn").path
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
            let cache = try TestSupport.temporaryFolder(self)
            var environment = ProcessInfo.processInfo.environment
            environment["LEARN_HOME"] = location.root.path
            environment["LEARN_CACHE"] = cache.path
            environment["LEARN_NO_NAMESPACES"] = nil
            let learn = try HostChild(HostCommand([binary, "check", lesson.id, "--timeout", "100"], environment: environment))
            let deadline = MonotonicClock.now() + 180
            while processes(runningFrom: cache.path).isEmpty && MonotonicClock.now() < deadline { usleep(20_000) }
            XCTAssertFalse(processes(runningFrom: cache.path).isEmpty, "the check program never started")
            kill(learn.pid, signal)
            let outcome = learn.wait(timeout: 30)
            XCTAssertEqual(outcome.termination, .exited(status), outcome.stderrText)
            XCTAssertEqual(processes(runningFrom: cache.path), [], "signal \(signal)")
        }
    }

    /// The way a learner meets it: `learn check` typed into an interactive shell (job control
    /// on) in a terminal, a check that hangs, Ctrl-C. The check program is in a process group
    /// of its own, so the terminal's SIGINT reaches only `learn`, which ends it and exits 130;
    /// the shell gets its prompt back and nothing of the check is left.
    func testCtrlCInAnInteractiveShellEndsTheCheck() throws {
        let check = """
            extension Harness {
                static let checks: [Check] = [Check("spin", Text("spins", ko: "돈다")) { try expect(spin() == 1, Text("no", ko: "아니")) }]
            }
            """
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: check,
            exercise: "func spin() -> Int { while true {} } // \(UUID())\n")
        let binary = TestSupport.repository.appendingPathComponent(".build/debug/learn").path
        let cache = try TestSupport.temporaryFolder(self)
        var environment = ProcessInfo.processInfo.environment
        environment["LEARN_HOME"] = location.root.path
        environment["LEARN_CACHE"] = cache.path
        environment["LEARN_NO_NAMESPACES"] = nil
        environment["TERM"] = "xterm"
        let shell = try PseudoTerminal(["/bin/bash", "--norc", "--noprofile", "-i"], environment: environment)
        shell.type("PS1='$ '\n")
        shell.type("\(binary) check \(lesson.id) --timeout 100; echo \"status=$?\"\n")
        let deadline = MonotonicClock.now() + 180
        while processes(runningFrom: cache.path).isEmpty && MonotonicClock.now() < deadline { usleep(20_000) }
        XCTAssertFalse(processes(runningFrom: cache.path).isEmpty, "the check program never started")
        shell.type("\u{03}")
        shell.expect("status=130", timeout: 30)
        XCTAssertEqual(processes(runningFrom: cache.path), [])
        shell.type("exit\n")
        XCTAssertNotNil(shell.waitForExit())
    }
}
