import HostProcess
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The two confinements lesson programs run in: a private network with a PID namespace
/// whose init ends everything, and the host fallback's subreaper.
final class IsolationTests: XCTestCase {
    /// Fails (never skips) where namespaces cannot be made: the grading sandbox depends on them.
    func testPrivateNetworkHasOnlyLoopbackAndTheProgramIsNotPID1() throws {
        var command = HostCommand(["sh", "-c", "echo $$; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '; cat /proc/1/comm; id -u"])
        command.isolation = .privateNetwork
        let outcome = try command.run(timeLimit: 10)
        XCTAssertEqual(outcome.termination, .exited(0), outcome.stderrText)
        XCTAssertEqual(outcome.stdoutText.split(separator: "\n"), ["2", "lo", "learn-init", "0"], outcome.stderrText)
    }

    func testLoopbackIsUp() throws {
        var command = HostCommand(["ip", "-o", "link", "show", "lo"])
        command.isolation = .privateNetwork
        let outcome = try command.run(timeLimit: 10)
        XCTAssertTrue(outcome.stdoutText.contains(",UP,"), outcome.stdoutText + outcome.stderrText)
    }

    /// A double-forked setsid() daemon must end with the run, in both confinements.
    func testADaemonEndsWithTheRun() throws {
        for isolation in [HostCommand.Isolation.privateNetwork, .supervised] {
            let marker = "learn-daemon-\(getpid())-\(isolation == .supervised ? "s" : "n")"
            let proof = NSTemporaryDirectory() + marker
            defer { unlink(proof) }
            // The daemon detaches (double fork, setsid, no descriptors) and says it is up.
            let daemon = "setsid bash -c 'touch \(proof); exec -a \(marker) sleep 300' </dev/null >/dev/null 2>&1 &"
            var command = HostCommand(["sh", "-c", "(\(daemon)); while [ ! -e \(proof) ]; do sleep 0.01; done; echo started"])
            command.isolation = isolation
            let outcome = try command.run(timeLimit: 10)
            XCTAssertEqual(outcome.stdoutText, "started\n", "\(isolation) \(outcome.stderrText)")
            XCTAssertEqual(outcome.termination, .exited(0))
            XCTAssertFalse(Self.running(marker), "\(isolation): the daemon outlived the run")
        }
    }

    func testTheProgramsStatusIsReportedThroughTheSupervisor() throws {
        for isolation in [HostCommand.Isolation.privateNetwork, .supervised] {
            var command = HostCommand(["sh", "-c", "exit 7"])
            command.isolation = isolation
            XCTAssertEqual(try command.run(timeLimit: 10).termination, .exited(7))
            command.arguments = ["sh", "-c", "kill -ABRT $$"]
            XCTAssertEqual(try command.run(timeLimit: 10).termination, .signalled(SIGABRT))
        }
    }

    func testATimeLimitEndsEverythingInBothConfinements() throws {
        for isolation in [HostCommand.Isolation.privateNetwork, .supervised] {
            let marker = "learn-hang-\(getpid())-\(isolation == .supervised ? "s" : "n")"
            var command = HostCommand(["bash", "-c", "setsid bash -c 'exec -a \(marker) sleep 300' </dev/null >/dev/null 2>&1 & exec -a \(marker) sleep 300"])
            command.isolation = isolation
            XCTAssertEqual(try command.run(timeLimit: 0.5).termination, .timedOut)
            XCTAssertFalse(Self.running(marker), "\(isolation): something outlived the time limit")
        }
    }

    /// The thread that started a confined program ends (as all of `learn` does when it is
    /// killed by SIGKILL): the program and its namespace end with it, in both confinements.
    func testAConfinedProgramDiesWithItsStarter() throws {
        for isolation in [HostCommand.Isolation.privateNetwork, .supervised] {
            let marker = "learn-orphan-\(getpid())-\(isolation == .supervised ? "s" : "n")"
            // Written by the thread before `started` is signalled, read here after waiting for it.
            final class Box: @unchecked Sendable { var child: HostChild?; var ran = false }
            let box = Box(), started = DispatchSemaphore(value: 0)
            Thread {
                var command = HostCommand(["bash", "-c", "exec -a \(marker) sleep 300"])
                command.isolation = isolation
                box.child = try? HostChild(command)
                // Positive control: it runs before its starter ends.
                let deadline = MonotonicClock.now() + 5
                while !IsolationTests.running(marker) && MonotonicClock.now() < deadline { usleep(5_000) }
                box.ran = IsolationTests.running(marker)
                started.signal()
            }.start()
            started.wait()
            XCTAssertNotNil(box.child)
            XCTAssertTrue(box.ran, "\(isolation): the program never ran")
            let deadline = MonotonicClock.now() + 5
            while Self.running(marker) && MonotonicClock.now() < deadline { usleep(10_000) }
            XCTAssertFalse(Self.running(marker), "\(isolation): the program outlived its starter")
            _ = box.child?.wait(timeout: 5)
        }
    }

    /// Is a process whose command line starts with `marker` running anywhere on the machine?
    static func running(_ marker: String) -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where Int(entry) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            if String(decoding: data, as: UTF8.self).hasPrefix(marker) { return true }
        }
        return false
    }
}
