import ArgumentParser
import LearnKit

struct HintCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "hint", abstract: HelpContext.words.hintAbstract) }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.lessonDefaultCurrentHelp), completion: lessonCompletion)
    var lesson: String?

    @Flag(help: ArgumentHelp(HelpContext.words.hintAllHelp)) var all = false

    func run() throws {
        let app = try global.makeApp()
        let lesson = try app.lesson(named: self.lesson)
        let hints = lesson.hints(app.language)
        guard !hints.isEmpty else { print(app.words.noHints); return }
        if all {
            // Every hint can be longer than a screen: through the pager, as lessons are.
            let renderer = app.renderer()
            var text = ""
            for number in 1...hints.count {
                text += app.ansi.bold(app.ansi.yellow(app.words.hintHeading(number, of: hints.count))) + "\n"
                text += renderer.render(hints[number - 1])
            }
            Pager(enabled: true, terminal: app.terminal).show(text)
            return
        }
        // Counted as seen under the progress lock: a `learn hint` in another terminal counts too.
        guard let hint = app.nextHint(lesson) else { return }
        print(app.ansi.bold(app.ansi.yellow(app.words.hintHeading(hint.number, of: hint.total))))
        print(app.renderer().render(hint.text), terminator: "")
        if hint.number >= hint.total { print(app.ansi.dim(app.words.allHintsShown)) }
    }
}
