import XCTest
import HostProcess
@testable import LearnKit

/// `learn dev prebuild` (what ./setup runs) builds the harness and the first lesson's demo and
/// check, the first lesson being whichever lessons/course.txt lists first; after it the
/// learner's first edit compiles only their file.
final class PrebuildTests: XCTestCase {
    func testPrebuildBuildsTheFirstLessonOfTheCourseSoTheFirstCheckCompilesOnlyTheLearnersFile() throws {
        let copy = try CourseCopy(self)
        // Another lesson first: prebuild must follow the course, not a lesson it knows.
        let manifest = copy.root.appendingPathComponent("lessons/course.txt")
        var lines = try String(contentsOf: manifest, encoding: .utf8).components(separatedBy: "\n")
        let moved = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("09-multicasting") })
        let line = lines.remove(at: moved)
        let firstLesson = try XCTUnwrap(lines.firstIndex { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("version") })
        lines.insert(line, at: firstLesson)
        try lines.joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        let lesson = try XCTUnwrap(copy.lessons.first)
        XCTAssertEqual(lesson.id, "09-multicasting")

        let builder = try IncrementalBuildTests.freshBuilder(self)
        let environment = ["LEARN_CACHE": builder.cacheFolder.path]
        let run = try copy.learn(["dev", "prebuild"], environment: environment)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("09-multicasting demo: built"), run.stdout)
        XCTAssertTrue(run.stdout.contains("09-multicasting check: built"), run.stdout)
        let sources = LessonSources(location: CourseLocation(root: copy.root))
        XCTAssertTrue(builder.isCached(try sources.demo(lesson, exercise: lesson.solutionFile)), "the demo is not built")
        XCTAssertTrue(builder.isCached(try sources.check(lesson, exercise: lesson.exerciseFile)), "the check is not built")

        // The learner writes one function body: only their file compiles, the check is reused.
        let checkObjects = IncrementalBuildTests.products(builder, containing: "program.o")
        let starter = try String(contentsOf: lesson.exerciseFile, encoding: .utf8)
        let edited = starter.replacingOccurrences(of: "fatalError(\"TODO: write isMulticast(_:)\")",
                                                  with: "return address.isEmpty")
        XCTAssertNotEqual(edited, starter)
        try edited.write(to: lesson.exerciseFile, atomically: true, encoding: .utf8)
        let check = try copy.learn(["check", lesson.id], environment: environment)
        XCTAssertEqual(check.status, 1, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("returned false, expected true"), "the edit did not take effect: \(check.stdout)")
        XCTAssertEqual(IncrementalBuildTests.products(builder, containing: "program.o"), checkObjects)
    }
}

/// Ending `learn` (Ctrl-C, SIGTERM) while it compiles ends its compiler too.
final class InterruptedCompileTests: XCTestCase {
    func testStoppingLearnEndsItsCompiler() throws {
        let copy = try CourseCopy(self)
        let lesson = try XCTUnwrap(copy.lessons.first)
        // Thousands of errors: a compile that takes many seconds.
        let slow = (0..<4000).map { "let slow\($0): Int = \"\($0)\"\n" }.joined()
        try (try String(contentsOf: lesson.starterFile, encoding: .utf8) + slow)
            .write(to: lesson.exerciseFile, atomically: true, encoding: .utf8)
        let cache = try IncrementalBuildTests.freshBuilder(self).cacheFolder
        for signal in [SIGTERM, SIGINT] {
            var command = HostCommand([copy.binary, "check", lesson.id],
                                      environment: copy.environment(["LEARN_CACHE": cache.path]))
            command.stdout = .null
            let learn = try HostChild(command)
            XCTAssertTrue(Self.waitUntil { !Self.compilers(of: lesson.exerciseFile).isEmpty }, "no compiler started")
            kill(learn.pid, signal)
            let outcome = learn.wait(timeout: 30)
            XCTAssertEqual(outcome.termination, .exited(128 + signal), "\(outcome.stderrText)")
            XCTAssertTrue(Self.waitUntil { Self.compilers(of: lesson.exerciseFile).isEmpty },
                          "compilers still running: \(Self.compilers(of: lesson.exerciseFile))")
        }
    }

    /// Processes whose command line names `file`.
    static func compilers(of file: URL) -> [pid_t] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), let line = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else { return nil }
            return String(decoding: line, as: UTF8.self).contains(file.path) ? pid : nil
        }
    }

    static func waitUntil(seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
