import Foundation
import HostProcess
import XCTest
@testable import LearnKit

/// A temporary copy of the course (lessons, the learner's files as starters, the harness), and
/// the `learn` binary run on it with LEARN_HOME and the tests' shared build cache: the
/// repository's own exercises and progress are never touched.
struct CourseCopy: Sendable {
    let root: URL

    /// With `servers`, the course's FTP and Telnet servers come too (lessons 15 and 16 can then
    /// run every check; without them those checks are not run).
    init(_ test: XCTestCase, servers: Bool = false) throws {
        root = try TestSupport.temporaryFolder(test)
        let manager = FileManager.default
        for part in ["lessons", "exercises"] + (servers ? ["servers"] : []) {
            try CourseCopy.copyTree(TestSupport.repository.appendingPathComponent(part), to: root.appendingPathComponent(part))
        }
        // An editor's build of the exercises package is no part of the course.
        try? manager.removeItem(at: root.appendingPathComponent("exercises/.build"))
        try manager.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        try CourseCopy.copyTree(TestSupport.location.lessonSupport, to: root.appendingPathComponent("Sources/LessonSupport"))
        for lesson in lessons {
            try? manager.removeItem(at: lesson.exerciseFile)
            try manager.copyItem(at: lesson.starterFile, to: lesson.exerciseFile)
        }
    }

    /// A folder copied by `cp -R`, owned by whoever runs the tests: Foundation's copyItem keeps
    /// the owner of each folder and fails for an ordinary user copying root's files (the
    /// unprivileged run of scripts/test).
    static func copyTree(_ source: URL, to destination: URL) throws {
        let outcome = try HostCommand(["/bin/cp", "-R", source.path, destination.path]).run(timeLimit: 60)
        guard outcome.succeeded else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path]) }
    }

    var lessons: [Lesson] { (try? Course(location: CourseLocation(root: root)).lessons) ?? [] }
    var binary: String { TestSupport.repository.appendingPathComponent(".build/debug/learn").path }
    var stateFile: URL { root.appendingPathComponent(".learn-state.json") }

    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["LEARN_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "CI", "NO_COLOR", "LEARN_NO_NAMESPACES",
                     "VISUAL", "EDITOR"] {
            environment[name] = nil
        }
        environment["LEARN_HOME"] = root.path
        environment["LEARN_CACHE"] = TestSupport.cache.path
        environment["TERM"] = "xterm"
        environment.merge(extra) { $1 }
        return environment
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `learn` with stdin, stdout and stderr on pipes (not a terminal).
    func learn(_ arguments: String..., environment extra: [String: String] = [:]) throws -> Run {
        try learn(arguments, environment: extra)
    }

    func learn(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Run {
        let outcome = try HostCommand([binary] + arguments, environment: environment(extra)).run(timeLimit: 180)
        guard case .exited(let status) = outcome.termination else {
            XCTFail("learn \(arguments) did not exit: \(outcome.termination)")
            return Run(status: -1, stdout: outcome.stdoutText, stderr: outcome.stderrText)
        }
        return Run(status: status, stdout: outcome.stdoutText, stderr: outcome.stderrText)
    }

    /// `learn` on a pseudo-terminal.
    func terminal(_ arguments: String..., environment extra: [String: String] = [:]) throws -> PseudoTerminal {
        try PseudoTerminal([binary] + arguments, environment: environment(extra))
    }

    /// Saves `source` as the lesson's exercise the way editors do: a temporary file renamed over it.
    func save(_ source: URL, as lesson: Lesson) throws {
        let temporary = lesson.exerciseFile.deletingLastPathComponent().appendingPathComponent(".\(lesson.id).swift.swp")
        try Data(contentsOf: source).write(to: temporary)
        guard rename(temporary.path, lesson.exerciseFile.path) == 0 else { throw POSIXError(.EIO) }
    }

    func solve(_ lesson: Lesson) throws { try save(lesson.solutionFile, as: lesson) }
}
