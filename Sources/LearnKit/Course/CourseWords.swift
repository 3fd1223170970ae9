import Foundation

/// The course's own words, kept beside its lessons so the engine can run another course:
/// `lessons/course.<language>.md`, one file a language. The file opens with a front matter
/// of `key: value` lines between two `---` lines (as Jekyll and Hugo pages do), and the
/// Markdown after it is the welcome:
///
///     ---
///     title: Databases in Swift            (the list's heading)
///     abstract: A course in SQL with…        (the first line of `learn --help`)
///     closing: You have written…             (after the last lesson passes)
///     ---
///     # Welcome to databases in Swift
///     …
///
/// A key missing in one language is taken from English; a course with no file at all gets
/// the engine's neutral words.
public struct CourseWords: Sendable, Equatable {
    public var title: String
    public var abstract: String
    public var closing: String
    /// Markdown, rendered like a lesson; the engine adds how its commands fit together.
    public var welcome: String

    public static func file(in lessonsFolder: URL, _ language: Language) -> URL {
        lessonsFolder.appendingPathComponent("course.\(language.code).md")
    }

    /// The words in `language`, completed from English, then from the engine's defaults.
    public static func load(from lessonsFolder: URL, language: Language) -> CourseWords {
        let neutral = Words(language)
        var fields: [String: String] = [:]
        for candidate in language == .english ? [Language.english] : [language, .english] {
            guard let text = try? String(contentsOf: file(in: lessonsFolder, candidate), encoding: .utf8) else { continue }
            fields.merge(parse(text)) { mine, _ in mine }
        }
        return CourseWords(title: fields["title"] ?? neutral.untitledCourse,
                           abstract: fields["abstract"] ?? neutral.untitledAbstract,
                           closing: fields["closing"] ?? "",
                           welcome: fields["welcome"] ?? "")
    }

    /// The front matter's keys, and the body under the key "welcome". Empty values are left out,
    /// so they fall back like missing ones.
    static func parse(_ text: String) -> [String: String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields: [String: String] = [:]
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
           let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) {
            for line in lines[1..<end] {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if !key.isEmpty && !value.isEmpty { fields[key] = value }
            }
            lines.removeSubrange(0...end)
        }
        let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !body.isEmpty { fields["welcome"] = body }
        return fields
    }
}
