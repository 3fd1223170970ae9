import HostProcess
import XCTest
@testable import NetLab

/// Issue test 2: IP_MULTICAST_LOOP on a real link (on `lo` the kernel ignores 0).
final class LoopTests: XCTestCase {
    func testLoopOneIsHeardOnBothHostsLoopZeroOnlyOnTheOther() throws {
        for loop in ["1", "0"] {
            let group = McastHelper.randomGroup4(), port = McastHelper.randomPort()
            try withLab(.link) { lab, py in
                let a = try lab.host("A"), b = try lab.host("B")
                // On A delivery happens inside sendto, so "end" after "data" is proof enough
                // that no "data" came; B must also have "data" before it stops.
                let onA = try lab.spawn(on: "A", py + ["recv", "4", group, port, a.ipv4])
                let onB = try lab.spawn(on: "B", py + ["recv", "4", group, port, b.ipv4, "data"])
                expectLine(onA, "ready"); expectLine(onB, "ready")
                // The sentinel goes out from a second socket with loop on, so A's
                // member gets it whatever the first socket's setting.
                let s = try lab.run(on: "A", py + ["send", "4", group, port, a.ipv4, "1", loop, "data", "1", "1", "end"])
                XCTAssertEqual(s.status, 0, s.stderr)
                let heardA = onA.result(timeout: 10).stdout, heardB = onB.result(timeout: 10).stdout
                XCTAssertEqual(heardB.split(separator: "\n").sorted(), ["data 1", "end 1"], "loop \(loop)")
                XCTAssertEqual(heardA, loop == "1" ? "data 1\nend 1\n" : "end 1\n", "loop \(loop)")
            }
        }
    }
}
