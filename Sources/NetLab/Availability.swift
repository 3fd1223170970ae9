#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import HostProcess

/// Whether labs can run on this machine, and if not, one sentence saying why and
/// how to allow it. A lesson check that needs a lab is reported as not run (never
/// as passed) when this is `.unavailable`.
public enum Availability: Sendable, Equatable {
    case available
    case unavailable(reason: String)

    public var isAvailable: Bool { self == .available }
    public var reason: String? {
        if case .unavailable(let r) = self { return r }
        return nil
    }
}

extension Lab {
    /// Checks LEARN_NO_NAMESPACES, the tools (`smcrouted` only when `topology` has a
    /// router) and that unprivileged user + network + PID namespaces can be made.
    /// The namespace probe runs once per process.
    public static func availability(for topology: Topology? = nil,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) -> Availability {
        refusal(for: topology, environment: environment).map { .unavailable(reason: $0.sentence) } ?? .available
    }

    /// Why `topology` cannot run here, or nil.
    public static func refusal(for topology: Topology? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> NamespaceRefusal? {
        if let value = Isolation.switchedOff(environment) { return .switchedOff(value: value) }
        let (tools, missing) = LabTools.find(environment: environment)
        guard let tools else { return .missingTools(missing) }
        if topology?.router != nil && tools.smcrouted == nil { return .missingTools(["smcrouted"]) }
        return namespaceProbe(tools)
    }

    static func missingToolsSentence(_ missing: [String]) -> String {
        NamespaceRefusal.missingTools(missing).sentence
    }

    /// The probes' answers by `unshare` path. Held while probing, so threads asking at once
    /// wait for one probe rather than each running their own.
    private static let probeResults = Mutex<[String: NamespaceRefusal?]>([:])

    /// Cached per `unshare` path: the answer does not change while the process runs.
    private static func namespaceProbe(_ tools: LabTools) -> NamespaceRefusal? {
        probeResults.withLock { results in
            if let r = results[tools.unshare] { return r }
            let r = runProbe(tools)
            results[tools.unshare] = .some(r)
            return r
        }
    }

    private static func runProbe(_ tools: LabTools) -> NamespaceRefusal? {
        let argv = [tools.unshare] + worldUnshareFlags + ["--", tools.sh, "-c", "exit 0"]
        guard let p = try? HostChild(HostCommand(argv)) else {
            return .refused(setting: nil, detail: "could not start \(tools.unshare)")
        }
        let result = p.wait(timeout: 10)
        if result.succeeded { return nil }
        return .refused(setting: Isolation.refusingSetting(),
                        detail: result.stderrText.split(separator: "\n").first.map(String.init) ?? "")
    }

    /// Says which kernel setting refuses user namespaces, from the sysctls distributions use.
    static func refusalSentence(detail: String) -> String {
        NamespaceRefusal.refused(setting: Isolation.refusingSetting(), detail: detail).sentence
    }
}
