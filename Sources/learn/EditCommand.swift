import ArgumentParser
import Foundation
import LearnKit

struct EditCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "edit", abstract: HelpContext.words.editAbstract) }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.lessonDefaultCurrentHelp), completion: lessonCompletion)
    var lesson: String?

    func run() throws {
        let app = try global.makeApp()
        let lesson = try app.lesson(named: self.lesson)
        let path = lesson.exerciseFile.path
        let editor = [app.environment["VISUAL"], app.environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty }
        guard let editor else { throw LearnError.failure(app.words.noEditor("exercises/\(lesson.exerciseFile.lastPathComponent)")) }
        // Through the shell, as git does: EDITOR may hold arguments ("code --wait"). In the
        // terminal's foreground, so a terminal editor (vi, nano) can take the keyboard.
        let outcome = try ForegroundProgram.run(["/bin/sh", "-c", "\(editor) \"$1\"", editor, path],
                                                environment: app.environment)
        if outcome.status != 0 { throw LearnError.failure(app.words.editorFailed(editor, outcome.status)) }
    }
}
