import ArgumentParser
import Foundation
import LearnKit

struct ResetCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "reset", abstract: HelpContext.words.resetAbstract) }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.resetLessonHelp), completion: lessonCompletion)
    var lesson: String?

    @Flag(help: ArgumentHelp(HelpContext.words.resetAllHelp)) var all = false
    @Flag(name: .shortAndLong, help: ArgumentHelp(HelpContext.words.resetYesHelp)) var yes = false

    func validate() throws {
        if all == (lesson != nil) { throw ValidationError(HelpContext.words.resetLessonOrAll) }
    }

    func run() throws {
        let app = try global.makeApp()
        let lessons = all ? app.course.lessons : [try app.lesson(named: lesson)]
        let shown = "exercises/\(lessons[0].exerciseFile.lastPathComponent)"
        // Ask only where someone can answer: on a terminal. Elsewhere --yes is required.
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else { throw LearnError.usage(app.words.needsYesOffTerminal) }
            print(all ? app.words.resetAllQuestion(lessons.count) : app.words.resetQuestion(shown), terminator: "")
            let answer = readLine() ?? ""
            guard Confirmation.isYes(answer) else {
                print(app.words.resetCancelled)
                return
            }
        }
        for lesson in lessons { try app.resetExercise(lesson) }
        if all {
            app.updateState { state in
                for lesson in lessons { state[lesson: lesson.id] = .init() }
                state.current = nil
            }
            print(app.words.resetAllDone(lessons.count))
        } else {
            print(app.words.resetDone(shown))
        }
    }
}
