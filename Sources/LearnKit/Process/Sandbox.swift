import Foundation
import HostProcess
import NetLab

/// Where lesson programs run, as NetLab's `Placement` decides it: a private network of
/// their own (user, network, mount and PID namespaces with a reaping init), a lab, or,
/// where the system refuses namespaces, this machine's own network under a subreaper.
/// The decision is made by probing before any learner code runs; a program that fails is
/// never run again anywhere else.
public struct Sandbox: Sendable {
    public enum Mode: Equatable, Sendable {
        case privateNetwork
        /// No private network can be made here (or LEARN_NO_NAMESPACES is set): programs run on
        /// the machine's own network, and the refusal says why.
        case hostLoopback(reason: NamespaceRefusal)
    }

    /// The environment the decision is read from (LEARN_NO_NAMESPACES).
    public let environment: [String: String]
    /// For tests: a refusal to act on instead of the kernel's answer.
    var forcedRefusal: NamespaceRefusal?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    init(refusal: NamespaceRefusal) {
        environment = [:]
        forcedRefusal = refusal
    }

    /// The sandbox; the kernel is asked when the first program is placed.
    public static func assumed(environment: [String: String] = ProcessInfo.processInfo.environment) -> Sandbox {
        Sandbox(environment: environment)
    }

    /// The sandbox, with the kernel asked now (a few milliseconds, once per process).
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Sandbox {
        let sandbox = Sandbox(environment: environment)
        _ = sandbox.mode
        return sandbox
    }

    public var mode: Mode {
        if let refusal = forcedRefusal ?? Isolation.privateNetworkRefusal(environment: environment) {
            return .hostLoopback(reason: refusal)
        }
        return .privateNetwork
    }

    /// Where a program of a lesson that needs `lab` (or none) runs.
    public func placement(lab: Topology?) -> Placement {
        if let forcedRefusal { return .host(forcedRefusal) }
        return Placement.decide(lab: lab, environment: environment)
    }
}
