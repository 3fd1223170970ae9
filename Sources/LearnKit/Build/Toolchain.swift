import Foundation

/// The Swift compiler `learn` builds lesson programs with: LEARN_SWIFTC, else `swiftc` on PATH,
/// else the one beside the running toolchain.
public struct Toolchain: Sendable {
    public let swiftc: String
    /// Size and modification time of the compiler: part of every cache key, so a new
    /// toolchain rebuilds everything without asking it for its version (which costs a process).
    let fingerprint: String

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { Words(.english).swiftcMissing }
    }

    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Toolchain {
        var candidates: [String] = []
        if let chosen = environment["LEARN_SWIFTC"], !chosen.isEmpty { candidates.append(chosen) }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(folder)/swiftc")
        }
        candidates.append("/opt/swift/usr/bin/swiftc")
        for path in candidates where FileManager.default.isExecutableFile(atPath: path) {
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            let attributes = try? FileManager.default.attributesOfItem(atPath: resolved)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return Toolchain(swiftc: path, fingerprint: "\(resolved):\(size):\(modified)")
        }
        throw Missing()
    }
}
