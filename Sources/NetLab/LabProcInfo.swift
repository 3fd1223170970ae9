#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Reading /proc: which processes exist, their children, their PIDs in nested PID
/// namespaces and their namespaces' inode numbers. Tests use these to prove that a
/// lab left nothing behind.
public enum LabProcInfo {
    /// Direct children of `pid`, as PIDs of this process's namespace.
    public static func children(of pid: pid_t) -> [pid_t] {
        // Each thread lists the children it forked: all threads together are the process's.
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        let lists = tasks.compactMap { try? String(contentsOfFile: "/proc/\(pid)/task/\($0)/children", encoding: .utf8) }
        if !lists.isEmpty {
            return lists.flatMap { $0.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) } }
        }
        if tasks.isEmpty { return [] }
        // Kernels built without CONFIG_PROC_CHILDREN: the parent field of every /proc/N/stat.
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap(pid_t.init).filter { parent(of: $0) == pid }
    }

    /// The parent PID, from /proc/N/stat (after the command name, which may hold spaces).
    public static func parent(of pid: pid_t) -> pid_t? {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = s.lastIndex(of: ")") else { return nil }
        let fields = s[s.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }

    /// The `NSpid` line: the PID in each PID namespace from ours inward.
    public static func namespacePIDs(of pid: pid_t) -> [pid_t] {
        guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("NSpid:") }) else { return [] }
        return line.dropFirst(6).split(whereSeparator: { $0 == "\t" || $0 == " " }).compactMap { pid_t($0) }
    }

    /// The inode of namespace `kind` ("net", "user", "pid", "mnt") of `pid`, or nil
    /// when the process is gone or not ours to look at.
    public static func namespaceInode(of pid: pid_t, _ kind: String) -> UInt64? {
        namespaceInode(path: "/proc/\(pid)/ns/\(kind)")
    }

    /// The same for this process. /proc/self, not getpid(): inside a lab's PID
    /// namespace getpid() is an inner number while /proc may be the machine's.
    public static func ownNamespaceInode(_ kind: String) -> UInt64? {
        namespaceInode(path: "/proc/self/ns/\(kind)")
    }

    private static func namespaceInode(path: String) -> UInt64? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return UInt64(st.st_ino)
    }

    /// Whether a process with this PID exists (any owner).
    public static func exists(_ pid: pid_t) -> Bool {
        Glibc.kill(pid, 0) == 0 || errno == EPERM
    }

    /// Every process whose namespace `kind` has one of these inodes.
    public static func processes(inNamespaces inodes: Set<UInt64>, kind: String) -> [pid_t] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap(pid_t.init).filter { pid in
            namespaceInode(of: pid, kind).map(inodes.contains) ?? false
        }
    }
}
