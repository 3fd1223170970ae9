import Foundation

/// Where the course lives: the folder with `lessons/course.txt`, `exercises/` and `Sources/LessonSupport`.
public struct CourseLocation: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public var manifest: URL { root.appendingPathComponent("lessons/course.txt") }
    public var lessonsFolder: URL { root.appendingPathComponent("lessons") }
    public var exercisesFolder: URL { root.appendingPathComponent("exercises") }
    public var lessonSupport: URL { root.appendingPathComponent("Sources/LessonSupport") }
    public var stateFile: URL { root.appendingPathComponent(".learn-state.json") }
    public var buildCache: URL { root.appendingPathComponent(".build-learn") }

    public struct NotFound: Error, CustomStringConvertible {
        /// The learner's language, set by whoever knows it (LearnApp).
        public var language: Language = .english
        public init(language: Language = .english) { self.language = language }
        public var description: String { Words(language).courseNotFound }
    }

    /// LEARN_HOME, else the nearest folder upward from the working directory that holds a course,
    /// else the one the `learn` binary was built in (so `learn` works from anywhere once on PATH).
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CourseLocation {
        if let home = environment["LEARN_HOME"], !home.isEmpty {
            let location = CourseLocation(root: URL(fileURLWithPath: home))
            if location.exists { return location }
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let found = searchUpward(from: cwd) { return found }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if let found = searchUpward(from: binary.deletingLastPathComponent()) { return found }
        throw NotFound()
    }

    private static func searchUpward(from start: URL) -> CourseLocation? {
        var folder = start.standardizedFileURL
        while true {
            let candidate = CourseLocation(root: folder)
            if candidate.exists { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    var exists: Bool { FileManager.default.fileExists(atPath: manifest.path) }
}
