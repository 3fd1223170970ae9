import HostProcess
import XCTest
@testable import NetLab

/// Issue test 1: a real multicast router (smcrouted in R) forwards A's datagrams to B
/// only when their TTL is above 1, and each hop takes one off.
final class RouterTTLTests: XCTestCase {
    func testTTLOneStopsAtTheRouterAndEachHopCostsOne() throws {
        let group = McastHelper.randomGroup4(), port = McastHelper.randomPort()
        try withLab(.router(forwarding: [group])) { lab, py in
            let a = try lab.host("A"), b = try lab.host("B")
            let member = try lab.spawn(on: "B", py + ["recv", "4", group, port, b.ipv4, "warm", "ttl2", "ttl3"])
            expectLine(member, "ready")

            // A first datagram makes the kernel ask smcrouted, which installs the
            // (A, group) route; wait for the route itself, not for time to pass.
            XCTAssertEqual(try lab.run(on: "A", py + ["send", "4", group, port, a.ipv4, "3", "1", "warm"]).status, 0)
            var route = ""
            for _ in 0..<300 {
                route = try lab.run(on: "R", ["ip", "mroute", "show"]).stdout
                if route.contains(group) { break }
            }
            XCTAssertTrue(route.contains("(\(a.ipv4),\(group))"), "ip mroute show: \(route)")
            XCTAssertTrue(route.contains("Iif: ra"), route)
            XCTAssertTrue(route.contains("Oifs: rb"), route)

            // "end" is the sentinel: B reads up to it, so no test waits for silence.
            let send = try lab.run(on: "A", py + ["send", "4", group, port, a.ipv4,
                                                  "1", "1", "ttl1", "2", "1", "ttl2", "3", "1", "ttl3", "3", "1", "end"])
            XCTAssertEqual(send.status, 0, send.stderr)
            let got = member.result(timeout: 10)
            XCTAssertFalse(got.timedOut, got.stdout)
            XCTAssertEqual(got.stdout.split(separator: "\n").sorted(), ["end 2", "ttl2 1", "ttl3 2", "warm 2"], got.stderr)
        }
    }

    /// The default router forwards the whole local-scope range, so a lesson's random
    /// group needs no configuration; a group outside it is not forwarded.
    func testDefaultRouterForwardsTheLocalScopeRangeOnly() throws {
        let group = McastHelper.randomGroup4(), port = McastHelper.randomPort()
        let outside = "239.254.\(Int.random(in: 1...254)).\(Int.random(in: 1...254))"
        try withLab(.router()) { lab, py in
            let a = try lab.host("A"), b = try lab.host("B")
            let conf = try String(contentsOfFile: lab.directory + "/smcroute.conf", encoding: .utf8)
            XCTAssertTrue(conf.contains("mroute from ra group 239.255.0.0/16 to rb"), conf)
            let inside = try lab.spawn(on: "B", py + ["recv", "4", group, port, b.ipv4])
            let other = try lab.spawn(on: "B", py + ["recv", "4", outside, port, b.ipv4])
            expectLine(inside, "ready"); expectLine(other, "ready")
            _ = try lab.run(on: "A", py + ["send", "4", outside, port, a.ipv4, "5", "1", "lost"])
            _ = try lab.run(on: "A", py + ["send", "4", group, port, a.ipv4, "5", "1", "end"])
            XCTAssertEqual(inside.result(timeout: 10).stdout, "end 4\n")
            // Nothing for `outside` reached B: B's own host sends it the sentinel.
            _ = try lab.run(on: "B", py + ["send", "4", outside, port, b.ipv4, "1", "1", "end"])
            XCTAssertEqual(other.result(timeout: 10).stdout, "end 1\n")
        }
    }
}
