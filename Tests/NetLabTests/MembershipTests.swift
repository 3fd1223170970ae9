import HostProcess
import XCTest
@testable import NetLab

/// Issue test 4: a join shows in the host's /proc/net/igmp (igmp6) under its
/// interface, and is gone after the leave.
final class MembershipTests: XCTestCase {
    /// Groups of `device` in /proc/net/igmp: rows after "IDX\tDEV  :  COUNT V3" headers.
    static func igmpGroups(_ text: String, device: String) -> [String] {
        var out: [String] = [], current = ""
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if line.first != "\t" && f.count >= 2 { current = String(f[1]); continue }
            if current == device, let g = f.first { out.append(String(g)) }
        }
        return out
    }

    /// /proc/net/igmp prints the raw network-order word with %08X: bytes reversed on
    /// a little-endian machine.
    static func igmpHex(_ group: String) -> String {
        let b = group.split(separator: ".").map { UInt32($0)! }
        let raw = UInt32(bigEndian: b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3])
        return String(format: "%08X", raw)
    }

    func testIPv4JoinAndLeaveShowInProcNetIgmp() throws {
        let group = McastHelper.randomGroup4()
        try withLab(.link) { lab, py in
            let b = try lab.host("B")
            let before = try lab.run(on: "B", ["cat", "/proc/net/igmp"]).stdout
            XCTAssertFalse(Self.igmpGroups(before, device: "eth0").contains(Self.igmpHex(group)))
            let m = try lab.spawn(on: "B", py + ["member", "4", group, b.ipv4], stdin: .pipe)
            expectLine(m, "joined")
            let joined = try lab.run(on: "B", ["cat", "/proc/net/igmp"]).stdout
            XCTAssertTrue(Self.igmpGroups(joined, device: "eth0").contains(Self.igmpHex(group)), joined)
            // A's table is its own: the join was B's.
            let onA = try lab.run(on: "A", ["cat", "/proc/net/igmp"]).stdout
            XCTAssertFalse(Self.igmpGroups(onA, device: "eth0").contains(Self.igmpHex(group)), onA)
            try m.write("leave\n")
            expectLine(m, "left")
            let left = try lab.run(on: "B", ["cat", "/proc/net/igmp"]).stdout
            XCTAssertFalse(Self.igmpGroups(left, device: "eth0").contains(Self.igmpHex(group)), left)
            m.closeStdin()
            XCTAssertEqual(m.result(timeout: 10).status, 0)
        }
    }

    func testIPv6JoinAndLeaveShowInProcNetIgmp6() throws {
        let group = McastHelper.randomGroup6()
        var raw = [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(inet_pton(AF_INET6, group, &raw), 1)
        let hex = raw.map { String(format: "%02x", $0) }.joined()
        func rows(_ text: String) -> [String] {
            text.split(separator: "\n").compactMap { line in
                let f = line.split(separator: " ", omittingEmptySubsequences: true)
                return f.count >= 3 && f[1] == "eth0" ? String(f[2]) : nil
            }
        }
        try withLab(.link) { lab, py in
            let b = try lab.host("B")
            let m = try lab.spawn(on: "B", py + ["member", "6", group, String(b.interface.index)], stdin: .pipe)
            expectLine(m, "joined")
            let joined = try lab.run(on: "B", ["cat", "/proc/net/igmp6"]).stdout
            XCTAssertTrue(rows(joined).contains(hex), joined)
            try m.write("leave\n")
            expectLine(m, "left")
            let left = try lab.run(on: "B", ["cat", "/proc/net/igmp6"]).stdout
            XCTAssertFalse(rows(left).contains(hex), left)
            XCTAssertFalse(rows(left).isEmpty, "igmp6 parsed nothing: \(left)")   // ff02::1 is always there
            m.closeStdin()
            _ = m.result(timeout: 10)
        }
    }
}
