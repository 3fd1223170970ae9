import Foundation
import TerminalMarkdown

/// Everything a command needs, resolved once: the course, the learner's language, the
/// terminal, progress, and the tools that build and run lesson programs.
public final class LearnApp {
    public let course: Course
    public let language: Language
    public let words: Words
    /// The course's own words (title, welcome, closing) in the learner's language.
    public let courseWords: CourseWords
    /// Read again by `refreshTerminal` when the terminal is resized.
    public private(set) var terminal: TerminalInfo
    private let colorChoice: TerminalInfo.ColorChoice
    public let store: ProgressStore
    public private(set) var state: ProgressState
    public let environment: [String: String]

    public init(languageFlag: String?, color: TerminalInfo.ColorChoice,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        language = Language.resolve(flag: languageFlag, environment: environment)
        words = Words(language)
        terminal = TerminalInfo.current(color: color, environment: environment)
        colorChoice = color
        let location: CourseLocation
        do {
            location = try CourseLocation.find(environment: environment)
        } catch is CourseLocation.NotFound {
            throw LearnError.failure(CourseLocation.NotFound(language: language).description)
        }
        do {
            course = try Course(location: location)
        } catch let error as Course.ManifestError {
            throw LearnError.failure(words.manifestError(error))
        }
        courseWords = course.words(language)
        store = ProgressStore(file: course.location.stateFile)
        let (loaded, problem) = store.load()
        state = loaded
        switch problem {
        case .damaged(let reason)?: printError(words.damagedState(reason, copy: store.damagedCopy.lastPathComponent))
        case .unreadable(let reason)?:
            printError(words.unreadableState(store.file.path, reason))
            progressWarned = true
        case nil: break
        }
    }

    public var ansi: Ansi { Ansi(enabled: terminal.color) }

    /// The terminal's size again, after a SIGWINCH (watch and the list draw at the new size).
    public func refreshTerminal() { terminal = TerminalInfo.current(color: colorChoice, environment: environment) }

    /// The first-run welcome, in Markdown: the course's own, then how the commands fit together.
    public var welcome: String {
        let first = course.lessons.first?.id ?? "1"
        return [courseWords.welcome, words.commandGuide(first: first)].filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// The lesson `learn check` grades by default: the one last opened with `learn run`.
    public var currentLesson: Lesson? {
        if let id = state.current, let lesson = course.lessons.first(where: { $0.id == id }) { return lesson }
        return course.lessons.first
    }

    /// A lesson by what the learner typed, or the current lesson when nothing was typed.
    /// An unknown name throws a usage error that names the nearest ids; a prefix of several
    /// lessons, one that lists them all.
    public func lesson(named name: String?) throws -> Lesson {
        guard let name else {
            guard let lesson = currentLesson else { throw LearnError.usage(words.noLesson("")) }
            return lesson
        }
        do {
            return try course.lesson(named: name)
        } catch let error as Course.NoSuchLesson {
            var message = words.noLesson(error.name)
            if !error.nearest.isEmpty { message += "; \(words.didYouMean) " + error.nearest.joined(separator: ", ") }
            throw LearnError.usage(message)
        } catch let error as Course.AmbiguousLesson {
            throw LearnError.usage(words.ambiguousLesson(error.name, error.matches))
        }
    }

    /// Reads the state file again (after a child `learn` changed it).
    public func reloadState() { state = store.load().state }

    /// Set once the learner was told that progress cannot be saved, so it is said only once.
    private var progressWarned = false

    /// Changes progress on disk under the store's lock (what another `learn` saved meanwhile
    /// is kept) and here. When it cannot be saved, the change holds for this run only, and the
    /// learner is told once, in a sentence that names the file.
    public func updateState(_ change: (inout ProgressState) -> Void) {
        do {
            state = try store.update(change)
        } catch {
            change(&state)
            guard !progressWarned else { return }
            progressWarned = true
            switch error {
            case ProgressStore.Problem.unreadable(let reason): printError(words.unreadableState(store.file.path, reason))
            case let failure as ProgressStore.SaveFailure: printError(words.cannotSaveProgress(failure.file.path, failure.reason))
            default: printError(words.cannotSaveProgress(store.file.path, "\(error)"))
            }
        }
    }

    public func renderer(width: Int? = nil) -> MarkdownRenderer {
        MarkdownRenderer(options: RenderOptions(width: width ?? terminal.width, color: terminal.color,
                                                hyperlinks: terminal.hyperlinks, clipsCode: terminal.isTerminal))
    }

    public lazy var sandbox: Sandbox = Sandbox.assumed(environment: environment)

    /// The builder of lesson programs; with `showsProgress`, a harness build (the first after
    /// an update, 10-20 s) says so on stderr and counts its files.
    public func builder(showsProgress: Bool = true) throws -> ProgramBuilder {
        // LEARN_CACHE moves the build cache (tests share one across temporary course copies).
        let cache = environment["LEARN_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? course.location.buildCache.appendingPathComponent("programs")
        do {
            let line = BuildProgressLine(words: words, color: terminal.color)
            var builder = ProgramBuilder(toolchain: try Toolchain.find(environment: environment), cacheFolder: cache)
            if showsProgress { builder.progress = { progress in line.show(progress) } }
            return builder
        } catch is Toolchain.Missing {
            throw LearnError.failure(words.swiftcMissing)
        }
    }

    public var sources: LessonSources { LessonSources(location: course.location) }

    /// True under CI, where a check that could not run is a failure.
    public var isCI: Bool { !(environment["CI"] ?? "").isEmpty && environment["CI"] != "0" && environment["CI"] != "false" }
}

public func printError(_ message: String) {
    // What print() buffered comes first, so messages keep their order in a log or a pipe.
    // fflush(nil) flushes every output stream, stdout included, without naming C's global
    // `stdout` (a shared mutable variable to Swift 6).
    fflush(nil)
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
