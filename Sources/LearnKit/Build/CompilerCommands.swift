import Foundation

/// How this toolchain's driver starts the frontend and the linker, learned once from
/// `swiftc -###` (which prints the jobs it would run, without running them) and kept in the
/// build cache. With it `learn` starts swift-frontend, swift-autolink-extract and clang itself:
/// for a lesson program's few files the driver would only add a process (about 80 ms here) to
/// every step. Where the printed jobs do not have the expected shape (another toolchain),
/// `learn` keeps using the driver.
struct CompilerCommands: Codable, Sendable, Equatable {
    /// swift-frontend, `-frontend`, and the flags the driver gives every compile job (the
    /// target, plugin paths, diagnostics without colour).
    var frontend: [String]
    /// swift-autolink-extract with `OBJECTS` and `AUTOLINK` (its output) as placeholders.
    var autolink: [String]
    /// clang linking an executable, with `OBJECTS`, `@AUTOLINK`, `LIBDIR`, `-lLIBRARY`, `OUT`.
    var link: [String]

    static let objectsMark = "OBJECTS", autolinkMark = "AUTOLINK", libraryDirMark = "LIBDIR"
    static let libraryMark = "-lLIBRARY", outputMark = "OUT"

    /// The link command for these objects against `library` (a static library in `libraryFolder`).
    func autolinkCommand(objects: [String], output: String) -> [String] {
        autolink.flatMap { $0 == Self.objectsMark ? objects : [$0 == Self.autolinkMark ? output : $0] }
    }

    func linkCommand(objects: [String], autolinkFile: String, libraryFolder: String, library: String,
                     output: String) -> [String] {
        link.flatMap { argument -> [String] in
            switch argument {
            case Self.objectsMark: return objects
            case "@" + Self.autolinkMark: return ["@" + autolinkFile]
            case Self.libraryDirMark: return [libraryFolder]
            case Self.libraryMark: return ["-l" + library]
            case Self.outputMark: return [output]
            default: return [argument]
            }
        }
    }

    /// The commands for `toolchain`, from `cache` when learned before, else from the driver.
    /// Nil when the driver's jobs do not look as expected.
    static func load(_ toolchain: Toolchain, cache: BuildCache) -> CompilerCommands? {
        var hash = ContentHash()
        hash.add(toolchain.fingerprint)
        let file = cache.folder.appendingPathComponent("commands-\(hash.hex).json")
        if let data = try? Data(contentsOf: file), let known = try? JSONDecoder().decode(CompilerCommands.self, from: data) {
            return known
        }
        guard let learned = learn(toolchain) else { return nil }
        if let data = try? JSONEncoder().encode(learned) { try? cache.writeAtomically(data, to: file) }
        return learned
    }

    /// Asks the driver for the jobs of a compile and of a link of placeholder files.
    static func learn(_ toolchain: Toolchain) -> CompilerCommands? {
        let folder = "/learn-placeholder"
        let input = "\(folder)/IN.swift", object = "\(folder)/OBJ.o", libraryFolder = "\(folder)/LIBDIR"
        guard let compileJobs = jobs(toolchain, ["-c", "-parse-as-library", input, "-module-name", "PLACEHOLDER",
                                                 "-o", object]),
              let linkJobs = jobs(toolchain, [object, "-L", libraryFolder, "-lLIBRARY", "-o", "\(folder)/OUT"]),
              compileJobs.count == 1, linkJobs.count == 2 else { return nil }

        // The compile job, without what each build gives itself.
        var frontend = compileJobs[0]
        guard frontend.count > 2, frontend[1] == "-frontend" else { return nil }
        for (flag, value) in [("-primary-file", input), ("-module-name", "PLACEHOLDER"), ("-o", object)] {
            guard let at = frontend.firstIndex(of: flag), at + 1 < frontend.count, frontend[at + 1] == value else { return nil }
            frontend.removeSubrange(at...(at + 1))
        }
        frontend.removeAll { $0 == "-c" || $0 == "-parse-as-library" }

        // swift-autolink-extract OBJ.o -o TMP.autolink, then clang ... OBJ.o @TMP.autolink ... -o OUT.
        var autolink = linkJobs[0], link = linkJobs[1]
        guard autolink.filter({ $0 == object }).count == 1, autolink.count >= 4, autolink[autolink.count - 2] == "-o",
              link.filter({ $0 == object }).count == 1 else { return nil }
        let temporary = autolink[autolink.count - 1]
        autolink[autolink.count - 1] = autolinkMark
        autolink = autolink.map { $0 == object ? objectsMark : $0 }
        var replaced = 0
        link = link.map { argument in
            let mark: String?
            switch argument {
            case object: mark = objectsMark
            case "@" + temporary: mark = "@" + autolinkMark
            case libraryFolder: mark = libraryDirMark
            case "-lLIBRARY": mark = libraryMark
            case "\(folder)/OUT": mark = outputMark
            default: mark = nil
            }
            if mark != nil { replaced += 1 }
            return mark ?? argument
        }
        guard replaced == 5, !(link + frontend + autolink).contains(where: { $0.contains(folder) }) else { return nil }
        return CompilerCommands(frontend: frontend, autolink: autolink, link: link)
    }

    /// The jobs `swiftc -###` prints for these arguments, each split into its arguments.
    private static func jobs(_ toolchain: Toolchain, _ arguments: [String]) -> [[String]]? {
        guard let outcome = try? CompilerProcess([toolchain.swiftc, "-###"] + arguments).run(timeLimit: 60),
              outcome.succeeded else { return nil }
        let lines = outcome.output.split(separator: "\n").map(String.init)
        var jobs: [[String]] = []
        for line in lines {
            guard let words = ShellWords.split(line) else { return nil }
            jobs.append(words)
        }
        return jobs
    }
}

/// Splits a command line as the driver prints it (words quoted the POSIX shell's way).
/// Hand-written: Foundation has no shell-word splitter, and this needs only quotes and backslashes.
enum ShellWords {
    static func split(_ line: String) -> [String]? {
        var words: [String] = [], word = "", inWord = false
        var quote: Character? = nil, escaped = false
        for character in line {
            if escaped { word.append(character); escaped = false; continue }
            if let open = quote {
                if character == open { quote = nil } else if character == "\\" && open == "\"" { escaped = true } else { word.append(character) }
                continue
            }
            switch character {
            case "\\": escaped = true; inWord = true
            case "'", "\"": quote = character; inWord = true
            case " ", "\t":
                if inWord { words.append(word); word = ""; inWord = false }
            default: word.append(character); inWord = true
            }
        }
        guard quote == nil, !escaped else { return nil }
        if inWord { words.append(word) }
        return words
    }
}
