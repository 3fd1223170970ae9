import HostProcess
import XCTest
@testable import NetLab

/// The topologies come up as their data declares: names, addresses, indexes, routes.
final class BringUpTests: XCTestCase {
    func testLinkHostsHaveTheirAddressesAndIndexes() throws {
        try withLab(.link) { lab, _ in
            XCTAssertEqual(lab.hosts.map(\.name), ["A", "B"])
            XCTAssertEqual(lab.hosts.map(\.ipv4), ["10.77.0.1", "10.77.0.2"])
            for h in lab.hosts {
                let r = try lab.run(on: h.name, ["ip", "-o", "addr", "show", "dev", "eth0"])
                XCTAssertEqual(r.status, 0, r.stderr)
                XCTAssertTrue(r.stdout.contains(" \(h.ipv4)/24 "), r.stdout)
                XCTAssertTrue(r.stdout.contains(" \(h.ipv6)/64 "), r.stdout)
                // DAD is off: no address waits as "tentative".
                XCTAssertFalse(r.stdout.contains("tentative"), r.stdout)
                let link = try lab.run(on: h.name, ["ip", "-o", "link", "show", "dev", "eth0"])
                XCTAssertTrue(link.stdout.hasPrefix("\(h.interface.index): eth0@"), link.stdout)
                XCTAssertTrue(link.stdout.contains("MULTICAST"), link.stdout)
            }
            // The hosts really are separate: B's address is not A's.
            let a = try lab.run(on: "A", ["ip", "-o", "addr"]).stdout
            XCTAssertFalse(a.contains("10.77.0.2/"), a)
        }
    }

    func testRouterHostsAreOnTwoSubnetsAndReachEachOther() throws {
        try withLab(.router()) { lab, _ in
            XCTAssertEqual(lab.hosts.map(\.name), ["A", "R", "B"])
            let r = try lab.host("R")
            XCTAssertTrue(r.isRouter)
            XCTAssertEqual(r.interfaces.map(\.name), ["ra", "rb"])
            XCTAssertNotEqual(r.interfaces[0].index, r.interfaces[1].index)
            // Unicast crosses R (forwarding on): B sees A's datagram with one hop taken off.
            let port = McastHelper.randomPort()
            let recv = try lab.spawn(on: "B", [McastHelper.python, "-c", """
                import socket, struct
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.setsockopt(socket.IPPROTO_IP, 12, 1)
                s.bind(("", \(port)))
                print("ready", flush=True)
                d, anc, _, addr = s.recvmsg(100, 64)
                print(d.decode(), addr[0], struct.unpack("@i", anc[0][2][:4])[0])
                """])
            expectLine(recv, "ready")
            let send = try lab.run(on: "A", [McastHelper.python, "-c", """
                import socket
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 64)
                s.sendto(b"hello", ("\(try lab.host("B").ipv4)", \(port)))
                """])
            XCTAssertEqual(send.status, 0, send.stderr)
            XCTAssertEqual(recv.result(timeout: 10).stdout, "hello 10.77.1.2 63\n")
        }
    }

    func testNothingOfTheHostNetworkIsVisibleInside() throws {
        try withLab(.link) { lab, _ in
            let links = try lab.run(on: "A", ["ip", "-o", "link"]).stdout
            XCTAssertEqual(links.split(separator: "\n").count, 2, links)   // lo and eth0 only
        }
    }
}
