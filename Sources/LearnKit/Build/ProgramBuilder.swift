import Foundation

/// Builds lesson programs (a check or a demo) and keeps every step by the content of what it
/// was made from: an unchanged file is not compiled again, a failed compile is remembered too.
///
/// Sealed: the learner's file is a module of its own (it sees Glibc and Foundation, never the
/// harness), and the check (or demo) with the entry point is another module that imports it
/// and the harness. A learner's declaration cannot shadow the harness nor run before the checks
/// do; one that collides with the check's names is a compile error that points at it.
///
/// Incremental: a program is three steps, each cached apart.
///   1. the harness library (Sources/LessonSupport), once per harness and toolchain;
///   2. the learner's file: its module (the interface, emitted without function bodies) and,
///      beside it, its object;
///   3. the check (or demo) and entry object, keyed by the learner module's bytes: an edit
///      inside a function body leaves them byte-identical, so only step 2 runs, then the link.
/// After an interface edit (a new helper, a changed signature) step 3 starts as soon as the
/// module is emitted, beside the learner's object compile.
public struct ProgramBuilder: Sendable {
    public let toolchain: Toolchain
    public let cacheFolder: URL
    /// Told what a long build is doing (the harness library's build): for a progress line.
    public var progress: (@Sendable (BuildProgress) -> Void)?

    public init(toolchain: Toolchain, cacheFolder: URL, progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.toolchain = toolchain
        self.cacheFolder = cacheFolder
        self.progress = progress
    }

    /// `-parse-as-library`: every source is declarations only; the entry is an `@main` type.
    static let flags = ["-parse-as-library", "-Onone"]
    /// Changes whenever the layout of the products changes, so older caches are not misread.
    static let layout = "sealed-2"
    static let libraryModule = "LessonSupport"
    static let programModule = "LessonProgram"
    /// Seconds one compile of a lesson program may take (its file alone takes well under a
    /// second), and the harness library's (under 20 s here, on a busy machine more).
    public var stepTimeLimit: Double = 60
    public var libraryTimeLimit: Double = 600
    /// Compilers run under `nice` by this much (0: as `learn`), so lesson programs running
    /// beside them come first (`learn check --all`).
    public var niceness = 0
    /// Off: every step through the driver, as where its jobs are not what CompilerCommands expects.
    var startsFrontendDirectly = true

    public enum Result {
        case built(executable: URL, cached: Bool)
        case failed(BuildFailure)
    }

    /// What to build: the learner's file as a module, the lesson's program on top of it, the harness.
    public struct Recipe: Sendable {
        /// The learner's file (or the reference solution, or a starter).
        public var exercise: URL
        /// The learner module's name (as exercises/Package.swift names it, for the editor).
        public var exerciseModule: String
        /// The check and the entry point, or the demo.
        public var program: [URL]
        public var harness: [URL]
        /// Paths inside it are kept relative in cached compiler output.
        public var courseRoot: URL?

        public init(exercise: URL, exerciseModule: String, program: [URL], harness: [URL], courseRoot: URL? = nil) {
            self.exercise = exercise
            self.exerciseModule = exerciseModule
            self.program = program
            self.harness = harness
            self.courseRoot = courseRoot
        }

        /// The paths kept as marks in cached compiler output.
        var marks: PathMarks { PathMarks(exercise: exercise.path, courseRoot: courseRoot?.path) }
    }

    /// The keys of a recipe's products that are known before compiling anything.
    struct Keys: Sendable {
        let library: String
        let exercise: String
        var module: String { exercise + "-module" }
        var object: String { exercise + "-object" }
        let executable: String
    }

    var cache: BuildCache { BuildCache(folder: cacheFolder) }

    /// Whether a build of this recipe is already in the cache (a program, or errors to show).
    public func isCached(_ recipe: Recipe) -> Bool {
        guard let keys = try? keys(for: recipe) else { return false }
        return cache.has(keys.executable, "program") || cache.has(keys.object, "errors.txt")
            || cache.has(keys.library, "errors.txt")
    }

    /// Whether the harness library must be built first (the long build after an update).
    public func needsLibrary(_ recipe: Recipe) -> Bool {
        guard let key = try? libraryKey(recipe.harness) else { return true }
        return !cache.has(key, "lib\(Self.libraryModule).a")
    }

    /// Builds the harness library alone (`learn dev prebuild`); nil when it built or was built.
    public func buildLibrary(_ harness: [URL], courseRoot: URL? = nil) throws -> BuildFailure? {
        let recipe = Recipe(exercise: URL(fileURLWithPath: "/"), exerciseModule: "", program: [], harness: harness,
                            courseRoot: courseRoot)
        if case .failed(let failure) = try buildLibrary(recipe, key: try libraryKey(harness)) { return failure }
        return nil
    }

    public func build(_ recipe: Recipe) throws -> Result {
        let cache = self.cache
        cache.tidy()
        let keys = try keys(for: recipe)
        let root = recipe.marks
        if case .failed(let failure) = try buildLibrary(recipe, key: keys.library) { return .failed(failure) }
        let executable = cache.file(keys.executable, "program")
        if cache.has(keys.executable, "program") {
            cache.touch([keys.library, keys.module, keys.object, keys.executable] + ((try? programKey(recipe, keys)).map { [$0] } ?? []))
            return .built(executable: executable, cached: true)
        }
        if let failure = cachedFailure(keys.object, root) { return .failed(failure) }

        let commands = startsFrontendDirectly ? CompilerCommands.load(toolchain, cache: cache) : nil
        let module = recipe.exerciseModule
        let objectStep = cache.has(keys.object, "exercise.o") ? Background.finished(Step.done)
            : Background { [self] in try compileExercise(recipe, key: keys.object, commands) }
        var moduleStep = Step.done
        if !cache.has(keys.module, "\(module).swiftmodule") { moduleStep = try emitModule(recipe, key: keys.module, commands) }
        if case .failed(let failure) = moduleStep {
            // The object's compile says the same and more (it type-checks function bodies too).
            if case .failed(let full) = try objectStep.wait() { return .failed(full) }
            return .failed(failure)
        }
        let programKey = try self.programKey(recipe, keys)
        var programStep = Step.done
        if let failure = cachedFailure(programKey, root) {
            programStep = .failed(failure)
        } else if !cache.has(programKey, "program.o") {
            programStep = try compileProgram(recipe, key: programKey, modules: [cache.product(keys.library), cache.product(keys.module)],
                                             commands)
        }
        switch (try objectStep.wait(), programStep) {
        case (.failed(let learner), .failed(let program)): return .failed(learner + program)
        case (.failed(let failure), .done), (.done, .failed(let failure)): return .failed(failure)
        case (.done, .done): break
        }
        let objects = [cache.file(keys.object, "exercise.o").path, cache.file(programKey, "program.o").path]
        if case .failed(let failure) = try link(objects, library: cache.product(keys.library), key: keys.executable, commands) {
            return .failed(failure)
        }
        cache.touch([keys.library, keys.module, keys.object, programKey, keys.executable])
        return .built(executable: executable, cached: false)
    }

    // MARK: The steps

    enum Step: Sendable {
        case done
        case failed(BuildFailure)
    }

    private func buildLibrary(_ recipe: Recipe, key: String) throws -> Step {
        let archive = "lib\(Self.libraryModule).a"
        if cache.has(key, archive) { return .done }
        let marks = PathMarks(exercise: nil, courseRoot: recipe.courseRoot?.path)
        // Another `learn` may be building it right now: wait for that one instead of doing it twice.
        return try cache.withLock(key) {
            if cache.has(key, archive) { return .done }
            if let failure = cachedFailure(key, marks) { return .failed(failure) }
            let files = recipe.harness.count
            progress?(BuildProgress(finished: 0, total: files))
            let parser = DriverMessages { finished in progress?(BuildProgress(finished: min(finished, files), total: files)) }
            let arguments = [toolchain.swiftc, "-parseable-output"] + Self.flags + [
                "-module-name", Self.libraryModule, "-enable-testing", "-emit-library", "-static",
                "-emit-module", "-emit-module-path", "$OUT/\(Self.libraryModule).swiftmodule", "-o", "$OUT/\(archive)",
            ] + recipe.harness.map(\.path)
            let step = try compile(key: key, arguments, root: marks, timeLimit: libraryTimeLimit,
                                   onOutput: { parser.take($0) }, text: { _ in parser.output })
            progress?(BuildProgress(finished: files, total: files, ended: true))
            return step
        }
    }

    /// The learner's module alone: its interface, for the check to compile against.
    private func emitModule(_ recipe: Recipe, key: String, _ commands: CompilerCommands?) throws -> Step {
        let module = recipe.exerciseModule
        let outputs = ["-emit-module-source-info-path", "$OUT/\(module).swiftsourceinfo", "-o", "$OUT/\(module).swiftmodule"]
        let arguments: [String]
        if let commands {
            arguments = commands.frontend + ["-emit-module", "-experimental-skip-non-inlinable-function-bodies-without-types",
                                             recipe.exercise.path] + exerciseFlags(module) + outputs
        } else {
            arguments = [toolchain.swiftc, "-emit-module", "-emit-module-path", "$OUT/\(module).swiftmodule",
                         recipe.exercise.path] + exerciseFlags(module)
        }
        return try compile(key: key, arguments, root: recipe.marks)
    }

    /// The learner's object.
    private func compileExercise(_ recipe: Recipe, key: String, _ commands: CompilerCommands?) throws -> Step {
        let arguments = (commands.map { $0.frontend + ["-c", "-primary-file"] } ?? [toolchain.swiftc, "-c"])
            + [recipe.exercise.path] + exerciseFlags(recipe.exerciseModule) + ["-o", "$OUT/exercise.o"]
        return try compile(key: key, arguments, root: recipe.marks)
    }

    private func exerciseFlags(_ module: String) -> [String] {
        // -enable-testing: the check sees the learner's internal functions through a @testable import.
        Self.flags + ["-enable-testing", "-module-name", module]
    }

    /// The check (or demo) and the entry point: one object, importing the harness and the
    /// learner's module as if they were its own (@testable, so neither needs `public`, and no
    /// `import` line is needed in the lesson's files).
    private func compileProgram(_ recipe: Recipe, key: String, modules: [URL], _ commands: CompilerCommands?) throws -> Step {
        var arguments = commands.map { $0.frontend + ["-c"] } ?? [toolchain.swiftc, "-c", "-wmo"]
        arguments += recipe.program.map(\.path) + Self.flags + ["-module-name", Self.programModule]
        arguments += modules.flatMap { ["-I", $0.path] }
        for module in [Self.libraryModule, recipe.exerciseModule] {
            arguments += commands == nil ? ["-Xfrontend", "-testable-import-module", "-Xfrontend", module]
                : ["-testable-import-module", module]
        }
        arguments += ["-o", "$OUT/program.o"]
        return try compile(key: key, arguments, root: recipe.marks)
    }

    private func link(_ objects: [String], library: URL, key: String, _ commands: CompilerCommands?) throws -> Step {
        guard let commands else {
            let arguments = [toolchain.swiftc] + objects + ["-L", library.path, "-l\(Self.libraryModule)", "-o", "$OUT/program"]
            return try compile(key: key, arguments, root: .none)
        }
        let work = try cache.workFolder(for: key)
        defer { try? FileManager.default.removeItem(at: work) }
        let autolink = work.appendingPathComponent("autolink").path
        for arguments in [commands.autolinkCommand(objects: objects, output: autolink),
                          commands.linkCommand(objects: objects, autolinkFile: autolink, libraryFolder: library.path,
                                               library: Self.libraryModule, output: work.appendingPathComponent("program").path)] {
            let outcome = try CompilerProcess(arguments, niceness: niceness).run(timeLimit: stepTimeLimit)
            if !outcome.succeeded { return .failed(BuildFailure(outcome, limit: stepTimeLimit, root: .none)) }
        }
        try? FileManager.default.removeItem(atPath: autolink)
        try cache.publish(work, as: key)
        return .done
    }

    /// Runs one compiler with `$OUT` standing for a private folder, which becomes the product
    /// `key` when it succeeds, or when it failed saying why (errors.txt, shown again next time
    /// without compiling). A compiler killed, out of memory or out of time is tried again next time.
    private func compile(key: String, _ arguments: [String], root: PathMarks, timeLimit: Double? = nil,
                         onOutput: (([UInt8]) -> Void)? = nil, text: ((String) -> String)? = nil) throws -> Step {
        let work = try cache.workFolder(for: key)
        defer { try? FileManager.default.removeItem(at: work) }
        let command = arguments.map { $0.replacingOccurrences(of: "$OUT", with: work.path) }
        let timeLimit = timeLimit ?? stepTimeLimit
        var outcome = try CompilerProcess(command, onOutput: onOutput, niceness: niceness).run(timeLimit: timeLimit)
        if let text { outcome.output = text(outcome.output) }
        if outcome.succeeded {
            try cache.publish(work, as: key)
            return .done
        }
        let failure = BuildFailure(outcome, limit: timeLimit, root: root)
        if !outcome.timedOut && failure.diagnostics.contains(where: { $0.severity == .error }) {
            let output = CompilerOutput(raw: outcome.output, marks: root)
            try output.stored.write(to: work.appendingPathComponent("errors.txt"), atomically: false, encoding: .utf8)
            try cache.publish(work, as: key)
        }
        return .failed(failure)
    }

    private func cachedFailure(_ key: String, _ root: PathMarks) -> BuildFailure? {
        guard let stored = try? String(contentsOf: cache.file(key, "errors.txt"), encoding: .utf8),
              let output = CompilerOutput(stored: stored) else { return nil }
        return BuildFailure(output: output, root: root)
    }

    // MARK: Keys

    func keys(for recipe: Recipe) throws -> Keys {
        let library = try libraryKey(recipe.harness)
        // The learner's file by its bytes and its path: the module's source info (where the
        // check's errors find the learner's declarations) and the object's #file name it.
        let exercise = try key("exercise", recipe.exerciseModule, recipe.exercise.path, bytes: [], files: [recipe.exercise])
        let executable = try key("executable", library, exercise, bytes: [], files: recipe.program)
        return Keys(library: library, exercise: exercise, executable: executable)
    }

    /// The check (or demo) object's key: the learner module's bytes, not its source.
    private func programKey(_ recipe: Recipe, _ keys: Keys) throws -> String {
        let interface = try Data(contentsOf: cache.file(keys.module, "\(recipe.exerciseModule).swiftmodule"))
        return try key("program", keys.library, recipe.exerciseModule, bytes: [Array(interface)], files: recipe.program)
    }

    func libraryKey(_ harness: [URL]) throws -> String { try key("library", bytes: [], files: harness) }

    /// A key: the toolchain, the flags, the layout, these words and bytes, and every file's name and bytes.
    private func key(_ words: String..., bytes: [[UInt8]], files: [URL]) throws -> String {
        var hash = ContentHash()
        hash.add(toolchain.fingerprint)
        hash.add(Self.flags.joined(separator: " ") + " " + Self.layout)
        for word in words { hash.add(word) }
        for chunk in bytes { hash.add(chunk) }
        for file in files {
            hash.add(file.lastPathComponent)
            hash.add(Array(try Data(contentsOf: file)))
        }
        return hash.hex
    }
}

/// How far the harness library's build is: source files compiled of all.
public struct BuildProgress: Sendable, Equatable {
    public var finished: Int
    public var total: Int
    /// The build is over (built or failed).
    public var ended = false
}

/// Why a build failed: the compiler's errors (the first ones; `omittedErrors` more), or its
/// time limit, or a failure it did not explain (then `output` says what there is).
public struct BuildFailure: Error, Sendable {
    /// The errors and notes, paths where the course is now.
    public var diagnostics: [Diagnostic]
    /// The compiler's output, cut after the errors kept.
    public var output: String
    public var omittedErrors: Int
    /// The time limit, when the compiler ran out of it.
    public var timedOut: Double?

    init(output: CompilerOutput, root: PathMarks) {
        let text = output.located(root)
        diagnostics = Diagnostic.parse(text)
        self.output = text
        omittedErrors = output.omittedErrors
        timedOut = nil
    }

    init(_ outcome: CompilerProcess.Outcome, limit: Double, root: PathMarks) {
        let capped = CompilerOutput(raw: outcome.output, marks: root)
        self.init(output: capped, root: root)
        if outcome.timedOut { timedOut = limit }
        if output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            output = "the compiler ended without a message (\(outcome.termination))"
        }
    }

    /// The errors to show for the learner's file `exercise`: a name of theirs that collides with
    /// the check's (the error is in the check, its note at their declaration) first, as an
    /// error at their declaration, since that is what they must change; then every error.
    public func errors(in exercise: URL, words: Words) -> [Diagnostic] {
        let collisions = Diagnostic.collisions(in: diagnostics, with: exercise).map {
            Diagnostic(file: $0.declaration.file, line: $0.declaration.line, column: $0.declaration.column,
                       severity: .error, message: words.nameCollision($0.name))
        }
        return collisions + diagnostics.filter { $0.severity == .error }
    }

    static func + (first: BuildFailure, second: BuildFailure) -> BuildFailure {
        var joined = first
        joined.diagnostics += second.diagnostics
        joined.output = [first.output, second.output].joined(separator: "\n")
        joined.omittedErrors += second.omittedErrors
        joined.timedOut = first.timedOut ?? second.timedOut
        return joined
    }
}
