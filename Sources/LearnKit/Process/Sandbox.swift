import Foundation

/// Where lesson programs run: a private network namespace of their own, with only `lo`, so a
/// wrong program cannot reach a real network. Made with util-linux `unshare` (an unprivileged
/// user namespace maps the learner to root inside it, which may bring `lo` up).
public struct Sandbox {
    public enum Mode: Equatable {
        case privateNetwork
        /// User namespaces are refused here (or LEARN_NO_NAMESPACES=1): programs run on the
        /// machine's own loopback, and the reason says so.
        case hostLoopback(reason: String)
    }

    public let mode: Mode

    public init(mode: Mode) { self.mode = mode }

    /// Probes once whether a private network can be made here (a few milliseconds).
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Sandbox {
        if environment["LEARN_NO_NAMESPACES"] == "1" {
            return Sandbox(mode: .hostLoopback(reason: "LEARN_NO_NAMESPACES=1 turns private networks off"))
        }
        var probe = ChildProcess(["unshare", "--user", "--map-root-user", "--net", "--", "ip", "link", "set", "lo", "up"])
        probe.timeLimit = 5
        guard let outcome = try? probe.run() else {
            return Sandbox(mode: .hostLoopback(reason: "unshare (util-linux) or ip (iproute2) is missing"))
        }
        if outcome.succeeded { return Sandbox(mode: .privateNetwork) }
        let detail = outcome.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        return Sandbox(mode: .hostLoopback(reason: detail.isEmpty
            ? "unprivileged user namespaces are not allowed here (sysctl kernel.unprivileged_userns_clone=1 allows them)"
            : "unprivileged user namespaces are not allowed here (\(detail))"))
    }

    /// The command line that runs `arguments` inside the sandbox.
    public func wrap(_ arguments: [String]) -> [String] {
        guard mode == .privateNetwork else { return arguments }
        return ["unshare", "--user", "--map-root-user", "--net", "--",
                "/bin/sh", "-c", "ip link set lo up && exec \"$0\" \"$@\""] + arguments
    }
}
