/// A small network described as data: hosts, veth links between them with their
/// addresses, extra routes, and which host (if any) routes multicast.
///
/// Lessons name a topology (`Topology.named("router")`); nothing in the lab is
/// written per lesson. Addresses come from ranges no real network here uses:
/// 10.77.0.0/16 and the ULA prefix fd4c:6162::/32 ("Lab" in hex), and they only
/// ever exist inside the namespaces a lab makes.
public struct Topology: Sendable, Equatable {
    /// One end of a link: an interface on a host, with its addresses in CIDR form.
    public struct Interface: Sendable, Equatable {
        public var host: String
        public var name: String
        public var ipv4: String   // e.g. "10.77.0.1/24"
        public var ipv6: String   // e.g. "fd4c:6162::1/64"
        public init(host: String, name: String, ipv4: String, ipv6: String) {
            self.host = host; self.name = name; self.ipv4 = ipv4; self.ipv6 = ipv6
        }
    }

    /// A veth pair: `a` and `b` are the two ends.
    public struct Link: Sendable, Equatable {
        public var a: Interface
        public var b: Interface
        public init(_ a: Interface, _ b: Interface) { self.a = a; self.b = b }
    }

    /// A static multicast route the router's smcrouted installs: datagrams arriving on
    /// `from` for a group in `groups` (addresses or prefixes like "239.255.0.0/16")
    /// leave on every interface in `to`.
    public struct MulticastRoute: Sendable, Equatable {
        public var from: String
        public var to: [String]
        public var groups: [String]
        public init(from: String, to: [String], groups: [String]) {
            self.from = from; self.to = to; self.groups = groups
        }
    }

    /// A switch: a bridge in the lab's world, one port per interface here. Each interface is
    /// one end of a veth pair whose other end is a port of the bridge, so every host with an
    /// interface on it shares one link (one broadcast domain), as on a real LAN.
    public struct Switch: Sendable, Equatable {
        public var name: String
        public var ports: [Interface]
        public init(name: String, ports: [Interface]) { self.name = name; self.ports = ports }
    }

    /// A host that forwards unicast and runs smcrouted with `routes`.
    public struct Router: Sendable, Equatable {
        public var host: String
        public var routes: [MulticastRoute]
        public init(host: String, routes: [MulticastRoute]) { self.host = host; self.routes = routes }
    }

    public var name: String
    /// Host names, in order; the first is where `learn lab` opens its shell.
    public var hosts: [String]
    public var links: [Link]
    public var switches: [Switch]
    /// Extra `ip` batch commands per host (e.g. "route add default via 10.77.1.1").
    public var routes: [String: [String]]
    public var router: Router?
    /// Hosts that forward unicast between their interfaces without routing multicast.
    public var forwarders: [String]

    public init(name: String, hosts: [String], links: [Link], switches: [Switch] = [],
                routes: [String: [String]] = [:], router: Router? = nil, forwarders: [String] = []) {
        self.name = name; self.hosts = hosts; self.links = links; self.switches = switches
        self.routes = routes; self.router = router; self.forwarders = forwarders
    }

    /// The interfaces of one host: its switch ports first, then its links, in order.
    public func interfaces(of host: String) -> [Interface] {
        (switches.flatMap(\.ports) + links.flatMap { [$0.a, $0.b] }).filter { $0.host == host }
    }

    /// Whether `host` forwards unicast (the multicast router, or a plain forwarder).
    public func forwards(_ host: String) -> Bool {
        router?.host == host || forwarders.contains(host)
    }
}

extension Topology {
    /// Hosts A and B on one veth link.
    public static let link = Topology(
        name: "link",
        hosts: ["A", "B"],
        links: [Link(Interface(host: "A", name: "eth0", ipv4: "10.77.0.1/24", ipv6: "fd4c:6162::1/64"),
                     Interface(host: "B", name: "eth0", ipv4: "10.77.0.2/24", ipv6: "fd4c:6162::2/64"))],
        // So a program that does not choose an outgoing interface still sends on the
        // link (there is no default route), as it would on a one-interface machine.
        routes: ["A": ["route add 224.0.0.0/4 dev eth0"], "B": ["route add 224.0.0.0/4 dev eth0"]]
    )

    /// The groups a router forwards unless a lesson says otherwise: IPv4 local scope
    /// (RFC 2365), where lessons pick their random groups.
    public static let defaultForwardedGroups = ["239.255.0.0/16"]

    /// A — R — B: two subnets, R a multicast router (smcrouted) forwarding `groups`
    /// from A's side (interface `ra`) to B's side (`rb`).
    public static func router(forwarding groups: [String] = defaultForwardedGroups) -> Topology {
        Topology(
            name: "router",
            hosts: ["A", "R", "B"],
            links: [
                Link(Interface(host: "A", name: "eth0", ipv4: "10.77.1.2/24", ipv6: "fd4c:6162:1::2/64"),
                     Interface(host: "R", name: "ra", ipv4: "10.77.1.1/24", ipv6: "fd4c:6162:1::1/64")),
                Link(Interface(host: "R", name: "rb", ipv4: "10.77.2.1/24", ipv6: "fd4c:6162:2::1/64"),
                     Interface(host: "B", name: "eth0", ipv4: "10.77.2.2/24", ipv6: "fd4c:6162:2::2/64")),
            ],
            routes: [
                "A": ["route add default via 10.77.1.1", "route add default via fd4c:6162:1::1"],
                "B": ["route add default via 10.77.2.1", "route add default via fd4c:6162:2::1"],
            ],
            router: Router(host: "R", routes: [MulticastRoute(from: "ra", to: ["rb"], groups: groups)])
        )
    }

    /// A, B and R on one switched LAN, 10.77.0.0/24 (its broadcast address 10.77.0.255), and
    /// C behind R on 10.77.1.0/24. R forwards unicast (A, B and C reach each other through it)
    /// but, like every router, no broadcast: a broadcast on the LAN reaches A, B and R, never C.
    public static let lan = Topology(
        name: "lan",
        hosts: ["A", "B", "R", "C"],
        links: [Link(Interface(host: "R", name: "rc", ipv4: "10.77.1.1/24", ipv6: "fd4c:6162:1::1/64"),
                     Interface(host: "C", name: "eth0", ipv4: "10.77.1.2/24", ipv6: "fd4c:6162:1::2/64"))],
        switches: [Switch(name: "lan", ports: [
            Interface(host: "A", name: "eth0", ipv4: "10.77.0.1/24", ipv6: "fd4c:6162::1/64"),
            Interface(host: "B", name: "eth0", ipv4: "10.77.0.2/24", ipv6: "fd4c:6162::2/64"),
            Interface(host: "R", name: "eth0", ipv4: "10.77.0.254/24", ipv6: "fd4c:6162::fe/64"),
        ])],
        routes: [
            "A": ["route add default via 10.77.0.254", "route add default via fd4c:6162::fe"],
            "B": ["route add default via 10.77.0.254", "route add default via fd4c:6162::fe"],
            "C": ["route add default via 10.77.1.1", "route add default via fd4c:6162:1::1"],
        ],
        forwarders: ["R"]
    )

    /// The topologies a lesson or `learn lab` can name.
    public static let names = ["link", "router", "lan"]

    /// The topology called `name`; `forwarding` sets the router's groups.
    public static func named(_ name: String, forwarding groups: [String] = defaultForwardedGroups) -> Topology? {
        switch name {
        case "link": return .link
        case "router": return .router(forwarding: groups)
        case "lan": return .lan
        default: return nil
        }
    }
}
