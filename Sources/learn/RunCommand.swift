import ArgumentParser
import Foundation
import LearnKit

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Read a lesson, then watch its demo run.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The lesson: its id (09-multicasting), number (9) or a prefix of its name (multi).",
              completion: lessonCompletion)
    var lesson: String?

    @Flag(help: "Print the lesson without a pager.") var noPager = false
    @Flag(help: "Show the lesson only.") var noDemo = false
    @Flag(help: "Run the demo only.") var demoOnly = false

    func validate() throws {
        if noDemo && demoOnly { throw ValidationError("--no-demo and --demo-only exclude each other") }
    }

    func run() throws {
        let app = try global.makeApp()
        let lesson = try app.lesson(named: self.lesson)
        app.updateState { $0.current = lesson.id }
        if !demoOnly {
            let text = try lesson.text(app.language)
            Pager(enabled: !noPager, terminal: app.terminal).show(app.renderer().render(text))
        }
        if !noDemo {
            try runDemo(app, lesson)
        }
    }

    private func runDemo(_ app: LearnApp, _ lesson: Lesson) throws {
        let result = try DemoPresenter(app: app).run(lesson, exercise: lesson.solutionFile, heading: app.words.demoHeading)
        switch result {
        case .finished:
            break
        case .failedToBuild(let output):
            throw LearnError.failure(app.words.demoFailed(output))
        case .failed(let why):
            throw LearnError.failure(app.words.demoFailed(why))
        }
    }
}
