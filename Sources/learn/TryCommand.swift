import ArgumentParser
import Foundation
import LearnKit

struct TryCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "try", abstract: HelpContext.words.tryAbstract) }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.lessonDefaultCurrentHelp), completion: lessonCompletion)
    var lesson: String?

    func run() throws {
        let app = try global.makeApp()
        let lesson = try app.lesson(named: self.lesson)
        let ansi = app.ansi
        if let problem = TextFile.problem(at: lesson.exerciseFile.path) {
            throw LearnError.failure(app.words.exerciseUnreadable(lesson.id, problem))
        }
        let crashReport = CrashReportFilter { FileHandle.standardError.write(Data($0)) }
        let result = try DemoPresenter(app: app).run(lesson, exercise: lesson.exerciseFile, heading: app.words.tryHeading,
                                                     crashReport: crashReport)
        switch result {
        case .finished:
            break
        case .failedToBuild(let failure):
            // As `learn check` shows them: the errors in the learner's file, with file:line:col.
            let errors = failure.errors(in: lesson.exerciseFile, words: app.words)
            var lines = [ansi.red(app.words.compileFailed)]
            lines.append(contentsOf: CheckReportView(app: app, verbose: false).compileErrorLines(errors))
            if let limit = failure.timedOut {
                lines.append(app.words.compileTimedOut(String(Int(limit))))
            } else if errors.isEmpty {
                lines.append(failure.output)
            } else if failure.omittedErrors > 0 {
                lines.append(app.words.moreCompileErrors(failure.omittedErrors))
            }
            print(lines.joined(separator: "\n"))
            throw ExitCode(1)
        case .failed(let why):
            throw LearnError.failure(app.words.tryFailed(why, lesson.id))
        case .crashed(let signal):
            // As `learn check` tells it: the signal and the runtime's fatal error, no stack trace.
            var why = app.words.codeCrashed(CrashReportFilter.signalName(signal))
            if let fatal = crashReport.fatalError { why += " " + fatal }
            throw LearnError.failure(app.words.tryCrashed(why, lesson.id))
        case .notRun(let why):
            print(app.ansi.yellow(why))
        }
    }
}
