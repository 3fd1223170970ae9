import HostProcess
import XCTest
@testable import NetLab

/// Starts a lab. Where labs cannot run the test fails (it never skips, never passes): the
/// course's grading depends on them.
func startLab(_ t: Topology, file: StaticString = #filePath, line: UInt = #line) throws -> Lab {
    try requireLabs(t, file: file, line: line)
    return try Lab.start(t)
}

struct LabsUnavailable: Error, CustomStringConvertible { let description: String }

/// Fails the test where `t` cannot run here, with the reason.
func requireLabs(_ t: Topology = .link, file: StaticString = #filePath, line: UInt = #line) throws {
    if case .unavailable(let reason) = Lab.availability(for: t) {
        XCTFail("labs cannot run here: \(reason)", file: file, line: line)
        throw LabsUnavailable(description: reason)
    }
}

/// Runs `body` in a fresh lab, shuts it down and checks that nothing of it is left.
func withLab(_ t: Topology, file: StaticString = #filePath, line: UInt = #line,
             _ body: (Lab, [String]) throws -> Void) throws {
    let lab = try startLab(t, file: file, line: line)
    let helper = try McastHelper.install(in: lab)
    let snapshot = LabSnapshot(lab)
    do { try body(lab, helper) } catch { lab.shutdown(); throw error }
    lab.shutdown()
    snapshot.assertGone(file: file, line: line)
}

/// What a lab started, identified by PID *and* namespace inode, so a test checks
/// only its own lab even while other tests' labs run.
struct LabSnapshot {
    var pids: [Int32]
    var netInodes: Set<UInt64>
    var userInode: UInt64
    var pidInode: UInt64
    var directory: String

    init(_ lab: Lab) {
        pids = [lab.unsharePID, lab.worldPID] + lab.hosts.map(\.pid) + LabProcInfo.children(of: lab.worldPID)
        netInodes = Set(lab.netNamespaces.values)
        userInode = lab.userNamespace
        pidInode = lab.pidNamespace
        directory = lab.directory
    }

    /// Processes that still belong to the lab: any process in one of its namespaces.
    func leftovers() -> [String] {
        var out: [String] = []
        out += LabProcInfo.processes(inNamespaces: netInodes, kind: "net").map { "process \($0) in a host network namespace" }
        out += LabProcInfo.processes(inNamespaces: [userInode], kind: "user").map { "process \($0) in the lab's user namespace" }
        out += LabProcInfo.processes(inNamespaces: [pidInode], kind: "pid").map { "process \($0) in the lab's PID namespace" }
        for p in pids where LabProcInfo.exists(p) {
            // A reused PID is someone else's process: only ours if its namespace is.
            if LabProcInfo.namespaceInode(of: p, "user") == userInode { out.append("process \(p) still runs") }
        }
        for (i, o) in out.enumerated() {
            if let pid = o.split(separator: " ").dropFirst().first,
               let st = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) {
                out[i] += " [" + st.split(separator: "\n").filter { $0.hasPrefix("Name") || $0.hasPrefix("State") || $0.hasPrefix("PPid") || $0.hasPrefix("NSpid") }.joined(separator: ", ") + "]"
            }
        }
        if FileManager.default.fileExists(atPath: directory) { out.append("folder \(directory) remains") }
        return out
    }

    func assertGone(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(leftovers(), [], "the lab left things behind", file: file, line: line)
    }
}

/// Reads lines from a background program until one equals `expected`.
func expectLine(_ p: HostChild, _ expected: String, timeout: Double = 10,
                file: StaticString = #filePath, line: UInt = #line) {
    let deadline = MonotonicClock.now() + timeout
    while let l = p.readLine(timeout: max(0, deadline - MonotonicClock.now())) {
        if l == expected { return }
    }
    let r = p.result(timeout: 1)
    XCTFail("no line \"\(expected)\": \(r.stdout) \(r.stderr)", file: file, line: line)
}

extension HostChild {
    /// `wait` with the output as text, as `Lab.run` returns it.
    func result(timeout: Double) -> LabRunResult { LabRunResult(wait(timeout: timeout)) }
}
