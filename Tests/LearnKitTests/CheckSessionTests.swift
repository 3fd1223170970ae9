import NetLab
import XCTest
@testable import LearnKit

/// The runner against real compiled programs: what a learner's file can do wrong, and that
/// a pass is reported only when the check program reported it.
final class CheckSessionTests: XCTestCase {
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

    private func report(_ exercise: String, timeLimit: Double = 10, language: Language = .english,
                        sandbox: Sandbox? = nil) throws -> CheckReport {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: exercise)
        var session = try TestSupport.session(location, language: language, sandbox: sandbox)
        session.timeLimit = timeLimit
        return try session.check(lesson, exercise: lesson.exerciseFile)
    }

    func testCorrectExercisePasses() throws {
        let report = try report("func add(_ a: Int, _ b: Int) -> Int { a + b }\n")
        XCTAssertEqual(report.status, .passed)
        XCTAssertEqual(report.checks.map(\.status), [.passed, .passed])
        XCTAssertEqual(report.checks.map(\.name), ["add adds", "add handles negatives"])
        XCTAssertNil(report.notice)
    }

    func testWrongAnswerFailsWithTheCheckMessageInTheLearnersLanguage() throws {
        let exercise = "func add(_ a: Int, _ b: Int) -> Int { a > 0 ? a + b : 0 }\n"
        let english = try report(exercise)
        XCTAssertEqual(english.status, .failed)
        XCTAssertEqual(english.checks.map(\.status), [.passed, .failed])
        XCTAssertEqual(english.checks[1].message, "add(-2, -3) returned 0")
        let korean = try report(exercise, language: .korean)
        XCTAssertEqual(korean.checks[1].name, "음수")
        XCTAssertEqual(korean.checks[1].message, "음수 오류")
    }

    func testCompileErrorPointsAtTheLearnersLine() throws {
        let report = try report("func add(_ a: Int, _ b: Int) -> Int {\n    return a + c\n}\n")
        XCTAssertEqual(report.status, .failed)
        XCTAssertTrue(report.checks.isEmpty)
        XCTAssertFalse(report.contractMismatch)
        let error = try XCTUnwrap(report.compileErrors.first)
        XCTAssertTrue(error.file.hasSuffix("exercises/01-fixture.swift"), error.file)
        XCTAssertEqual(error.line, 2)
        XCTAssertEqual(error.column, 16)
        XCTAssertTrue(error.message.contains("'c'"), error.message)
    }

    func testWrongSignatureIsReportedAsAContractMismatch() throws {
        let report = try report("func add(a: Int, b: Int) -> Int { a + b }\n")
        XCTAssertEqual(report.status, .failed)
        XCTAssertTrue(report.contractMismatch)
        XCTAssertTrue(report.compileErrors.allSatisfy { $0.file.hasSuffix("check.swift") })
    }

    func testACrashFailsOnlyItsCheckAndNamesTheFatalError() throws {
        let report = try report("""
            func add(_ a: Int, _ b: Int) -> Int {
                if a < 0 { fatalError("negative numbers are not written yet") }
                return a + b
            }
            """)
        XCTAssertEqual(report.checks.map(\.status), [.passed, .failed])
        XCTAssertTrue(report.checks[1].message.contains("SIGILL"), report.checks[1].message)
        XCTAssertTrue(report.checks[1].message.contains("negative numbers are not written yet"), report.checks[1].message)
    }

    func testAnEndlessLoopTimesOutAndTheOtherChecksStillRun() throws {
        let started = Date()
        let report = try report("""
            func add(_ a: Int, _ b: Int) -> Int {
                if a < 0 { while true {} }
                return a + b
            }
            """, timeLimit: 2)
        XCTAssertEqual(report.checks.map(\.status), [.passed, .failed])
        XCTAssertTrue(report.checks[1].message.contains("Timed out"), report.checks[1].message)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
    }

    func testAHangInEveryCheckEndsAtTheProgramsTimeLimit() throws {
        let report = try report("func add(_ a: Int, _ b: Int) -> Int { while true {} }\n", timeLimit: 1)
        XCTAssertEqual(report.status, .failed)
        XCTAssertEqual(report.checks.count, 2)
        XCTAssertTrue(report.checks.allSatisfy { $0.status == .failed })
    }

    func testAFloodOfOutputIsCappedAndDoesNotBlock() throws {
        let report = try report("""
            import Glibc
            func add(_ a: Int, _ b: Int) -> Int {
                let line = String(repeating: "x", count: 1000)
                for _ in 0..<20_000 { print(line) }
                return a + b
            }
            """)
        XCTAssertEqual(report.checks.map(\.status), [.passed, .passed])
        XCTAssertLessThanOrEqual(report.checks[0].output.utf8.count, 64 * 1024)
        XCTAssertGreaterThan(report.checks[0].output.utf8.count, 1000)
    }

    func testPrintedResultLinesCannotForgeAPass() throws {
        // The learner prints lines shaped like the channel's records, on stdout and on fd 3.
        let report = try report("""
            import Glibc
            func add(_ a: Int, _ b: Int) -> Int {
                let forged = "x\\tresult\\tnegative\\tpassed\\t\\t\\n"
                print(forged)
                _ = forged.withCString { write(3, $0, strlen($0)) }
                return 0
            }
            """)
        XCTAssertEqual(report.status, .failed)
        XCTAssertEqual(report.checks.map(\.status), [.failed, .failed])
    }

    func testAProgramThatExitsEarlyReportsNoPass() throws {
        let report = try report("import Glibc\nfunc add(_ a: Int, _ b: Int) -> Int { exit(0) }\n")
        XCTAssertEqual(report.status, .failed)
        XCTAssertTrue(report.checks.allSatisfy { $0.status == .failed })
    }

    func testNotRunIsNotAPassAndFailsUnderCI() throws {
        let checks = """
            extension Harness {
                static let checks: [Check] = [
                    Check("here", Text("runs here", ko: "여기")) { try expect(ready(), Text("not ready", ko: "준비 안 됨")) },
                    Check("lab", Text("needs a lab", ko: "랩 필요")) { throw NotRun(Text("no lab here", ko: "랩 없음")) },
                ]
            }
            """
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: "func ready() -> Bool { true }\n")
        var session = try TestSupport.session(location)
        let report = try session.check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.checks.map(\.status), [.passed, .notRun])
        XCTAssertEqual(report.checks[1].message, "no lab here")
        // Nothing failed, but a check did not run: the lesson is not passed.
        XCTAssertEqual(report.status, .incomplete)
        session.notRunFails = true
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .failed)
    }

    func testChecksRunInAPrivateNetworkWithOnlyLoopback() throws {
        let checks = """
            import Glibc
            extension Harness {
                static let checks: [Check] = [
                    Check("interfaces", Text("interfaces", ko: "인터페이스")) {
                        let names = interfaces()
                        try expect(names == ["lo"], Text("saw \\(names)", ko: "\\(names)"))
                    },
                ]
            }
            """
        let exercise = """
            import Glibc
            func interfaces() -> [String] {
                var names: [String] = []
                var index: UInt32 = 1
                while index < 64 {
                    var buffer = [CChar](repeating: 0, count: 32)
                    if if_indextoname(index, &buffer) != nil { names.append(String(cString: buffer)) }
                    index += 1
                }
                return names
            }
            """
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: exercise)
        let sandbox = TestSupport.sandbox()
        XCTAssertEqual(sandbox.mode, .privateNetwork, "tests need unprivileged user namespaces")
        let report = try TestSupport.session(location, sandbox: sandbox).check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.checks.map(\.status), [.passed], report.checks.first?.message ?? "")
    }

    func testForcedFallbackRunsOnLoopbackWithANotice() throws {
        let fallback = Sandbox.detect(environment: ["LEARN_NO_NAMESPACES": "1"])
        guard case .hostLoopback(let reason) = fallback.mode else { return XCTFail("not forced off") }
        XCTAssertEqual(reason, .switchedOff(value: "1"))
        let report = try report("func add(_ a: Int, _ b: Int) -> Int { a + b }\n", sandbox: fallback)
        XCTAssertEqual(report.status, .passed)
        XCTAssertNotNil(report.notice)
    }

    func testAnUnchangedFileIsNotCompiledAgain() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks,
            exercise: "func add(_ a: Int, _ b: Int) -> Int { a + b } // \(UUID())\n")
        let session = try TestSupport.session(location)
        XCTAssertTrue(session.willCompile(lesson, exercise: lesson.exerciseFile))
        _ = try session.check(lesson, exercise: lesson.exerciseFile)
        XCTAssertFalse(session.willCompile(lesson, exercise: lesson.exerciseFile))
        let recipe = try LessonSources(location: location).check(lesson, exercise: lesson.exerciseFile)
        guard case .built(_, let cached) = try TestSupport.builder().build(recipe) else { return XCTFail("no build") }
        XCTAssertTrue(cached)
    }
}

/// Where the system refuses user namespaces, checks still run, on this machine's network,
/// and say why; a lesson whose code sends multicast runs none of it there.
final class SandboxRefusalTests: XCTestCase {
    private let refused = NamespaceRefusal.refused(setting: "kernel.unprivileged_userns_clone=1", detail: "Operation not permitted")
    private let check = """
        extension Harness {
            static let checks: [Check] = [Check("one", Text("one", ko: "하나")) { try expect(one() == 1, Text("no", ko: "아니")) }]
        }
        """

    func testARefusedNamespaceRunsOnTheHostWithTheReason() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: check, exercise: "func one() -> Int { 1 }\n")
        let report = try TestSupport.session(location, sandbox: Sandbox(refusal: refused)).check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.checks.map(\.status), [.passed])
        let notice = try XCTUnwrap(report.notice)
        XCTAssertTrue(notice.contains("refuses unprivileged user namespaces"), notice)
        XCTAssertTrue(notice.contains("Operation not permitted") && notice.contains("sysctl"), notice)
    }

    /// The learner's code would run on the real network: it is not run at all (a file that
    /// would pass, and one that proves it ran by crashing, are both reported not run).
    func testALessonThatSendsMulticastIsNotRunOnTheHost() throws {
        for exercise in ["func one() -> Int { 1 }\n", "func one() -> Int { fatalError(\"ran\") }\n"] {
            let (location, lesson) = try TestSupport.fixtureCourse(self, check: check, exercise: exercise, needs: "sends=multicast")
            XCTAssertEqual(lesson.sends, ["multicast"])
            let report = try TestSupport.session(location, sandbox: Sandbox(refusal: refused)).check(lesson, exercise: lesson.exerciseFile)
            XCTAssertEqual(report.checks.map(\.status), [.notRun], report.checks.first?.message ?? "")
            XCTAssertTrue(report.checks[0].message.contains("sends multicast"), report.checks[0].message)
            XCTAssertNotEqual(report.status, .passed)
            // In a private network the same lesson runs.
            let inside = try TestSupport.session(location).check(lesson, exercise: lesson.exerciseFile)
            XCTAssertNotEqual(inside.checks.map(\.status), [.notRun])
        }
    }
}

/// Whatever way a check program ends, none of its processes is left running.
final class LeftoverProcessTests: XCTestCase {
    private func processes(runningFrom folder: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"),
                  exe.hasPrefix(folder) else { return nil }
            return "\(pid) \(exe)"
        }
    }

    /// A double-forked setsid() daemon, started by the learner's code during a check that
    /// passes, ends with the run: the PID namespace's init (or the host fallback's
    /// subreaper) ends it.
    func testADaemonStartedByACheckDoesNotOutliveIt() throws {
        let check = """
            extension Harness {
                static let checks: [Check] = [Check("one", Text("one", ko: "하나")) { try expect(daemonize() == 1, Text("no", ko: "아니")) }]
            }
            """
        let exercise = """
            import Glibc
            func daemonize() -> Int {
                if fork() == 0 {
                    setsid()
                    if fork() == 0 {
                        for fd in 0..<1024 { close(Int32(fd)) }
                        while true { sleep(1) }
                    }
                    _exit(0)
                }
                var status: Int32 = 0
                wait(&status)
                return 1
            }
            // \(UUID())
            """
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: check, exercise: exercise)
        let cache = try TestSupport.temporaryFolder(self)
        for sandbox in [TestSupport.sandbox(), Sandbox.detect(environment: ["LEARN_NO_NAMESPACES": "1"])] {
            let session = CheckSession(sources: LessonSources(location: location),
                                       builder: ProgramBuilder(toolchain: try Toolchain.find(), cacheFolder: cache),
                                       sandbox: sandbox, language: .english)
            let report = try session.check(lesson, exercise: lesson.exerciseFile)
            XCTAssertEqual(report.checks.map(\.status), [.passed], "\(sandbox.mode): \(report.checks.first?.message ?? "")")
            XCTAssertEqual(processes(runningFrom: cache.path), [], "\(sandbox.mode)")
        }
    }

    func testAHangInEveryCheckLeavesNoProcessBehind() throws {
        let check = """
            extension Harness {
                static let checks: [Check] = [
                    Check("one", Text("one", ko: "하나")) { try expect(spin() == 1, Text("no", ko: "아니")) },
                    Check("two", Text("two", ko: "둘")) { try expect(spin() == 1, Text("no", ko: "아니")) },
                ]
            }
            """
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: check,
            exercise: "func spin() -> Int { while true {} } // \(UUID())\n")
        let cache = try TestSupport.temporaryFolder(self)
        for sandbox in [TestSupport.sandbox(), Sandbox.detect(environment: ["LEARN_NO_NAMESPACES": "1"])] {
            var session = CheckSession(sources: LessonSources(location: location),
                                       builder: ProgramBuilder(toolchain: try Toolchain.find(), cacheFolder: cache),
                                       sandbox: sandbox, language: .english)
            session.timeLimit = 1
            let report = try session.check(lesson, exercise: lesson.exerciseFile)
            XCTAssertTrue(report.checks.allSatisfy { $0.status == .failed })
            XCTAssertEqual(processes(runningFrom: cache.path), [], "\(sandbox.mode)")
        }
    }
}
