import Foundation
import XCTest
@testable import LearnKit

/// Paths and helpers shared by the engine's tests.
enum TestSupport {
    /// The repository this test file belongs to.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// One build cache for every test, so the same sources compile once per run. LEARN_TEST_CACHE
    /// moves it (scripts/test's second run as an unprivileged user, who cannot write here).
    static let cache: URL = {
        let folder = ProcessInfo.processInfo.environment["LEARN_TEST_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? repository.appendingPathComponent(".build-learn/test-programs")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    static var location: CourseLocation { CourseLocation(root: repository) }

    static func builder() throws -> ProgramBuilder {
        ProgramBuilder(toolchain: try Toolchain.find(), cacheFolder: cache)
    }

    /// Tests always use the private network: a machine where it cannot be made fails them.
    static func sandbox() -> Sandbox {
        Sandbox.detect(environment: ProcessInfo.processInfo.environment.filter { $0.key != "LEARN_NO_NAMESPACES" })
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// A throwaway course with one lesson whose check.swift and exercise are given, plus the
    /// real harness: what the runner tests grade.
    static func fixtureCourse(_ test: XCTestCase, check: String, exercise: String, demo: String? = nil,
                              needs: String = "") throws -> (CourseLocation, Lesson) {
        let root = try temporaryFolder(test)
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        try manager.copyItem(at: location.lessonSupport, to: root.appendingPathComponent("Sources/LessonSupport"))
        let folder = root.appendingPathComponent("lessons/01-fixture")
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        try manager.createDirectory(at: root.appendingPathComponent("exercises"), withIntermediateDirectories: true)
        try "01-fixture \(needs)\n".write(to: root.appendingPathComponent("lessons/course.txt"), atomically: true, encoding: .utf8)
        try "# Fixture\n".write(to: folder.appendingPathComponent("en.md"), atomically: true, encoding: .utf8)
        try check.write(to: folder.appendingPathComponent("check.swift"), atomically: true, encoding: .utf8)
        if let demo { try demo.write(to: folder.appendingPathComponent("demo.swift"), atomically: true, encoding: .utf8) }
        try exercise.write(to: root.appendingPathComponent("exercises/01-fixture.swift"), atomically: true, encoding: .utf8)
        let course = CourseLocation(root: root)
        return (course, try Course(location: course).lessons[0])
    }

    static func session(_ location: CourseLocation, language: Language = .english, sandbox: Sandbox? = nil) throws -> CheckSession {
        CheckSession(sources: LessonSources(location: location), builder: try builder(),
                     sandbox: sandbox ?? self.sandbox(), language: language)
    }
}
