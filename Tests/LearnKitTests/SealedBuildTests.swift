import XCTest
@testable import LearnKit

/// The learner's file is a module of its own: it cannot see the harness, shadow it, or put
/// code where the check program's parent runs it; a name that collides with the check's is a
/// compile error at the learner's declaration, or has no effect.
final class SealedBuildTests: XCTestCase {
    private let checks = """
        enum Expected { static let sum = 5 }
        extension Harness {
            static let checks: [Check] = [
                Check("adds", Text("add adds", ko: "add는 더한다")) {
                    try expect(add(2, 3) == Expected.sum, Text("add(2, 3) returned \\(add(2, 3))", ko: "add(2, 3)이 \\(add(2, 3))"))
                },
            ]
        }
        """
    private let add = "func add(_ a: Int, _ b: Int) -> Int { a + b }\n"

    private func report(_ exercise: String) throws -> CheckReport {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: exercise)
        return try TestSupport.session(location).check(lesson, exercise: lesson.exerciseFile)
    }

    /// What the attack did: a learner's extension of Harness replaced the roles the check
    /// program's parent runs before any check. The harness is not in the learner's module.
    func testTheLearnersFileCannotExtendTheHarness() throws {
        let report = try report(add + """
            import Glibc
            extension Harness {
                static var roles: [String: () -> Void] { print("learn-sandbox: unshare failed"); exit(125) }
            }
            """)
        XCTAssertEqual(report.status, .failed)
        XCTAssertTrue(report.checks.isEmpty)
        XCTAssertFalse(report.contractMismatch)
        let error = try XCTUnwrap(report.compileErrors.first, report.compilerOutput ?? "")
        XCTAssertTrue(error.file.hasSuffix("exercises/01-fixture.swift"), error.file)
        XCTAssertEqual(error.line, 3)
        XCTAssertTrue(error.message.contains("cannot find type 'Harness'"), error.message)
    }

    func testTheHarnessIsNotOnTheLearnersImportPath() throws {
        for line in ["@testable import LessonSupport", "import LessonSupport", "@testable import LessonProgram"] {
            let report = try report(line + "\n" + add)
            XCTAssertEqual(report.status, .failed, line)
            let error = try XCTUnwrap(report.compileErrors.first, line)
            XCTAssertTrue(error.file.hasSuffix("exercises/01-fixture.swift"), error.file)
            XCTAssertTrue(error.message.contains("no such module"), error.message)
        }
    }

    func testANameCollidingWithTheHarnessIsAnErrorAtTheLearnersDeclaration() throws {
        let report = try report(add + "enum Harness { static let checks: [Int] = [] }\n")
        XCTAssertEqual(report.status, .failed)
        XCTAssertTrue(report.checks.isEmpty)
        XCTAssertFalse(report.contractMismatch, "a collision is the learner's to fix, not the check's")
        let error = try XCTUnwrap(report.compileErrors.first)
        XCTAssertTrue(error.file.hasSuffix("exercises/01-fixture.swift"), error.file)
        XCTAssertEqual(error.line, 2)
        XCTAssertTrue(error.message.contains("'Harness'"), error.message)
    }

    func testANameCollidingWithTheChecksOwnHasNoEffect() throws {
        // The check's `Expected` is its own module's: the learner's cannot replace it.
        let report = try report(add + "enum Expected { static let sum = 4 }\n")
        XCTAssertEqual(report.checks.map(\.status), [.passed], report.compilerOutput ?? "")
        let wrong = try self.report("func add(_ a: Int, _ b: Int) -> Int { 4 }\nenum Expected { static let sum = 4 }\n")
        XCTAssertEqual(wrong.checks.map(\.status), [.failed])
    }

    func testAnEntryPointOfTheLearnersOwnDoesNotBuild() throws {
        let report = try report(add + """
            @main enum Mine {
                static func main() { print("x\\tresult\\tadds\\tpassed") }
            }
            """)
        XCTAssertEqual(report.status, .failed)
        XCTAssertTrue(report.checks.isEmpty, "\(report.checks)")
    }

    func testDemosAreBuiltTheSameWay() throws {
        let demo = "@main enum Demo { static func main() { print(\"sum\", add(2, 3)) } }\n"
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: add, demo: demo)
        let runner = DemoRunner(sources: LessonSources(location: location), builder: try TestSupport.builder(),
                                sandbox: TestSupport.sandbox(), language: .english)
        var output: [UInt8] = []
        guard case .finished = try runner.run(lesson, exercise: lesson.exerciseFile, output: { _, bytes in output += bytes }) else {
            return XCTFail(String(decoding: output, as: UTF8.self))
        }
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "sum 5\n")

        try (add + "extension Harness { static func say(_ text: String) {} }\n")
            .write(to: lesson.exerciseFile, atomically: true, encoding: .utf8)
        guard case .failedToBuild(let failure) = try runner.run(lesson, exercise: lesson.exerciseFile, output: { _, _ in }) else {
            return XCTFail("a demo built on a learner's extension of the harness")
        }
        XCTAssertTrue(failure.diagnostics.contains { $0.file.hasSuffix("exercises/01-fixture.swift") && $0.severity == .error },
                      failure.output)
    }
}
