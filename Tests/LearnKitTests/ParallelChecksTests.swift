import XCTest
@testable import LearnKit

/// `learn check --all` checks lessons at once: the verdicts are the ones a check of each
/// lesson alone gives (every reference solution passes, every starter fails), in the course's
/// order, however the builds and runs interleave.
final class ParallelChecksTests: XCTestCase {
    func testEveryLessonInParallelGradesAsItDoesAlone() throws {
        let lessons = try Course(location: TestSupport.location).lessons
        var session = try TestSupport.session(TestSupport.location)
        session.notRunFails = true
        for (exercise, expected) in [(\Lesson.solutionFile, CheckResult.Status.passed), (\Lesson.starterFile, .failed)] {
            var seen: [String] = []
            try ParallelChecks(session: session).run(lessons, exercise: { $0[keyPath: exercise] }) { lesson, report in
                seen.append(lesson.id)
                XCTAssertTrue(report.compileErrors.isEmpty, "\(lesson.id): \(report.compilerOutput ?? "")")
                XCTAssertFalse(report.checks.isEmpty, "\(lesson.id): no checks ran: \(report.problem ?? "")")
                for check in report.checks {
                    XCTAssertEqual(check.status, expected, "\(lesson.id) / \(check.id): \(check.message)")
                }
            }
            XCTAssertEqual(seen, lessons.map(\.id), "reports out of the course's order")
        }
    }
}
