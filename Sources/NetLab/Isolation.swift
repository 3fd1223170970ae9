#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HostProcess

/// Why learner code cannot run in a private network here. The one set of reasons: the
/// lab, the checks and the demos all say these (LearnKit's Words in the learner's
/// language, `sentence` in English for the lab's own command line).
public enum NamespaceRefusal: Sendable, Equatable {
    /// LEARN_NO_NAMESPACES is set (to this value).
    case switchedOff(value: String)
    /// Tools the lab needs are not installed (labs only: a private network needs none).
    case missingTools([String])
    /// The kernel refuses unprivileged user namespaces; `setting` is the sysctl that
    /// allows them (e.g. "kernel.unprivileged_userns_clone=1"), when one is known.
    case refused(setting: String?, detail: String)

    /// The Debian packages that provide `missingTools`.
    public var packages: [String] {
        guard case .missingTools(let tools) = self else { return [] }
        return Array(Set(tools.map { LabTools.packages[$0] ?? $0 })).sorted()
    }

    public var sentence: String {
        switch self {
        case .switchedOff(let value):
            return "The network lab is switched off (LEARN_NO_NAMESPACES=\(value)); unset it to use private networks."
        case .missingTools(let tools):
            return "The network lab needs \(tools.joined(separator: ", ")), which is not installed: install it with `apt-get install \(packages.joined(separator: " "))`."
        case .refused(let setting, let detail):
            let base = "The network lab needs unprivileged user namespaces, which this system refuses"
            if let setting { return base + ": allow them with `sudo sysctl \(setting)`." }
            let why = detail.isEmpty ? "" : " (\(detail))"
            return base + why + "; on some systems `sudo sysctl kernel.unprivileged_userns_clone=1` or `kernel.apparmor_restrict_unprivileged_userns=0` allows them."
        }
    }
}

/// Where one lesson program runs. Decided before any learner code runs, by probing the
/// machine, and never from what a program printed or how it ended: a program that fails
/// is never run again somewhere else.
public enum Placement: Sendable, Equatable {
    /// On the first host of a fresh lab of this topology (the lesson declares `lab=`).
    case lab(Topology)
    /// In a private network of its own: new user, network (only `lo`), mount and PID
    /// namespaces, with a reaping init. `labMissing` says why a lab lesson runs without
    /// its lab (its lab checks then report not run).
    case privateNetwork(labMissing: NamespaceRefusal?)
    /// On this machine's own network (the host fallback), supervised by a subreaper.
    case host(NamespaceRefusal)

    /// Decides for a lesson that needs `lab` (or none).
    public static func decide(lab: Topology?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Placement {
        if let refusal = Isolation.privateNetworkRefusal(environment: environment) { return .host(refusal) }
        guard let lab else { return .privateNetwork(labMissing: nil) }
        if let refusal = Lab.refusal(for: lab, environment: environment) { return .privateNetwork(labMissing: refusal) }
        return .lab(lab)
    }

    /// How HostProcess confines the program outside a lab (in a lab, the lab's namespaces do).
    public var confinement: HostCommand.Isolation {
        switch self {
        case .lab: return .none
        case .privateNetwork: return .privateNetwork
        case .host: return .supervised
        }
    }

    /// Why the program runs on this machine's own network, when it does.
    public var hostReason: NamespaceRefusal? {
        if case .host(let refusal) = self { return refusal }
        return nil
    }
}

public enum Isolation {
    /// The one reading of LEARN_NO_NAMESPACES: set, not empty and not "0" turns private
    /// networks (and labs) off. Returns the value when it does.
    public static func switchedOff(_ environment: [String: String]) -> String? {
        guard let value = environment["LEARN_NO_NAMESPACES"], !value.isEmpty, value != "0" else { return nil }
        return value
    }

    /// Nil when a private network can be made here; else why not. The kernel is asked
    /// once per process: a child makes the namespaces and runs `true`.
    public static func privateNetworkRefusal(environment: [String: String] = ProcessInfo.processInfo.environment) -> NamespaceRefusal? {
        if let value = switchedOff(environment) { return .switchedOff(value: value) }
        return probed
    }

    private static let probed: NamespaceRefusal? = {
        var command = HostCommand(["/bin/true"], environment: [:])
        command.isolation = .privateNetwork
        command.stdout = .null
        command.stderr = .null
        do {
            let outcome = try command.run(timeLimit: 10)
            return outcome.succeeded ? nil : .refused(setting: refusingSetting(), detail: "the namespace probe ended with \(outcome.termination)")
        } catch let error as LaunchError {
            return .refused(setting: refusingSetting(), detail: error.description)
        } catch {
            return .refused(setting: refusingSetting(), detail: "\(error)")
        }
    }()

    /// The sysctl that refuses user namespaces, from the ones distributions use.
    static func refusingSetting() -> String? {
        func sysctl(_ path: String) -> String? {
            (try? String(contentsOfFile: "/proc/sys/" + path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if sysctl("kernel/unprivileged_userns_clone") == "0" { return "kernel.unprivileged_userns_clone=1" }
        if sysctl("kernel/apparmor_restrict_unprivileged_userns") == "1" { return "kernel.apparmor_restrict_unprivileged_userns=0" }
        if sysctl("user/max_user_namespaces") == "0" { return "user.max_user_namespaces=10000" }
        return nil
    }
}
