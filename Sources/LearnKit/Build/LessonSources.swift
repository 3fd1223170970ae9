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

    /// The learner's file (or any file with the exercise's functions) as a module, under the
    /// lesson's checks and the entry point.
    public func check(_ lesson: Lesson, exercise: URL) throws -> ProgramBuilder.Recipe {
        ProgramBuilder.Recipe(
            exercise: exercise, exerciseModule: Self.moduleName(lesson.id),
            program: [lesson.checkFile, location.lessonSupport.appendingPathComponent("Entry/CheckMain.swift")],
            harness: try harness(), courseRoot: location.root)
    }

    /// The exercise's functions (the reference solution, or the learner's own) under the demo.
    public func demo(_ lesson: Lesson, exercise: URL) throws -> ProgramBuilder.Recipe {
        ProgramBuilder.Recipe(exercise: exercise, exerciseModule: Self.moduleName(lesson.id), program: [lesson.demoFile],
                              harness: try harness(), courseRoot: location.root)
    }

    /// The learner module's name, as exercises/Package.swift names it for editors:
    /// "09-multicasting" -> "Exercise09Multicasting".
    static func moduleName(_ lessonID: String) -> String {
        let words = lessonID.split { !$0.isLetter && !$0.isNumber }
        return "Exercise" + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
