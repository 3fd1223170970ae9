import HostProcess
import XCTest
@testable import NetLab

/// Issue test 3: IPv6 multicast (which `lo` never delivers) crosses the link, and the
/// receiver sees the sender's hop limit.
final class IPv6Tests: XCTestCase {
    func testTransientGroupReachesBWithTheSendersHopLimit() throws {
        let group = McastHelper.randomGroup6(), port = McastHelper.randomPort()
        try withLab(.link) { lab, py in
            let a = try lab.host("A"), b = try lab.host("B")
            let member = try lab.spawn(on: "B", py + ["recv", "6", group, port, String(b.interface.index), "data"])
            expectLine(member, "ready")
            let s = try lab.run(on: "A", py + ["send", "6", group, port, String(a.interface.index),
                                               "7", "1", "data", "1", "1", "end"])
            XCTAssertEqual(s.status, 0, s.stderr)
            let got = member.result(timeout: 10)
            XCTAssertEqual(got.stdout.split(separator: "\n").sorted(), ["data 7", "end 1"], got.stderr)
        }
    }
}
