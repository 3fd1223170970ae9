/// An interface of a running lab's host.
public struct LabInterface: Sendable, Equatable {
    public var name: String
    /// The interface index inside its host (for IP_MULTICAST_IF with ip_mreqn,
    /// IPV6_MULTICAST_IF, IPV6_JOIN_GROUP).
    public var index: Int32
    /// Addresses without prefix length, and the prefix lengths.
    public var ipv4: String
    public var ipv4Prefix: Int
    public var ipv6: String
    public var ipv6Prefix: Int
}

/// A host of a running lab.
public struct LabHost: Sendable, Equatable {
    public var name: String
    /// The process holding the host's network namespace open (a PID of the caller's
    /// PID namespace): `nsenter -t` this PID to run there.
    public var pid: Int32
    public var interfaces: [LabInterface]
    public var isRouter: Bool

    /// The host's first interface (the only one, except on a router); every host of a
    /// topology has at least one.
    public var interface: LabInterface { interfaces[0] }
    public var ipv4: String { interface.ipv4 }
    public var ipv6: String { interface.ipv6 }

    public func interface(named name: String) -> LabInterface? { interfaces.first { $0.name == name } }
}
