import Foundation

/// Which files make a lesson's check program and its demo program.
public struct LessonSources: Sendable {
    public let location: CourseLocation

    public init(location: CourseLocation) { self.location = location }

    /// The harness every lesson program is linked with (Sources/LessonSupport/*.swift).
    public func harness() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: location.lessonSupport, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The learner's file (or any file with the exercise's functions) + the lesson's checks.
    public func check(_ lesson: Lesson, exercise: URL) throws -> ProgramBuilder.Recipe {
        ProgramBuilder.Recipe(
            sources: [exercise, lesson.checkFile, location.lessonSupport.appendingPathComponent("Entry/CheckMain.swift")],
            harness: try harness())
    }

    /// The exercise's functions (the reference solution, or the learner's own) + the demo.
    public func demo(_ lesson: Lesson, exercise: URL) throws -> ProgramBuilder.Recipe {
        ProgramBuilder.Recipe(sources: [exercise, lesson.demoFile], harness: try harness())
    }
}
