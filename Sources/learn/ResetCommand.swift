import ArgumentParser
import Foundation
import LearnKit

struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Restore a lesson's exercise file to its starter (or every lesson's, with --all).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The lesson whose exercise to restore.", completion: lessonCompletion)
    var lesson: String?

    @Flag(help: "Restore every exercise and forget every verdict.") var all = false
    @Flag(name: .shortAndLong, help: "Do not ask first.") var yes = false

    func validate() throws {
        if all == (lesson != nil) { throw ValidationError("give a lesson or --all") }
    }

    func run() throws {
        let app = try global.makeApp()
        let lessons = all ? app.course.lessons : [try app.lesson(named: lesson)]
        let shown = "exercises/\(lessons[0].exerciseFile.lastPathComponent)"
        // Ask only where someone can answer: on a terminal. Elsewhere --yes is required.
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else { throw LearnError.usage(app.words.needsYesOffTerminal) }
            print(all ? app.words.resetAllQuestion(lessons.count) : app.words.resetQuestion(shown), terminator: "")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" || answer == "예" || answer == "네" else {
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
