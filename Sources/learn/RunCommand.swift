import ArgumentParser
import Foundation
import LearnKit

struct RunCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "run", abstract: HelpContext.words.runAbstract) }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.runLessonHelp),
              completion: lessonCompletion)
    var lesson: String?

    @Flag(help: ArgumentHelp(HelpContext.words.runNoPagerHelp)) var noPager = false
    @Flag(help: ArgumentHelp(HelpContext.words.runNoDemoHelp)) var noDemo = false
    @Flag(help: ArgumentHelp(HelpContext.words.runDemoOnlyHelp)) var demoOnly = false

    func validate() throws {
        if noDemo && demoOnly { throw ValidationError(HelpContext.words.runNoDemoAndDemoOnly) }
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
        case .failedToBuild(let failure):
            throw LearnError.failure(app.words.demoFailed(failure.output))
        case .failed(let why):
            throw LearnError.failure(app.words.demoFailed(why))
        case .crashed(let signal):
            throw LearnError.failure(app.words.demoFailed(CrashReportFilter.signalName(signal)))
        case .notRun(let why):
            print(app.ansi.yellow(why))
        }
    }
}
