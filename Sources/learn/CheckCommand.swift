import ArgumentParser
import Foundation
import HostProcess
import LearnKit

struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "check", abstract: HelpContext.words.checkAbstract) }

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.checkLessonHelp), completion: lessonCompletion)
    var lesson: String?

    @Flag(help: ArgumentHelp(HelpContext.words.checkAllHelp)) var all = false
    @Flag(name: .shortAndLong, help: ArgumentHelp(HelpContext.words.checkVerboseHelp)) var verbose = false
    @Option(help: ArgumentHelp(HelpContext.words.checkFormatHelp)) var format: Format = .text
    @Option(help: ArgumentHelp(HelpContext.words.timeoutHelp, valueName: "seconds")) var timeout = Seconds(10)

    func validate() throws {
        if all && lesson != nil { throw ValidationError(HelpContext.words.checkLessonOrAll) }
    }

    func run() throws {
        let app = try global.makeApp()
        let lessons = all ? app.course.lessons : [try app.lesson(named: lesson)]
        var session = CheckSession(sources: app.sources, builder: try app.builder(), sandbox: app.sandbox,
                                   language: app.language)
        session.timeLimit = timeout.value
        session.notRunFails = app.isCI
        StopSignals.install()
        let view = CheckReportView(app: app, verbose: verbose)
        var reports: [CheckReport] = []
        for lesson in lessons {
            if let problem = TextFile.problem(at: lesson.exerciseFile.path) {
                throw LearnError.failure(app.words.exerciseUnreadable(lesson.id, problem))
            }
        }
        func show(_ lesson: Lesson, _ report: CheckReport) {
            let firstPass = app.record(report)
            reports.append(report)
            guard format == .text else { return }
            print(view.render(report, exercise: lesson.exerciseFile), terminator: "")
            if !all { print(view.nextStep(report, lesson: lesson, firstPass: firstPass), terminator: "") }
            if all { print("") }
        }
        func heading(_ lesson: Lesson) {
            print(app.ansi.bold(app.words.checking("\(lesson.id) — \(lesson.title(app.language))")))
        }
        if all {
            // Every lesson at once, one per core; the reports come back in the course's order.
            try ParallelChecks(session: session).run(lessons, exercise: { $0.exerciseFile }) { lesson, report in
                if format == .text { heading(lesson) }
                show(lesson, report)
            }
        } else {
            for lesson in lessons {
                if format == .text {
                    heading(lesson)
                    if session.willCompile(lesson, exercise: lesson.exerciseFile) {
                        printError(app.ansi.dim(app.words.buildingFirstTime))
                    }
                }
                show(lesson, try session.check(lesson, exercise: lesson.exerciseFile))
            }
        }
        if format == .json {
            let titles = Dictionary(uniqueKeysWithValues: lessons.map { ($0.id, $0.title(app.language)) })
            print(CheckResultsJSON(reports, title: { titles[$0] ?? $0 }).text)
        }
        if all && format == .text {
            print(app.words.checkAllSummary(passed: reports.filter { $0.status == .passed }.count,
                                            failing: reports.filter { $0.status == .failed }.count,
                                            incomplete: reports.filter { $0.status == .incomplete }.count))
        }
        // Incomplete is not a failure of the learner's code (CI turns it into one in the session).
        if reports.contains(where: { $0.status == .failed }) { throw ExitCode(1) }
    }
}
