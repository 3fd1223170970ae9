#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// How a shell started inside a lab (by `learn lab`) finds its lab again, so that
/// `learn lab exec B -- CMD` typed there runs CMD on host B.
///
/// The shell's environment names each host's holder PID *and* the inode of its
/// network namespace: a PID alone could, once the lab is gone, belong to another
/// process, and entering *its* network would put packets on a real network.
extension Lab {
    public static let hostsVariable = "LEARN_LAB_HOSTS"     // "A=1234:4026532999 B=..."
    public static let hostVariable = "LEARN_LAB_HOST"       // the shell's own host
    public static let topologyVariable = "LEARN_LAB_TOPOLOGY"

    /// Variables for a shell (or any program) run on `host`.
    public func shellEnvironment(host: String) -> [String: String] {
        let hosts = self.hosts.map { "\($0.name)=\($0.pid):\(netNamespaces[$0.name] ?? 0)" }
        return [Lab.hostsVariable: hosts.joined(separator: " "),
                Lab.hostVariable: host,
                Lab.topologyVariable: topology.name]
    }

    /// The hosts of the lab a shell runs in, from its environment; nil outside a lab.
    public static func enclosingHosts(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String: (pid: Int32, netNamespace: UInt64)]? {
        guard let text = environment[hostsVariable], !text.isEmpty else { return nil }
        var out: [String: (pid: Int32, netNamespace: UInt64)] = [:]
        for item in text.split(separator: " ") {
            let kv = item.split(separator: "=", maxSplits: 1)
            let v = kv.count == 2 ? kv[1].split(separator: ":") : []
            guard v.count == 2, let pid = Int32(v[0]), let ino = UInt64(v[1]) else { continue }
            out[String(kv[0])] = (pid, ino)
        }
        return out
    }

    /// The argv that runs `argv` on `host` of the enclosing lab (see `enclosingHosts`).
    /// Inside the lab's user namespace already, nsenter must not enter it again.
    public static func enclosingCommand(on host: String, _ argv: [String],
                                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        guard let hosts = enclosingHosts(environment: environment) else {
            throw LabError.unavailable(reason: "This shell is not inside a lab: start one with `learn lab link` (or `learn lab router`).")
        }
        guard let h = hosts[host] else {
            throw LabError.noSuchHost("\(host) (this lab has \(hosts.keys.sorted().joined(separator: ", ")))")
        }
        guard LabProcInfo.namespaceInode(of: h.pid, "net") == h.netNamespace else {
            throw LabError.shutDown
        }
        guard let tools = LabTools.find(environment: environment).tools else {
            throw LabError.unavailable(reason: missingToolsSentence(LabTools.find(environment: environment).missing))
        }
        let sameUser = LabProcInfo.ownNamespaceInode("user") == LabProcInfo.namespaceInode(of: h.pid, "user")
        return nsenterArgv(nsenter: tools.nsenter, pid: h.pid, enterUser: !sameUser) + argv
    }
}
