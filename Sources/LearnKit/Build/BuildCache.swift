import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder of build products, one folder per key (named by the content of what made it).
///
/// A product is made in a private folder `.<key>.<pid>.<random>` and renamed to `<key>` when
/// whole, so a reader (another `learn` too) sees either nothing or the whole product. A build
/// that was interrupted leaves its private folder; the next build removes those whose process
/// is gone.
struct BuildCache: Sendable {
    let folder: URL

    func product(_ key: String) -> URL { folder.appendingPathComponent(key) }

    func file(_ key: String, _ name: String) -> URL { product(key).appendingPathComponent(name) }

    func has(_ key: String, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: file(key, name).path)
    }

    /// A new private folder to build `key` in.
    func workFolder(for key: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let work = folder.appendingPathComponent(".\(key).\(getpid()).\(suffix)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false)
        return work
    }

    /// Makes `work` the product `key`. When another build made it first, that one stays
    /// (the same sources made both) and `work` goes.
    func publish(_ work: URL, as key: String) throws {
        if rename(work.path, product(key).path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: work)
            guard code == ENOTEMPTY || code == EEXIST, FileManager.default.fileExists(atPath: product(key).path) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: product(key).path,
                                                               NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
            }
        }
    }

    /// Writes a file whole or not at all (a temporary file renamed over it).
    func writeAtomically(_ data: Data, to file: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max))")
        try data.write(to: temporary)
        if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    /// Products kept at most: every edit makes a few (an executable is about 0.7 MB), and a
    /// learner edits for weeks. Past the limit the least recently used go, down to 3/4 of it.
    static let productLimit = 800

    /// Marks products as just used (their folder's time), so pruning keeps what is in use.
    func touch(_ keys: [String]) {
        for key in keys { _ = utimes(product(key).path, nil) }
    }

    /// Before a build: removes what interrupted builds left, and the least recently used
    /// products when there are more than `limit`.
    func tidy(limit: Int = BuildCache.productLimit) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        removeAbandonedWork(names)
        let products = names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".lock") && !$0.hasSuffix(".json") }
        guard products.count > limit else { return }
        let used = products.map { name -> (String, Date) in
            let time = (try? FileManager.default.attributesOfItem(atPath: product(name).path))?[.modificationDate] as? Date
            return (name, time ?? .distantPast)
        }.sorted { $0.1 < $1.1 }
        for (name, _) in used.prefix(products.count - limit * 3 / 4) {
            try? FileManager.default.removeItem(at: product(name))
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name + ".lock"))
        }
    }

    /// Removes the private folders (and files) of builds whose process no longer runs: what an
    /// interrupted `learn` (Ctrl-C, a crash, a kill) left. A day-old one goes whatever its pid
    /// says, since pids are reused.
    private func removeAbandonedWork(_ names: [String]) {
        let dayAgo = Date().addingTimeInterval(-86_400)
        for name in names where name.hasPrefix(".") {
            // `.<key>.<pid>.<random>`, or `.<key>.<pid>` from earlier versions of `learn`.
            let parts = name.split(separator: ".")
            guard parts.count >= 2, let pid = pid_t(parts[parts.count >= 3 ? parts.count - 2 : 1]) else { continue }
            let path = folder.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: path.path))?[.modificationDate] as? Date
            let gone = pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            if gone || (modified.map { $0 < dayAgo } ?? false) {
                try? FileManager.default.removeItem(at: path)
            }
        }
    }

    /// Runs `body` holding an exclusive lock named `name` in the cache (flock: released by
    /// the kernel when a holder dies), so two `learn` processes do not both make a long product.
    func withLock<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let descriptor = open(folder.appendingPathComponent("\(name).lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        return try body()
    }
}
