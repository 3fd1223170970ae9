import Foundation

/// Builds lesson programs (a check or a demo) with swiftc, and keeps each build by the content of
/// its sources: an unchanged file is not compiled again, a failed build is remembered too.
public struct ProgramBuilder {
    public let toolchain: Toolchain
    public let cacheFolder: URL

    public init(toolchain: Toolchain, cacheFolder: URL) {
        self.toolchain = toolchain
        self.cacheFolder = cacheFolder
    }

    /// Compiler flags: `-parse-as-library` because every source is declarations only and the
    /// program's entry is an `@main` type.
    static let flags = ["-parse-as-library", "-Onone", "-module-name", "LessonProgram"]

    public enum Result {
        case built(executable: URL, cached: Bool)
        case failed(diagnostics: [Diagnostic], output: String)
    }

    /// The cache key: the toolchain, the flags, and every source's name and bytes.
    public func key(for sources: [URL]) throws -> String {
        var hash = ContentHash()
        hash.add(toolchain.fingerprint)
        hash.add(ProgramBuilder.flags.joined(separator: " "))
        for source in sources {
            hash.add(source.lastPathComponent)
            hash.add(Array(try Data(contentsOf: source)))
        }
        return hash.hex
    }

    /// Whether a build of these sources is already in the cache.
    public func isCached(_ sources: [URL]) -> Bool {
        guard let key = try? key(for: sources) else { return false }
        let folder = cacheFolder.appendingPathComponent(key)
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("program").path)
            || FileManager.default.fileExists(atPath: folder.appendingPathComponent("errors.txt").path)
    }

    public func build(_ sources: [URL]) throws -> Result {
        let key = try key(for: sources)
        let folder = cacheFolder.appendingPathComponent(key)
        let executable = folder.appendingPathComponent("program")
        let errors = folder.appendingPathComponent("errors.txt")
        let manager = FileManager.default
        if manager.isExecutableFile(atPath: executable.path) { return .built(executable: executable, cached: true) }
        if let output = try? String(contentsOf: errors, encoding: .utf8) {
            return .failed(diagnostics: Diagnostic.parse(output), output: output)
        }
        try manager.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        // Build in a private folder, then rename it into place, so two `learn` processes
        // building the same sources never see each other's half-written program.
        let work = cacheFolder.appendingPathComponent(".\(key).\(getpid())")
        try? manager.removeItem(at: work)
        try manager.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: work) }
        var compile = ChildProcess([toolchain.swiftc] + ProgramBuilder.flags
            + ["-o", work.appendingPathComponent("program").path] + sources.map(\.path))
        compile.environment["TERM"] = "dumb"
        let outcome = try compile.run()
        let output = outcome.stderrText + outcome.stdoutText
        if !outcome.succeeded {
            let diagnostics = Diagnostic.parse(output)
            // Keep a failed build only when the compiler said why: a compiler that was killed
            // or ran out of memory should be tried again next time.
            if diagnostics.contains(where: { $0.severity == .error }) {
                try output.write(to: work.appendingPathComponent("errors.txt"), atomically: false, encoding: .utf8)
                try? manager.removeItem(at: folder)
                try? manager.moveItem(at: work, to: folder)
            }
            return .failed(diagnostics: diagnostics, output: output)
        }
        try? manager.removeItem(at: folder)
        try manager.moveItem(at: work, to: folder)
        return .built(executable: executable, cached: false)
    }
}
