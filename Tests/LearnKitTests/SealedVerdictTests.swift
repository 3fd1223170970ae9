import Foundation
import XCTest
@testable import LearnKit

/// Grading holes a learner's file could use, each closed: a result counts only when the
/// harness wrote it, sealed, in order, from a program that ended normally.
final class SealedVerdictTests: XCTestCase {
    private let checks = """
        import Glibc
        extension Harness {
            static let checks: [Check] = [
                Check("adds", Text("add adds", ko: "add는 더한다")) {
                    try expect(add(2, 3) == 5, Text("add(2, 3) returned \\(add(2, 3))", ko: "add(2, 3)이 \\(add(2, 3))"))
                },
                Check("negative", Text("add handles negatives", ko: "음수")) {
                    try expect(add(-2, -3) == -5, Text("add(-2, -3) returned \\(add(-2, -3))", ko: "음수 오류"))
                },
            ]
        }
        """

    private func report(_ exercise: String, timeLimit: Double = 5) throws -> CheckReport {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: exercise)
        var session = try TestSupport.session(location)
        session.timeLimit = timeLimit
        return try session.check(lesson, exercise: lesson.exerciseFile)
    }

    /// "P" written to every descriptor, then _exit(0): the verdict pipe gets a bare "P",
    /// without the check's nonce, and does not count.
    func testAVerdictWithoutTheChecksNonceDoesNotCount() throws {
        let report = try report("""
            import Glibc
            func add(_ a: Int, _ b: Int) -> Int {
                for fd in Int32(0)..<1024 { _ = write(fd, "P", 1) }
                _exit(0)
            }
            """)
        XCTAssertEqual(report.checks.map(\.status), [.failed, .failed], report.checks.map(\.message).joined(separator: " | "))
        XCTAssertEqual(report.status, .failed)
    }

    /// Result-shaped records written on the channel `learn` reads (reached through the
    /// parent's /proc entry: the channel itself is closed in the check's process), for every
    /// check and `done`, and then the check program killed so the real results never come.
    func testAForgedResultOnTheChannelThenKillingTheParentDoesNotPass() throws {
        let report = try report("""
            import Glibc
            func add(_ a: Int, _ b: Int) -> Int {
                let parent = getppid()
                let channel = open("/proc/\\(parent)/fd/3", O_WRONLY)
                for token in ["", "x", "0123456789abcdef0123456789abcdef"] {
                    let forged = "\\(token)\\tresult\\tadds\\tpassed\\t\\t\\n\\(token)\\tresult\\tnegative\\tpassed\\t\\t\\n\\(token)\\tdone\\n"
                    _ = forged.withCString { write(channel, $0, strlen($0)) }
                }
                kill(parent, SIGKILL)
                _exit(0)
            }
            """)
        XCTAssertEqual(report.checks.map(\.status), [.failed, .failed], report.checks.map(\.message).joined(separator: " | "))
    }

    /// The first check passes honestly; the second kills the check program. A program that
    /// dies from a signal reports nothing as passed, not even what it reported before.
    func testAProgramKilledByASignalReportsNothingAsPassed() throws {
        let report = try report("""
            import Glibc
            func add(_ a: Int, _ b: Int) -> Int {
                if a < 0 { kill(getppid(), SIGKILL); sleep(5) }
                return a + b
            }
            """)
        XCTAssertEqual(report.checks.map(\.status), [.failed, .failed], report.checks.map(\.message).joined(separator: " | "))
    }

    /// The check's own child cannot write the channel: it is closed there.
    func testTheChannelIsClosedInTheChecksProcess() throws {
        let report = try report("""
            import Glibc
            func add(_ a: Int, _ b: Int) -> Int {
                let env = getenv("LEARN_RESULT_FD").map { String(cString: $0) } ?? "none"
                return fcntl(3, F_GETFD) == -1 && env == "none" ? a + b : 0
            }
            """)
        XCTAssertEqual(report.checks.map(\.status), [.passed, .passed], report.checks.map(\.message).joined(separator: " | "))
    }

    /// One hang fails only its own check; the others get their own time.
    func testOneHangDoesNotEatTheOtherChecksTime() throws {
        let report = try report("""
            func add(_ a: Int, _ b: Int) -> Int {
                if a == 2 { while true {} }
                return a + b
            }
            // \(UUID())
            """, timeLimit: 1)
        XCTAssertEqual(report.checks.map(\.status), [.failed, .passed], report.checks.map(\.message).joined(separator: " | "))
        XCTAssertTrue(report.checks[0].message.contains("1 s"), report.checks[0].message)
    }

    func testWritingMoreThanTheFileSizeLimitIsSaidPlainly() throws {
        let file = try TestSupport.temporaryFolder(self).appendingPathComponent("big").path
        let report = try report("""
            import Glibc
            func add(_ a: Int, _ b: Int) -> Int {
                let fd = open("\(file)", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                let chunk = [UInt8](repeating: 1, count: 1 << 20)
                for _ in 0..<300 { _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
                return a + b
            }
            """)
        XCTAssertEqual(report.checks.map(\.status), [.failed, .failed])
        XCTAssertTrue(report.checks[0].message.contains("more than 256 MiB"), report.checks[0].message)
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        XCTAssertLessThanOrEqual(size ?? 0, 256 << 20)
    }

    func testUsingMoreThanTheMemoryLimitIsSaidPlainly() throws {
        let report = try report("""
            func add(_ a: Int, _ b: Int) -> Int {
                let big = [UInt8](repeating: 1, count: 3 << 30)
                return a + b + big.count - (3 << 30)
            }
            """)
        XCTAssertEqual(report.checks.map(\.status), [.failed, .failed])
        XCTAssertTrue(report.checks[0].message.contains("more than 2 GiB of memory"), report.checks[0].message)
    }
}

/// The runner's reading of the channel, record by record.
final class ResultChannelReaderTests: XCTestCase {
    private let token = "0123456789abcdef0123456789abcdef"
    private func read(_ records: [String]) -> ResultChannelReader {
        ResultChannelReader(channel: Array(records.map { $0 + "\n" }.joined().utf8), token: token)
    }

    func testRecordsWithoutTheTokenAreIgnored() {
        let reader = read(["\(token)\tplan\tone\tOne", "forged\tresult\tone\tpassed\t\t", "\tresult\tone\tpassed\t\t",
                           "\(token)\tresult\tone\tfailed\tno\t", "\(token)\tdone"])
        XCTAssertNil(reader.broken)
        XCTAssertEqual(reader.results["one"]?.status, .failed)
        XCTAssertTrue(reader.finished)
    }

    func testASecondResultBreaksTheRun() {
        let reader = read(["\(token)\tplan\tone\tOne", "\(token)\tresult\tone\tpassed\t\t", "\(token)\tresult\tone\tfailed\tno\t", "\(token)\tdone"])
        XCTAssertNotNil(reader.broken)
    }

    func testAnythingAfterDoneBreaksTheRun() {
        let reader = read(["\(token)\tplan\tone\tOne", "\(token)\tdone", "\(token)\tresult\tone\tpassed\t\t"])
        XCTAssertNotNil(reader.broken)
        XCTAssertNil(reader.results["one"])
    }

    func testMalformedRecordsBreakTheRun() {
        XCTAssertNotNil(read(["\(token)\tplan\tone\tOne", "\(token)\tresult\tone\tpassed\t"]).broken)
        XCTAssertNotNil(read(["\(token)\tplan\tone\tOne", "\(token)\tresult\ttwo\tpassed\t\t"]).broken)
        XCTAssertNotNil(read(["\(token)\tplan\tone\tOne", "\(token)\tverdict\tone"]).broken)
    }

    func testThePlanIsCountedWhileItArrives() {
        let bytes = Array("\(token)\tplan\ta\tA\nforged\tplan\tb\tB\n\(token)\tplan\tc\tC\n".utf8)
        XCTAssertEqual(ResultChannelReader.plannedCount(in: bytes, token: token), 2)
    }
}
