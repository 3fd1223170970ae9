import ArgumentParser
import LearnKit

struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint", abstract: "Show the next hint for a lesson, one more each time.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The lesson (default: the current one).", completion: lessonCompletion)
    var lesson: String?

    @Flag(help: "Show every hint.") var all = false

    func run() throws {
        let app = global.makeApp()
        let lesson = app.lesson(named: self.lesson)
        let hints = lesson.hints(app.language)
        guard !hints.isEmpty else { print(app.words.noHints); return }
        let shown = app.state[lesson: lesson.id].hintsShown
        let range: ClosedRange<Int> = all ? 1...hints.count : min(shown + 1, hints.count)...min(shown + 1, hints.count)
        let renderer = app.renderer()
        for number in range {
            print(app.ansi.bold(app.ansi.yellow(app.words.hintHeading(number, of: hints.count))))
            print(renderer.render(hints[number - 1]), terminator: "")
        }
        if !all {
            app.updateState { $0[lesson: lesson.id].hintsShown = min(shown + 1, hints.count) }
            if shown + 1 >= hints.count { print(app.ansi.dim(app.words.allHintsShown)) }
        }
    }
}
