import Foundation
import LearnKit

/// What the help and the parser's messages are written in, found once before parsing: the
/// language (`--lang` anywhere on the command line, else LEARN_LANG, then the locale) and the
/// course's own words (its title and abstract), read from lessons/ when the course is found.
struct HelpContext: Sendable {
    let language: Language
    let words: Words
    let course: CourseWords
    /// The course's version from lessons/course.txt, when the course is found and names one.
    let courseVersion: String?

    init(arguments: [String], environment: [String: String]) {
        let flag = Language.flag(in: arguments).flatMap { Language(code: $0) == nil ? nil : $0 }
        language = Language.resolve(flag: flag, environment: environment)
        words = Words(language)
        let location = try? CourseLocation.find(environment: environment)
        course = CourseWords.load(from: location?.lessonsFolder ?? URL(fileURLWithPath: "/nonexistent"), language: language)
        courseVersion = location.flatMap { try? Course(location: $0) }?.version
    }

    /// `learn --version`: the engine's, then the course's.
    var version: String {
        let engine = "learn \(Engine.version)"
        guard let courseVersion else { return engine }
        return engine + "\n" + words.courseVersion(course.title, courseVersion)
    }

    static let current = HelpContext(arguments: Array(CommandLine.arguments.dropFirst()),
                                     environment: ProcessInfo.processInfo.environment)
}

extension HelpContext {
    /// `run <id>` when `word` names a lesson (`learn 09` was most likely `learn run 09`).
    static func lessonCommand(_ word: String) -> String? {
        guard let location = try? CourseLocation.find(), let course = try? Course(location: location),
              let lesson = try? course.lesson(named: word) else { return nil }
        return "run \(lesson.id)"
    }

    /// The engine's words in the language of this command line, for help and validation.
    static var words: Words { current.words }
}
