import HostProcess
import XCTest
@testable import NetLab

/// What `learn lab exec` relies on: a shell's environment leads back to its lab's
/// hosts, and never to a process that merely reuses a PID once the lab is gone.
final class LabShellTests: XCTestCase {
    func testTheEnvironmentLeadsToTheOtherHost() throws {
        try withLab(.link) { lab, _ in
            let env = lab.shellEnvironment(host: "A")
            XCTAssertEqual(env[Lab.hostVariable], "A")
            XCTAssertEqual(Lab.enclosingHosts(environment: env)?["B"]?.pid, try lab.host("B").pid)
            // From outside the lab (this test), nsenter must enter the user namespace too.
            let argv = try Lab.enclosingCommand(on: "B", ["ip", "-br", "addr", "show", "eth0"], environment: env)
            XCTAssertTrue(argv.contains("-U"))
            let r = try HostChild(HostCommand(argv)).result(timeout: 10)
            XCTAssertTrue(r.stdout.contains("10.77.0.2/24"), r.stdout + r.stderr)
            // From inside host A (already in the lab's user namespace), without -U.
            let inner = Lab.nsenterArgv(nsenter: lab.tools.nsenter, pid: try lab.host("B").pid, enterUser: false)
            let fromA = try lab.run(on: "A", inner + ["ip", "-br", "addr", "show", "eth0"])
            XCTAssertTrue(fromA.stdout.contains("10.77.0.2/24"), fromA.stdout + fromA.stderr)
            XCTAssertThrowsError(try Lab.enclosingCommand(on: "C", ["true"], environment: env))
        }
    }

    func testAGoneLabIsNotEntered() throws {
        let lab = try startLab(.link)
        let env = lab.shellEnvironment(host: "A")
        lab.shutdown()
        XCTAssertThrowsError(try Lab.enclosingCommand(on: "B", ["true"], environment: env)) {
            XCTAssertEqual($0 as? LabError, .shutDown)
        }
        // A PID that now names some other process (here: this one) is refused too.
        var forged = env
        forged[Lab.hostsVariable] = "B=\(getpid()):\(lab.netNamespaces["B"]!)"
        XCTAssertThrowsError(try Lab.enclosingCommand(on: "B", ["true"], environment: forged))
        XCTAssertNil(Lab.enclosingHosts(environment: [:]))
    }
}

final class ProcInfoTests: XCTestCase {
    /// The /proc/N/stat fallback agrees with the children file.
    func testParentOfAChild() throws {
        // Started from another thread: children are listed per thread in /proc.
        // Written by the thread before `done` is signalled, read here after waiting for it.
        final class Box: @unchecked Sendable { var p: HostChild? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        Thread { box.p = try? HostChild(HostCommand(["sleep", "30"])); done.signal() }.start()
        done.wait()
        let p = try XCTUnwrap(box.p)
        defer { p.kill(); _ = p.result(timeout: 5) }
        XCTAssertEqual(LabProcInfo.parent(of: p.pid), getpid())
        XCTAssertTrue(LabProcInfo.children(of: getpid()).contains(p.pid))
    }
}

final class HostChildInLabTests: XCTestCase {
    /// kill() from one thread is not held up by a readLine waiting on another.
    func testKillIsNotBlockedByAWaitingRead() throws {
        let p = try HostChild(HostCommand(["sleep", "1000"]))
        // Written by the thread before `done` is signalled, read here after waiting for it.
        final class Box: @unchecked Sendable { var line: String?? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        let start = MonotonicClock.now()
        Thread { box.line = .some(p.readLine(timeout: 60)); done.signal() }.start()
        p.kill()
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(box.line, .some(nil), "EOF, not a line")
        XCTAssertLessThan(MonotonicClock.now() - start, 30)
        XCTAssertEqual(p.result(timeout: 10).signal, SIGKILL)
    }

    func testOutputStatusAndTimeout() throws {
        let ok = try HostChild(HostCommand(["sh", "-c", "echo out; echo err >&2; exit 3"])).result(timeout: 10)
        XCTAssertEqual(ok, LabRunResult(status: 3, signal: nil, stdout: "out\n", stderr: "err\n", timedOut: false))
        let slow = try HostChild(HostCommand(["sh", "-c", "sleep 1000"])).result(timeout: 0.2)
        XCTAssertTrue(slow.timedOut)
        XCTAssertThrowsError(try HostChild(HostCommand(["/nonexistent/program"])))
    }
}
