import Foundation
import HostProcess

/// Builds lesson programs (a check or a demo) with swiftc, and keeps each build by the content of
/// its sources: an unchanged file is not compiled again, a failed build is remembered too.
///
/// The harness (Sources/LessonSupport) is the same for every lesson and every edit, so it is
/// compiled once into a static library with its module; a learner's edit then recompiles only
/// their file and the lesson's check, which is most of why `learn check` is quicker than a
/// plain `swiftc` of all the sources.
public struct ProgramBuilder: Sendable {
    public let toolchain: Toolchain
    public let cacheFolder: URL

    public init(toolchain: Toolchain, cacheFolder: URL) {
        self.toolchain = toolchain
        self.cacheFolder = cacheFolder
    }

    /// `-parse-as-library`: every source is declarations only; the entry is an `@main` type.
    static let flags = ["-parse-as-library", "-Onone"]
    static let libraryModule = "LessonSupport"

    public enum Result {
        case built(executable: URL, cached: Bool)
        case failed(diagnostics: [Diagnostic], output: String)
    }

    /// What to build: the lesson's own sources, linked against the harness library.
    public struct Recipe {
        public var sources: [URL]
        public var harness: [URL]
        public init(sources: [URL], harness: [URL]) {
            self.sources = sources
            self.harness = harness
        }
    }

    /// Whether a build of this recipe is already in the cache.
    public func isCached(_ recipe: Recipe) -> Bool {
        guard let library = try? key(for: recipe.harness, role: "library"),
              let program = try? key(for: recipe.sources, role: "program:\(library)") else { return false }
        return exists(program, "program") || exists(program, "errors.txt")
    }

    public func build(_ recipe: Recipe) throws -> Result {
        let libraryKey = try key(for: recipe.harness, role: "library")
        let library = cacheFolder.appendingPathComponent(libraryKey)
        if !exists(libraryKey, "lib\(ProgramBuilder.libraryModule).a") {
            let arguments = ProgramBuilder.flags + [
                "-module-name", ProgramBuilder.libraryModule, "-enable-testing", "-emit-library", "-static",
                "-emit-module", "-emit-module-path", "$OUT/\(ProgramBuilder.libraryModule).swiftmodule",
                "-o", "$OUT/lib\(ProgramBuilder.libraryModule).a",
            ] + recipe.harness.map(\.path)
            if case .failed(let diagnostics, let output) = try compile(key: libraryKey, arguments) {
                return .failed(diagnostics: diagnostics, output: output)
            }
        }
        let programKey = try key(for: recipe.sources, role: "program:\(libraryKey)")
        if exists(programKey, "program") {
            return .built(executable: cacheFolder.appendingPathComponent(programKey).appendingPathComponent("program"), cached: true)
        }
        // The lesson's sources see the harness as if it were theirs: imported implicitly and
        // @testable, so its declarations need no `public` and the sources no `import` line.
        let arguments = ProgramBuilder.flags + [
            "-module-name", "LessonProgram", "-I", library.path, "-L", library.path, "-l\(ProgramBuilder.libraryModule)",
            "-Xfrontend", "-testable-import-module", "-Xfrontend", ProgramBuilder.libraryModule,
            "-o", "$OUT/program",
        ] + recipe.sources.map(\.path)
        return try compile(key: programKey, arguments)
    }

    private func exists(_ key: String, _ file: String) -> Bool {
        FileManager.default.fileExists(atPath: cacheFolder.appendingPathComponent(key).appendingPathComponent(file).path)
    }

    /// The cache key: the toolchain, the flags, what is built, and every source's name and bytes.
    func key(for sources: [URL], role: String) throws -> String {
        var hash = ContentHash()
        hash.add(toolchain.fingerprint)
        hash.add(ProgramBuilder.flags.joined(separator: " "))
        hash.add(role)
        for source in sources {
            hash.add(source.lastPathComponent)
            hash.add(Array(try Data(contentsOf: source)))
        }
        return hash.hex
    }

    /// Runs swiftc with `$OUT` standing for a private folder, then renames that folder to the
    /// cache key, so two `learn` processes building the same thing never see half a product.
    private func compile(key: String, _ arguments: [String]) throws -> Result {
        let manager = FileManager.default
        let folder = cacheFolder.appendingPathComponent(key)
        if let output = try? String(contentsOf: folder.appendingPathComponent("errors.txt"), encoding: .utf8) {
            return .failed(diagnostics: Diagnostic.parse(output), output: output)
        }
        try manager.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        let work = cacheFolder.appendingPathComponent(".\(key).\(getpid())")
        try? manager.removeItem(at: work)
        try manager.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: work) }
        var compile = HostCommand([toolchain.swiftc] + arguments.map { $0.replacingOccurrences(of: "$OUT", with: work.path) })
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
        return .built(executable: folder.appendingPathComponent("program"), cached: false)
    }
}
