import ArgumentParser
import Foundation
import LearnKit

extension TerminalInfo.ColorChoice: ExpressibleByArgument {}

/// Options every command takes: the language and colour.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(HelpContext.words.langHelp))
    var lang: String?

    @Option(name: .long, help: ArgumentHelp(HelpContext.words.colorHelp))
    var color: TerminalInfo.ColorChoice = .auto

    /// The engine's words in the chosen language, for commands that need no course (the lab).
    var words: Words { Words(Language.resolve(flag: lang)) }

    func validate() throws {
        if let lang, Language(code: lang) == nil {
            throw ValidationError(HelpContext.words.langInvalid)
        }
    }

    func makeApp() throws -> LearnApp {
        try LearnApp(languageFlag: lang, color: color)
    }
}

/// Completes lesson ids in shell completions.
let lessonCompletion = CompletionKind.custom { _, _, _ in
    guard let location = try? CourseLocation.find(), let course = try? Course(location: location) else { return [] }
    return course.lessons.map(\.id)
}
