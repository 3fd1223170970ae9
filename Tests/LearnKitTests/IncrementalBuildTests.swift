import XCTest
@testable import LearnKit

/// The build cache is right: a body edit compiles only the learner's file, an interface edit
/// rebuilds the check, reverted edits reuse what was built, two `learn` processes building at
/// once both get whole programs, interrupted builds leave nothing behind, compiles have a time
/// limit and a cap on their output, and cached errors follow a moved course.
final class IncrementalBuildTests: XCTestCase {
    private let checks = """
        extension Harness {
            static let checks: [Check] = [
                Check("adds", Text("add adds", ko: "add는 더한다")) {
                    try expect(add(2, 3) == 5, Text("add(2, 3) returned \\(add(2, 3))", ko: "add(2, 3)이 \\(add(2, 3))"))
                },
            ]
        }
        """
    private let correct = "func add(_ a: Int, _ b: Int) -> Int { a + b }\n"

    private func write(_ text: String, to file: URL) throws {
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    func testABodyEditCompilesOnlyTheLearnersFile() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: correct)
        let builder = try Self.freshBuilder(self)
        let session = Self.session(location, builder)
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .passed)
        let checkObjects = Self.products(builder, containing: "program.o")
        XCTAssertEqual(checkObjects.count, 1)

        // A real statement inside the body changes: the verdict follows it...
        try write("func add(_ a: Int, _ b: Int) -> Int {\n    let sum = a - b\n    return sum\n}\n", to: lesson.exerciseFile)
        let report = try session.check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.checks.map(\.status), [.failed])
        XCTAssertEqual(report.checks.first?.message, "add(2, 3) returned -1")
        // ...and the check was not compiled again: only the learner's object is new.
        XCTAssertEqual(Self.products(builder, containing: "program.o"), checkObjects)
        XCTAssertEqual(Self.products(builder, containing: "exercise.o").count, 2)
    }

    func testAnInterfaceEditRebuildsTheCheckAndRevertedEditsAreNotBuiltAgain() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: correct)
        let builder = try Self.freshBuilder(self)
        let session = Self.session(location, builder)
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .passed)

        // A new helper changes the learner module's interface: the check is compiled against it.
        let withHelper = "func twice(_ x: Int) -> Int { x * 2 }\nfunc add(_ a: Int, _ b: Int) -> Int { twice(a) - a + b }\n"
        try write(withHelper, to: lesson.exerciseFile)
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .passed)
        XCTAssertEqual(Self.products(builder, containing: "program.o").count, 2)

        // A changed signature: the check no longer compiles against it.
        try write("func add(a: Int, b: Int) -> Int { a + b }\n", to: lesson.exerciseFile)
        let mismatch = try session.check(lesson, exercise: lesson.exerciseFile)
        XCTAssertTrue(mismatch.contractMismatch, "\(mismatch.compileErrors)")
        XCTAssertTrue(mismatch.compileErrors.allSatisfy { $0.file.hasSuffix("check.swift") }, "\(mismatch.compileErrors)")

        // Reverting to either earlier version builds nothing: every product is still there.
        for (text, objects) in [(correct, 2), (withHelper, 2)] {
            try write(text, to: lesson.exerciseFile)
            let recipe = try LessonSources(location: location).check(lesson, exercise: lesson.exerciseFile)
            XCTAssertTrue(builder.isCached(recipe))
            guard case .built(_, let cached) = try builder.build(recipe) else { return XCTFail("no program") }
            XCTAssertTrue(cached)
            XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .passed)
            XCTAssertEqual(Self.products(builder, containing: "program.o").count, objects)
        }
    }

    func testTwoProcessesBuildingAtOnceBothGetWholePrograms() throws {
        // Two copies of the course with the same exercise share one fresh cache, so both
        // `learn check` processes build the same products at the same moment.
        let builder = try Self.freshBuilder(self)
        let copies = try [CourseCopy(self), CourseCopy(self)]
        let lesson = try XCTUnwrap(copies[0].lessons.first)
        for round in 0..<2 {
            let edit = "\n// round \(round)\nfunc unusedHelper\(round)() -> Int { \(round) }\n"
            for copy in copies {
                let target = try XCTUnwrap(copy.lessons.first)
                try write(try String(contentsOf: lesson.solutionFile, encoding: .utf8) + edit, to: target.exerciseFile)
            }
            let runs = Locked<[CourseCopy.Run]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let run = try? copies[index].learn(["check", lesson.id], environment: ["LEARN_CACHE": builder.cacheFolder.path])
                if let run { runs.update { $0.append(run) } }
            }
            XCTAssertEqual(runs.value.count, 2)
            for run in runs.value {
                XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
                XCTAssertTrue(run.stdout.contains(" passed, 0 failed"), run.stdout + run.stderr)
                XCTAssertFalse(run.stdout.contains("✗"), run.stdout)
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: builder.cacheFolder.path)
            .filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "private build folders left behind")
    }

    func testInterruptedBuildsAreRemovedByTheNextBuild() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: correct)
        let builder = try Self.freshBuilder(self)
        let dead = try XCTUnwrap(Self.endedPid())
        let manager = FileManager.default
        let abandoned = [".0123abcd.\(dead)", ".0123abcd-object.\(dead).5f3e", ".commands-1.json.\(dead).77"]
        let live = ".0123abcd.\(getppid()).aa"
        for name in abandoned + [live] {
            try manager.createDirectory(at: builder.cacheFolder.appendingPathComponent(name).appendingPathComponent("x"),
                                        withIntermediateDirectories: true)
        }
        XCTAssertEqual(try Self.session(location, builder).check(lesson, exercise: lesson.exerciseFile).status, .passed)
        let left = Set(try manager.contentsOfDirectory(atPath: builder.cacheFolder.path).filter { $0.hasPrefix(".") })
        XCTAssertEqual(left, [live], "only the folder of a process that still runs may stay")
    }

    func testTheCacheKeepsTheProductsInUseAndDropsTheOldestPastItsLimit() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: correct)
        let builder = try Self.freshBuilder(self)
        let session = Self.session(location, builder)
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .passed)
        let inUse = Set(try FileManager.default.contentsOfDirectory(atPath: builder.cacheFolder.path)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".json") && !$0.hasSuffix(".lock") })
        // Built two days ago; old products of earlier edits, used a day ago.
        for name in inUse {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)],
                                                  ofItemAtPath: builder.cacheFolder.appendingPathComponent(name).path)
        }
        let old = (0..<12).map { "0000\($0)" }
        for name in old {
            let folder = builder.cacheFolder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-86_400)], ofItemAtPath: folder.path)
        }
        // A check of the file built long ago marks its products used; the oldest go past the limit.
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .passed)
        builder.cache.tidy(limit: 8)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: builder.cacheFolder.path)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".json") && !$0.hasSuffix(".lock") })
        XCTAssertTrue(inUse.isSubset(of: left), "a product in use was removed: \(inUse.subtracting(left))")
        XCTAssertEqual(left.count, 6, "\(left)")
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .passed)
    }

    func testCompilesHaveATimeLimitAndATimedOutCompileIsTriedAgain() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: correct)
        var builder = try Self.freshBuilder(self)
        builder.stepTimeLimit = 0.001
        let recipe = try LessonSources(location: location).check(lesson, exercise: lesson.exerciseFile)
        guard case .failed(let failure) = try builder.build(recipe) else { return XCTFail("built within 1 ms") }
        XCTAssertEqual(failure.timedOut, 0.001)
        let report = try Self.session(location, builder).check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.status, .failed)
        XCTAssertTrue(report.problem?.contains("did not finish within 0.001 s") == true, report.problem ?? "")
        XCTAssertFalse(builder.isCached(recipe), "a compile stopped by the clock was kept as the answer")
        builder.stepTimeLimit = 60
        XCTAssertEqual(try Self.session(location, builder).check(lesson, exercise: lesson.exerciseFile).status, .passed)
    }

    func testCompileOutputIsCappedToTheFirstErrorsAndTheRestCounted() throws {
        let errors = (0..<35).map { "let bad\($0): Int = \"not a number\"\n" }.joined()
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: correct + errors)
        let report = try Self.session(location, try Self.freshBuilder(self)).check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.compileErrors.count, CompilerOutput.errorsKept)
        XCTAssertEqual(report.compileErrors.first?.line, 2)
        XCTAssertTrue(report.problem?.contains("15 more errors") == true, report.problem ?? "")
        let shown = Diagnostic.parse(report.compilerOutput ?? "").filter { $0.severity == .error }
        XCTAssertEqual(shown.count, CompilerOutput.errorsKept, "output past the kept errors")
    }

    func testCachedErrorsNameTheFilesWhereTheCourseIsNow() throws {
        // A changed signature: the errors are the check's, kept by the learner module's bytes.
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks,
                                                               exercise: "func add(a: Int, b: Int) -> Int { a + b }\n")
        let builder = try Self.freshBuilder(self)
        let first = try Self.session(location, builder).check(lesson, exercise: lesson.exerciseFile)
        XCTAssertTrue(first.contractMismatch)
        XCTAssertEqual(first.compileErrors.first?.file, lesson.checkFile.path)
        let kept = Self.products(builder, containing: "errors.txt")
        XCTAssertEqual(kept.count, 1)

        let moved = try TestSupport.temporaryFolder(self).appendingPathComponent("moved")
        try FileManager.default.copyItem(at: location.root, to: moved)
        let movedLocation = CourseLocation(root: moved)
        let movedLesson = try Course(location: movedLocation).lessons[0]
        let again = try Self.session(movedLocation, builder).check(movedLesson, exercise: movedLesson.exerciseFile)
        XCTAssertEqual(Self.products(builder, containing: "errors.txt"), kept, "the check was compiled again")
        XCTAssertTrue(again.contractMismatch)
        XCTAssertEqual(again.compileErrors.first?.file, movedLesson.checkFile.path)
        XCTAssertFalse(again.compilerOutput?.contains(location.root.path) ?? true, again.compilerOutput ?? "")

        // A collision's note points at the learner's file where it is now, too.
        let collision = "func add(_ a: Int, _ b: Int) -> Int { a + b }\nenum Harness {}\n"
        for (place, course) in [(location, lesson), (movedLocation, movedLesson)] {
            try write(collision, to: course.exerciseFile)
            let report = try Self.session(place, builder).check(course, exercise: course.exerciseFile)
            XCTAssertEqual(report.compileErrors.first?.file, course.exerciseFile.path, report.compilerOutput ?? "")
            XCTAssertEqual(report.compileErrors.first?.line, 2)
        }
    }

    func testWithoutTheLearnedCommandsTheDriverBuildsTheSameWay() throws {
        // Where the driver's jobs do not look as expected, every step goes through swiftc.
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: checks, exercise: correct)
        var builder = try Self.freshBuilder(self)
        builder.startsFrontendDirectly = false
        let session = Self.session(location, builder)
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .passed)
        try write("func add(_ a: Int, _ b: Int) -> Int { a * b }\n", to: lesson.exerciseFile)
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).checks.first?.message, "add(2, 3) returned 6")
        XCTAssertEqual(Self.products(builder, containing: "program.o").count, 1)
        try write(correct + "enum Harness {}\n", to: lesson.exerciseFile)
        let collision = try session.check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(collision.compileErrors.first?.line, 2, collision.compilerOutput ?? "")
        let names = try FileManager.default.contentsOfDirectory(atPath: builder.cacheFolder.path)
        XCTAssertFalse(names.contains { $0.hasPrefix("commands-") }, "the driver's jobs were asked for: \(names)")
    }

    func testTheDriversJobsAreReadAsTheShellWouldSplitThem() {
        XCTAssertEqual(ShellWords.split("a 'b c' \"d\\\"e\" f\\ g  h"), ["a", "b c", "d\"e", "f g", "h"])
        XCTAssertNil(ShellWords.split("a 'b"))
        let commands = CompilerCommands.learn(try! Toolchain.find())
        XCTAssertEqual(commands?.frontend.dropFirst().first, "-frontend")
        XCTAssertEqual(commands?.linkCommand(objects: ["x.o", "y.o"], autolinkFile: "al", libraryFolder: "/lib", library: "L",
                                             output: "out").filter { ["x.o", "y.o", "@al", "/lib", "-lL", "out"].contains($0) },
                       ["x.o", "y.o", "@al", "/lib", "-lL", "out"])
    }

    // MARK: Helpers

    /// A builder on an empty cache of its own, but for the harness library, copied from the
    /// tests' shared cache (built there once).
    static func freshBuilder(_ test: XCTestCase) throws -> ProgramBuilder {
        let shared = try TestSupport.builder()
        let harness = try LessonSources(location: TestSupport.location).harness()
        if let failure = try shared.buildLibrary(harness) { XCTFail(failure.output) }
        let folder = try TestSupport.temporaryFolder(test).appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = try shared.libraryKey(harness)
        try FileManager.default.copyItem(at: shared.cacheFolder.appendingPathComponent(key), to: folder.appendingPathComponent(key))
        return ProgramBuilder(toolchain: shared.toolchain, cacheFolder: folder)
    }

    static func session(_ location: CourseLocation, _ builder: ProgramBuilder) -> CheckSession {
        CheckSession(sources: LessonSources(location: location), builder: builder, sandbox: TestSupport.sandbox(),
                     language: .english)
    }

    /// The cache's products that hold `file`.
    static func products(_ builder: ProgramBuilder, containing file: String) -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: builder.cacheFolder.path)) ?? []
        return Set(names.filter { !$0.hasPrefix(".") && builder.cache.has($0, file) })
    }

    /// A pid that does not run now.
    static func endedPid() -> pid_t? {
        (30_000..<4_000_000).lazy.map { pid_t($0) }.first { kill($0, 0) != 0 && errno == ESRCH }
    }
}

/// A value shared between threads of a test (@unchecked: every access is under `lock`).
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ change: (inout Value) -> Void) { lock.lock(); change(&stored); lock.unlock() }
}
