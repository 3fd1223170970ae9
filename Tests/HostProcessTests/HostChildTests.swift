import HostProcess
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class HostChildTests: XCTestCase {
    func testExitStatusOutputAndErrors() throws {
        let ok = try HostCommand(["sh", "-c", "echo out; echo err >&2; exit 3"]).run(timeLimit: 10)
        XCTAssertEqual(ok.termination, .exited(3))
        XCTAssertEqual(ok.stdoutText, "out\n")
        XCTAssertEqual(ok.stderrText, "err\n")
        let killed = try HostCommand(["sh", "-c", "kill -SEGV $$"]).run(timeLimit: 10)
        XCTAssertEqual(killed.termination, .signalled(SIGSEGV))
        XCTAssertThrowsError(try HostChild(HostCommand(["/nonexistent/program"])))
        XCTAssertThrowsError(try HostChild(HostCommand(["no-such-program-anywhere"])))
    }

    func testInputBytesAndAnExtraChannel() throws {
        var command = HostCommand(["sh", "-c", "read line; echo \"got $line\" >&3; ls /proc/self/fd | sort -n | tr '\\n' ' '"])
        command.stdin = .bytes(Array("token\n".utf8))
        command.channels = 1
        let outcome = try command.run(timeLimit: 10)
        XCTAssertEqual(outcome.channels, [Array("got token\n".utf8)])
        // 0, 1, 2, the channel, and ls's own directory descriptor: nothing else of ours leaks.
        XCTAssertEqual(outcome.stdoutText.split(separator: " ").count, 5, outcome.stdoutText)
    }

    /// Input far larger than a pipe holds, for a reader that starts late: the spawn does not
    /// wait for it, and it all arrives.
    func testLargeInputIsWrittenWhileTheChildReads() throws {
        var command = HostCommand(["sh", "-c", "sleep 0.2; wc -c"])
        command.stdin = .bytes([UInt8](repeating: 65, count: 1 << 20))
        let start = MonotonicClock.now()
        let child = try HostChild(command)
        XCTAssertLessThan(MonotonicClock.now() - start, 0.15, "the spawn waited for the reader")
        XCTAssertEqual(child.wait(timeout: 10).stdoutText.trimmingCharacters(in: .whitespaces), "1048576\n")
    }

    func testTimeLimitKillsTheWholeGroup() throws {
        let start = MonotonicClock.now()
        let outcome = try HostCommand(["sh", "-c", "sleep 100 & sleep 100"]).run(timeLimit: 0.3)
        XCTAssertEqual(outcome.termination, .timedOut)
        XCTAssertLessThan(MonotonicClock.now() - start, 5)
    }

    func testOutputIsCappedAndStreamed() throws {
        var chunks = 0
        let outcome = try HostCommand(["sh", "-c", "head -c 300000 /dev/zero"]).run(timeLimit: 10, outputCap: 1000) { _, _ in chunks += 1 }
        XCTAssertEqual(outcome.stdout.count, 1000)
        XCTAssertTrue(outcome.stdoutTruncated)
        XCTAssertGreaterThan(chunks, 0)
    }

    func testSignalsAreDefaultInTheChildEvenWhenIgnoredHere() throws {
        signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, SIG_DFL) }
        let outcome = try HostCommand(["sh", "-c", "kill -INT $$; sleep 5"]).run(timeLimit: 10)
        XCTAssertEqual(outcome.termination, .signalled(SIGINT))
    }

    func testFileSizeLimitEndsTheProgram() throws {
        let file = NSTemporaryDirectory() + "hostprocess-fsize-\(getpid())"
        defer { unlink(file) }
        var command = HostCommand(["sh", "-c", "exec head -c 100000 /dev/zero > \(file)"])
        command.limits = [.fileSize(bytes: 4096)]
        XCTAssertEqual(try command.run(timeLimit: 10).termination, .signalled(SIGXFSZ))
        command.limits = []
        XCTAssertEqual(try command.run(timeLimit: 10).termination, .exited(0))
    }

    func testAddressSpaceLimitHoldsInTheProgramOnly() throws {
        var command = HostCommand(["sh", "-c", "ulimit -v"])
        command.limits = [.addressSpace(bytes: 1 << 31)]
        XCTAssertEqual(try command.run(timeLimit: 10).stdoutText, "2097152\n")
    }

    func testStopSignalKillsChildrenAndIsReported() throws {
        StopSignals.install()
        defer { StopSignals.clear(); signal(SIGINT, SIG_DFL) }
        let child = try HostChild(HostCommand(["sleep", "100"]))
        XCTAssertEqual(StopSignals.liveChildren, 1)
        kill(getpid(), SIGINT)
        let outcome = child.wait(timeout: 10)
        XCTAssertEqual(outcome.termination, .signalled(SIGKILL))
        XCTAssertEqual(StopSignals.received, SIGINT)
        XCTAssertEqual(StopSignals.liveChildren, 0)
        XCTAssertThrowsError(try HostCommand(["true"]).run()) { error in
            XCTAssertEqual((error as? StopSignals.Stopped)?.exitCode, 130)
        }
    }
}
