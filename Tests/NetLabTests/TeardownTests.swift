import HostProcess
import XCTest
@testable import NetLab

/// Issue test 5: whatever happens inside, shutting down leaves no process, namespace
/// or file of the lab (each test checks its own lab by PID and namespace inode).
final class TeardownTests: XCTestCase {
    func testAfterAProgramThatTimesOut() throws {
        try withLab(.link) { lab, _ in
            let start = MonotonicClock.now()
            let r = try lab.run(on: "B", ["sleep", "1000"], timeout: 0.3)
            XCTAssertTrue(r.timedOut)
            XCTAssertEqual(r.signal, SIGKILL)
            XCTAssertLessThan(MonotonicClock.now() - start, 5)
            XCTAssertEqual(try lab.run(on: "B", ["true"]).status, 0, "the lab still works")
        }
    }

    func testAfterAProgramThatCrashes() throws {
        try withLab(.link) { lab, _ in
            let r = try lab.run(on: "A", [McastHelper.python, "-c", "import os; os.abort()"])
            XCTAssertEqual(r.signal, SIGABRT)
            XCTAssertEqual(r.status, 128 + SIGABRT)
            XCTAssertFalse(r.timedOut)
        }
    }

    /// A program that left its process group (setsid) is out of reach of a group kill;
    /// the PID namespace still takes it down.
    func testAfterADaemonThatEscapedItsProcessGroup() throws {
        let lab = try startLab(.link)
        let snapshot = LabSnapshot(lab)
        let r = try lab.run(on: "B", ["sh", "-c", "setsid sleep 1000 </dev/null >/dev/null 2>&1 & echo started"])
        XCTAssertEqual(r.stdout, "started\n")
        // Positive control: the daemon is there, in B's namespace, next to B's holder.
        let inB = LabProcInfo.processes(inNamespaces: [lab.netNamespaces["B"]!], kind: "net")
        XCTAssertGreaterThanOrEqual(inB.count, 2, "\(inB)")
        XCTAssertFalse(snapshot.leftovers().isEmpty, "leftovers() must see a live lab")
        lab.shutdown()
        snapshot.assertGone()
        XCTAssertThrowsError(try lab.run(on: "A", ["true"])) { XCTAssertEqual($0 as? LabError, .shutDown) }
    }

    /// If the owner dies without shutting down (a crash, SIGKILL), the world reads
    /// EOF on its stdin, removes the lab's folder and ends, taking everything along.
    func testWhenTheOwnerGoesAwayWithoutShuttingDown() throws {
        let lab = try startLab(.router())
        let snapshot = LabSnapshot(lab)
        XCTAssertTrue(FileManager.default.fileExists(atPath: lab.directory + "/smcroute.pid"))
        XCTAssertTrue(lab.abandonForTesting(), "the world did not end by itself")
        snapshot.assertGone()
    }

    /// Two labs at once are separate, and ending one leaves the other intact.
    func testTwoLabsAreIndependent() throws {
        let one = try startLab(.link), two = try startLab(.link)
        let s1 = LabSnapshot(one), s2 = LabSnapshot(two)
        XCTAssertTrue(s1.netInodes.isDisjoint(with: s2.netInodes))
        XCTAssertNotEqual(s1.userInode, s2.userInode)
        one.shutdown()
        s1.assertGone()
        XCTAssertEqual(try two.run(on: "A", ["ip", "-br", "addr", "show", "eth0"]).status, 0)
        XCTAssertFalse(s2.leftovers().isEmpty)
        two.shutdown()
        s2.assertGone()
    }
}

final class BringUpFailureTests: XCTestCase {
    /// A bring-up that fails part-way says why and leaves nothing: its folder is
    /// gone and no process runs in a namespace other than the test's own.
    func testAFailedBringUpSaysWhyAndCleansUp() throws {
        try requireLabs(.link)
        let tmp = NSTemporaryDirectory() + "netlab-fail-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = tmp
        var t = Topology.link
        t.routes["B"] = ["route add 10.99.0.0/16 via 10.55.0.1"]     // no such gateway
        XCTAssertThrowsError(try Lab.start(t, environment: env)) { e in
            guard case .bringUpFailed(let why)? = e as? LabError else { return XCTFail("\(e)") }
            XCTAssertTrue(why.contains("Nexthop") || why.contains("unreachable") || why.contains("Network"), why)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [])
        // Our own children: none of them is a lab's unshare any more.
        let left = LabProcInfo.children(of: getpid()).filter {
            (try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8))?.hasPrefix("unshare") ?? false
        }
        XCTAssertEqual(left, [])
    }
}
