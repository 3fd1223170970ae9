import HostProcess
import XCTest
@testable import NetLab

/// The `lan` topology: A, B and R on one switch (a bridge in the world), C behind R. A
/// broadcast on the LAN reaches every host on it and stops at the router.
final class LanTests: XCTestCase {
    /// A receiver bound to the port on every address (a socket bound to a unicast address
    /// hears no broadcast): "ready", then "TEXT FROM" per datagram until "end".
    static func listener(_ port: String) -> [String] {
        [McastHelper.python, "-c", """
        import socket
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("", \(port)))
        print("ready", flush=True)
        while True:
            d, addr = s.recvfrom(100)
            print(d.decode(), addr[0], flush=True)
            if d == b"end":
                break
        """]
    }

    /// Sends each (ADDRESS, TEXT) from 10.77.0.1 with SO_BROADCAST on, in order.
    static func sender(_ port: String, _ datagrams: [(String, String)]) -> [String] {
        let list = datagrams.map { "(\"\($0.0)\", b\"\($0.1)\")" }.joined(separator: ", ")
        return [McastHelper.python, "-c", """
        import socket
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        s.bind(("10.77.0.1", 0))
        for address, text in [\(list)]:
            s.sendto(text, (address, \(port)))
        """]
    }

    func testTheDefinitionIsValidAndBuildsABridgeInTheWorld() throws {
        let lan = try XCTUnwrap(Topology.named("lan"))
        XCTAssertEqual(lan, .lan)
        XCTAssertTrue(Topology.names.contains("lan"))
        XCTAssertNoThrow(try WorldScript.validate(lan))
        XCTAssertEqual(lan.interfaces(of: "R").map(\.name), ["eth0", "rc"])
        XCTAssertTrue(lan.forwards("R"))
        XCTAssertFalse(lan.forwards("A"))
        let tools = LabTools(unshare: "/unshare", nsenter: "/nsenter", ip: "/ip", sh: "/bin/sh", smcrouted: nil, smcroutectl: nil)
        let text = WorldScript(topology: lan, directory: "/tmp/x", tools: tools).text
        XCTAssertTrue(text.contains("link add lan type bridge\n"), text)
        for port in 0..<3 {
            XCTAssertTrue(text.contains("link set lanp\(port) master lan\n"), text)
        }
        // No multicast router: nothing starts smcrouted.
        XCTAssertFalse(text.contains("smcrouted"), text)

        var bad = Topology.lan
        bad.switches[0].ports.append(.init(host: "Z", name: "eth0", ipv4: "10.77.0.9/24", ipv6: "fd4c:6162::9/64"))
        XCTAssertThrowsError(try WorldScript.validate(bad))
        bad = .lan
        bad.forwarders = ["Z"]
        XCTAssertThrowsError(try WorldScript.validate(bad))
    }

    func testHostsHaveTheirAddressesAndRForwardsUnicast() throws {
        try withLab(.lan) { lab, _ in
            XCTAssertEqual(lab.hosts.map(\.name), ["A", "B", "R", "C"])
            XCTAssertEqual(lab.hosts.map(\.ipv4), ["10.77.0.1", "10.77.0.2", "10.77.0.254", "10.77.1.2"])
            XCTAssertTrue(try lab.host("R").isRouter)
            let a = try lab.run(on: "A", ["ip", "-o", "-4", "addr", "show", "dev", "eth0"])
            XCTAssertTrue(a.stdout.contains("10.77.0.1/24 brd 10.77.0.255"), a.stdout)
            // B is one hop from A (TTL 64 on arrival), C two (R takes one off).
            for (host, address, ttl) in [("B", "10.77.0.2", 64), ("C", "10.77.1.2", 63)] {
                let port = McastHelper.randomPort()
                let recv = try lab.spawn(on: host, [McastHelper.python, "-c", """
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
                    s.sendto(b"hello", ("\(address)", \(port)))
                    """])
                XCTAssertEqual(send.status, 0, send.stderr)
                XCTAssertEqual(recv.result(timeout: 10).stdout, "hello 10.77.0.1 \(ttl)\n", host)
            }
        }
    }

    func testBroadcastReachesTheLanAndStopsAtTheRouter() throws {
        try withLab(.lan) { lab, _ in
            let port = McastHelper.randomPort()
            var listeners: [String: HostChild] = [:]
            for host in ["B", "R", "C"] {
                listeners[host] = try lab.spawn(on: host, Self.listener(port))
                expectLine(listeners[host]!, "ready")
            }
            // Both kinds of broadcast, then "end" to each host by unicast: whatever a
            // broadcast brought has arrived by the time its host reads "end".
            let send = try lab.run(on: "A", Self.sender(port, [
                ("10.77.0.255", "directed"), ("255.255.255.255", "limited"),
                ("10.77.0.2", "end"), ("10.77.0.254", "end"), ("10.77.1.2", "end"),
            ]))
            XCTAssertEqual(send.status, 0, send.stderr)
            for host in ["B", "R"] {
                XCTAssertEqual(listeners[host]!.result(timeout: 10).stdout,
                               "directed 10.77.0.1\nlimited 10.77.0.1\nend 10.77.0.1\n", host)
            }
            XCTAssertEqual(listeners["C"]!.result(timeout: 10).stdout, "end 10.77.0.1\n",
                           "a broadcast crossed the router")
        }
    }

    func testWithoutSOBroadcastTheSendIsRefused() throws {
        try withLab(.lan) { lab, _ in
            let r = try lab.run(on: "A", [McastHelper.python, "-c", """
                import socket
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                try:
                    s.sendto(b"x", ("10.77.0.255", 9))
                    print("sent")
                except OSError as e:
                    print(e.errno)
                """])
            XCTAssertEqual(r.stdout, "13\n", r.stderr)   // EACCES
        }
    }
}
