#if canImport(Glibc)
import Glibc
#endif
import Foundation
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
        if let v = environment["LEARN_NO_NAMESPACES"], !v.isEmpty, v != "0" {
            return .unavailable(reason: "The network lab is switched off (LEARN_NO_NAMESPACES=\(v)); unset it to use private networks.")
        }
        let (tools, missing) = LabTools.find(environment: environment)
        guard let tools else { return .unavailable(reason: missingToolsSentence(missing)) }
        if topology?.router != nil && tools.smcrouted == nil {
            return .unavailable(reason: missingToolsSentence(["smcrouted"]))
        }
        return namespaceProbe(tools)
    }

    static func missingToolsSentence(_ missing: [String]) -> String {
        let pkgs = Array(Set(missing.map { LabTools.packages[$0] ?? $0 })).sorted()
        return "The network lab needs \(missing.joined(separator: ", ")), which is not installed: install it with `apt-get install \(pkgs.joined(separator: " "))`."
    }

    private static let probeLock = NSLock()
    nonisolated(unsafe) private static var probeResults: [String: Availability] = [:]

    /// Cached per `unshare` path: the answer does not change while the process runs.
    private static func namespaceProbe(_ tools: LabTools) -> Availability {
        probeLock.lock(); defer { probeLock.unlock() }
        if let r = probeResults[tools.unshare] { return r }
        let r = runProbe(tools)
        probeResults[tools.unshare] = r
        return r
    }

    private static func runProbe(_ tools: LabTools) -> Availability {
        let argv = [tools.unshare] + worldUnshareFlags + ["--", tools.sh, "-c", "exit 0"]
        guard let p = try? HostChild(HostCommand(argv)) else {
            return .unavailable(reason: "The network lab could not start \(tools.unshare).")
        }
        let result = p.wait(timeout: 10)
        if result.succeeded { return .available }
        return .unavailable(reason: refusalSentence(detail: result.stderrText))
    }

    /// Says which kernel setting refuses user namespaces, from the sysctls distributions use.
    static func refusalSentence(detail: String) -> String {
        func sysctl(_ path: String) -> String? {
            (try? String(contentsOfFile: "/proc/sys/" + path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let base = "The network lab needs unprivileged user namespaces, which this system refuses"
        if sysctl("kernel/unprivileged_userns_clone") == "0" {
            return base + ": allow them with `sudo sysctl kernel.unprivileged_userns_clone=1`."
        }
        if sysctl("kernel/apparmor_restrict_unprivileged_userns") == "1" {
            return base + ": allow them with `sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0`."
        }
        if sysctl("user/max_user_namespaces") == "0" {
            return base + ": allow them with `sudo sysctl user.max_user_namespaces=10000`."
        }
        let why = detail.split(separator: "\n").first.map { " (\($0))" } ?? ""
        return base + why + "; on some systems `sudo sysctl kernel.unprivileged_userns_clone=1` or `kernel.apparmor_restrict_unprivileged_userns=0` allows them."
    }
}
