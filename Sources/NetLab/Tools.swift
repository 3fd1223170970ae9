import Foundation

/// Absolute paths of the programs the lab runs.
///
/// An ordinary user's PATH on Debian has no /usr/sbin, where `smcrouted` lives, so
/// the sbin folders are searched too; the world script then names every tool by path.
public struct LabTools: Sendable, Equatable {
    public var unshare: String
    public var nsenter: String
    public var ip: String
    public var sh: String
    public var smcrouted: String?
    public var smcroutectl: String?

    /// A tool and the Debian package that provides it.
    static let packages = ["unshare": "util-linux", "nsenter": "util-linux",
                           "ip": "iproute2", "smcrouted": "smcroute", "smcroutectl": "smcroute"]

    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> (tools: LabTools?, missing: [String]) {
        let dirs = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        func which(_ name: String) -> String? {
            dirs.lazy.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        var missing: [String] = []
        func need(_ name: String) -> String {
            if let p = which(name) { return p }
            missing.append(name); return ""
        }
        let t = LabTools(unshare: need("unshare"), nsenter: need("nsenter"), ip: need("ip"),
                         sh: need("sh"), smcrouted: which("smcrouted"), smcroutectl: which("smcroutectl"))
        return (missing.isEmpty ? t : nil, missing)
    }
}
