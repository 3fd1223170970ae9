import ArgumentParser
import Foundation
import LearnKit

struct TryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "try", abstract: "Run a lesson's demo on your own functions instead of the reference solution's.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The lesson (default: the current one).", completion: lessonCompletion)
    var lesson: String?

    func run() throws {
        let app = global.makeApp()
        let lesson = app.lesson(named: self.lesson)
        let ansi = app.ansi
        guard FileManager.default.fileExists(atPath: lesson.exerciseFile.path) else {
            fail(app.words.exerciseMissing(lesson.id))
        }
        let runner = DemoRunner(sources: app.sources, builder: try app.builder(), sandbox: app.sandbox,
                                language: app.language)
        print(ansi.bold(ansi.cyan("── \(app.words.tryHeading): \(lesson.title(app.language)) ──")))
        if runner.willCompile(lesson, exercise: lesson.exerciseFile) { printError(ansi.dim(app.words.buildingFirstTime)) }
        RunningChildren.shared.installSignalHandlers()
        fflush(stdout)
        let result = try runner.run(lesson, exercise: lesson.exerciseFile) { stream, bytes in
            (stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError).write(Data(bytes))
        }
        switch result {
        case .finished:
            break
        case .failedToBuild(let output):
            // As `learn check` shows them: the errors in the learner's file, with file:line:col.
            let errors = Diagnostic.parse(output).filter { $0.severity == .error }
            var lines = [ansi.red(app.words.compileFailed)]
            let root = app.course.location.root.path + "/"
            for error in errors {
                let file = error.file.hasPrefix(root) ? String(error.file.dropFirst(root.count)) : error.file
                lines.append("  " + ansi.bold("\(file):\(error.line):\(error.column)") + ": " + error.message)
            }
            if errors.isEmpty { lines.append(output) }
            print(lines.joined(separator: "\n"))
            throw ExitCode(1)
        case .failed(let why):
            fail(app.words.tryFailed(why, lesson.id))
        }
    }
}
