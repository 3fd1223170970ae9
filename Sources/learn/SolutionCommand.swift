import ArgumentParser
import Foundation
import LearnKit

struct SolutionCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "solution", abstract: HelpContext.words.solutionAbstract) }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.lessonDefaultCurrentHelp), completion: lessonCompletion)
    var lesson: String?

    @Flag(help: ArgumentHelp(HelpContext.words.solutionForceHelp)) var force = false
    @Flag(help: ArgumentHelp(HelpContext.words.noPagerHelp)) var noPager = false

    func run() throws {
        let app = try global.makeApp()
        let lesson = try app.lesson(named: self.lesson)
        // Refused before the lesson passes: reading the answer first takes away the exercise.
        // Once it has passed, it stays open, even when the file breaks again.
        guard force || app.state[lesson: lesson.id].solvedOnce else {
            throw LearnError.failure(app.words.solutionLocked(lesson.id))
        }
        let code = try String(contentsOf: lesson.solutionFile, encoding: .utf8)
        let fence = code.contains("```") ? "~~~~" : "```"
        let markdown = "# \(app.words.solutionHeading(lesson.id))\n\n\(fence)swift\n\(code)\n\(fence)\n"
        Pager(enabled: !noPager, terminal: app.terminal).show(app.renderer().render(markdown))
    }
}
