import HostProcess
import XCTest
@testable import NetLab

/// Issue test 7: with namespaces off, lab checks are not run, with the reason.
final class FallbackTests: XCTestCase {
    var off: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["LEARN_NO_NAMESPACES"] = "1"
        return env
    }

    func testNoNamespacesMakesLabsUnavailableWithAReason() throws {
        let a = Lab.availability(for: .router(), environment: off)
        XCTAssertFalse(a.isAvailable)
        XCTAssertTrue(a.reason?.contains("LEARN_NO_NAMESPACES=1") ?? false, "\(a)")
        XCTAssertThrowsError(try Lab.start(.link, environment: off)) { e in
            guard case .unavailable(let reason)? = e as? LabError else { return XCTFail("\(e)") }
            XCTAssertEqual(reason, a.reason)
        }
    }

    func testACheckIsReportedNotRunAndItsBodyNeverRuns() throws {
        var ran = false
        let outcome = try Lab.attempt(.link, environment: off) { _ in ran = true; return true }
        XCTAssertFalse(ran)
        guard case .notRun(let reason) = outcome else { return XCTFail("ran with namespaces off") }
        XCTAssertTrue(reason.contains("LEARN_NO_NAMESPACES"), reason)
    }

    func testACheckRunsWhereLabsWork() throws {
        try requireLabs(.link)
        let outcome = try Lab.attempt(.link) { lab in try lab.run(on: "B", ["true"]).status }
        guard case .ran(let status) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(status, 0)
    }

    /// A real refusal: `unshare` runs in a user namespace whose limit on nested user
    /// namespaces is 0, so the kernel refuses the lab's namespaces (as restricted
    /// distributions do); the lab is then reported unavailable and checks not run.
    func testAKernelThatRefusesUserNamespacesGivesAReasonAndNoRun() throws {
        try requireLabs(.link)
        let dir = NSTemporaryDirectory() + "netlab-refuse-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let real = LabTools.find().tools!.unshare
        try """
        #!/bin/sh
        exec \(real) --user --map-root-user /bin/sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$0" "$@"' \(real) "$@"
        """.write(toFile: dir + "/unshare", atomically: false, encoding: .utf8)
        chmod(dir + "/unshare", 0o755)
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = dir + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        let a = Lab.availability(for: .link, environment: env)
        XCTAssertFalse(a.isAvailable)
        XCTAssertTrue(a.reason?.contains("user namespaces") ?? false, "\(a)")
        XCTAssertTrue(a.reason?.contains("sysctl") ?? false, "\(a)")
        var ran = false
        let outcome = try Lab.attempt(.link, environment: env) { _ in ran = true }
        XCTAssertFalse(ran)
        XCTAssertNotNil(outcome.reason)
    }

    func testMissingToolsAreNamedWithTheirPackage() {
        let s = Lab.missingToolsSentence(["smcrouted"])
        XCTAssertTrue(s.contains("smcrouted") && s.contains("apt-get install smcroute"), s)
        let t = Lab.missingToolsSentence(["ip", "nsenter"])
        XCTAssertTrue(t.contains("apt-get install iproute2 util-linux"), t)
    }

    func testRefusedNamespacesSayHowToAllowThem() {
        let s = Lab.refusalSentence(detail: "unshare: unshare failed: Operation not permitted")
        XCTAssertTrue(s.contains("sysctl"), s)
        XCTAssertTrue(s.hasSuffix("."), s)
    }

    func testUnsafeTopologiesAreRefused() {
        var t = Topology.link
        t.links[0].a.name = "eth0; reboot"
        XCTAssertThrowsError(try WorldScript.validate(t))
        var u = Topology.router()
        u.router!.routes[0].groups = ["239.1.1.1 to eth0"]
        XCTAssertThrowsError(try WorldScript.validate(u))
        XCTAssertNoThrow(try WorldScript.validate(.router(forwarding: ["239.255.3.4", "239.255.0.0/16"])))
    }

    func testTopologiesAreNamedByData() {
        XCTAssertEqual(Topology.named("link"), .link)
        XCTAssertEqual(Topology.named("router", forwarding: ["239.255.9.9"])?.router?.routes[0].groups, ["239.255.9.9"])
        XCTAssertNil(Topology.named("mesh"))
    }
}
