#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HostProcess

/// Where lesson programs run: a private network namespace of their own, with only `lo`, so a
/// wrong program cannot reach a real network. Made with util-linux `unshare` (an unprivileged
/// user namespace maps the learner to root inside it, which may bring `lo` up).
public struct Sandbox: Sendable {
    public enum Mode: Equatable, Sendable {
        case privateNetwork
        /// User namespaces are refused here (or LEARN_NO_NAMESPACES=1): programs run on the
        /// machine's own loopback, and the reason says so.
        case hostLoopback(reason: String)
    }

    public let mode: Mode
    /// False until a program has been seen to start in a private network: `learn check` tries
    /// one directly instead of paying for a separate probe each time.
    let verified: Bool
    /// The util-linux program that makes namespaces (tests put a refusing stand-in here).
    var unshare = "unshare"

    public init(mode: Mode) {
        self.mode = mode
        verified = true
    }

    init(mode: Mode, verified: Bool) {
        self.mode = mode
        self.verified = verified
    }

    static let forcedOff = "LEARN_NO_NAMESPACES=1 turns private networks off"
    static let refused = "unprivileged user namespaces are not allowed here (sysctl kernel.unprivileged_userns_clone=1 or kernel.apparmor_restrict_unprivileged_userns=0 allows them)"
    static let missingTools = "unshare (util-linux) or ip (iproute2) is missing"

    /// A private network, to be confirmed by the first program that runs in it.
    public static func assumed(environment: [String: String] = ProcessInfo.processInfo.environment) -> Sandbox {
        if environment["LEARN_NO_NAMESPACES"] == "1" { return Sandbox(mode: .hostLoopback(reason: forcedOff)) }
        return Sandbox(mode: .privateNetwork, verified: false)
    }

    /// Probes whether a private network can be made here (a few milliseconds).
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Sandbox {
        let assumed = assumed(environment: environment)
        guard !assumed.verified else { return assumed }
        guard let outcome = try? HostCommand(assumed.wrap(["true"])).run(timeLimit: 5) else { return Sandbox(mode: .hostLoopback(reason: missingTools)) }
        return Sandbox(mode: failure(of: outcome, unshare: assumed.unshare).map { .hostLoopback(reason: $0) } ?? .privateNetwork)
    }

    /// The command line that runs `arguments` inside the sandbox.
    public func wrap(_ arguments: [String]) -> [String] {
        guard mode == .privateNetwork else { return arguments }
        return [unshare, "--user", "--map-root-user", "--net", "--", "/bin/sh", "-c",
                "ip link set lo up || { echo 'learn-sandbox: cannot bring lo up' >&2; exit 125; }; exec \"$0\" \"$@\""]
            + arguments
    }

    /// Runs `process` in the sandbox. When the private network turns out not to be available,
    /// runs it again on the host's loopback and says why in the returned mode.
    public func run(_ process: HostCommand, timeLimit: Double, outputCap: Int = 1 << 20,
                    onOutput: ((HostStream, [UInt8]) -> Void)? = nil) throws -> (HostOutcome, Mode) {
        // Output that streams to the learner must not show a failed attempt: probe first.
        if !verified && onOutput != nil {
            return try Sandbox.detect().run(process, timeLimit: timeLimit, outputCap: outputCap, onOutput: onOutput)
        }
        var wrapped = process
        wrapped.arguments = wrap(process.arguments)
        do {
            let outcome = try wrapped.run(timeLimit: timeLimit, outputCap: outputCap, onOutput: onOutput)
            if mode == .privateNetwork, !verified, let reason = Sandbox.failure(of: outcome, unshare: unshare) {
                return try Sandbox(mode: .hostLoopback(reason: reason)).run(process, timeLimit: timeLimit, outputCap: outputCap, onOutput: onOutput)
            }
            return (outcome, mode)
        } catch let error as LaunchError where mode == .privateNetwork && error.program == unshare {
            return try Sandbox(mode: .hostLoopback(reason: Sandbox.missingTools)).run(process, timeLimit: timeLimit, outputCap: outputCap, onOutput: onOutput)
        }
    }

    /// Why the sandbox itself did not start, read from what `unshare` or the wrapper said.
    static func failure(of outcome: HostOutcome, unshare: String) -> String? {
        let stderr = outcome.stderrText
        switch outcome.termination {
        case .exited(125) where stderr.contains("learn-sandbox:"):
            return missingTools
        case .exited(let code) where code != 0 && stderr.hasPrefix("\(unshare.split(separator: "/").last ?? ""): "):
            let detail = stderr.split(separator: "\n").first.map(String.init) ?? ""
            return refused + " [\(detail)]"
        default:
            return nil
        }
    }
}
