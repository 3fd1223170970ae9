import ArgumentParser
import Foundation
import LearnKit

struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Restore a lesson's exercise file to its starter.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The lesson whose exercise to restore.", completion: lessonCompletion)
    var lesson: String

    @Flag(name: .shortAndLong, help: "Do not ask first.") var yes = false

    func run() throws {
        let app = global.makeApp()
        let lesson = app.lesson(named: self.lesson)
        let shown = "exercises/\(lesson.exerciseFile.lastPathComponent)"
        // Ask only where someone can answer: on a terminal. Elsewhere --yes is required.
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                fail(app.language == .korean ? "터미널이 아니므로 --yes가 필요합니다" : "not a terminal: add --yes to reset")
            }
            print(app.words.resetQuestion(shown), terminator: "")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" || answer == "예" || answer == "네" else {
                print(app.words.resetCancelled)
                return
            }
        }
        let starter = try Data(contentsOf: lesson.starterFile)
        try FileManager.default.createDirectory(at: lesson.exerciseFile.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try starter.write(to: lesson.exerciseFile, options: .atomic)
        app.updateState { state in
            state[lesson: lesson.id].verdict = nil
            state[lesson: lesson.id].notRun = 0
        }
        print(app.words.resetDone(shown))
    }
}
