import Foundation

/// The course: its lessons in the order of lessons/course.txt.
///
/// The manifest has one lesson a line: its folder name, then what it needs, e.g.
///     09-multicasting
///     11-ttl            lab=router
///     15-ftp-client     server=ftp
/// `#` starts a comment. Adding a lesson is adding its folder and its line; no engine change.
/// One line `version 1.0.0` names the course's version (`learn --version` shows it), so
/// no lesson may be called `version`. The course's title and welcome are in `CourseWords`.
public struct Course: Sendable {
    public let location: CourseLocation
    public let lessons: [Lesson]
    /// The course's version from its manifest, nil when it names none.
    public let version: String?

    public struct ManifestError: Error, CustomStringConvertible {
        public enum Problem: Sendable, Equatable {
            case unknownRequirement(String)
            case listedTwice(String)
            case badVersionLine
        }
        public let line: Int
        public let problem: Problem
        public var description: String { Words(.english).manifestError(self) }
    }

    public init(location: CourseLocation) throws {
        self.location = location
        let text = try String(contentsOf: location.manifest, encoding: .utf8)
        (lessons, version) = try Course.parse(text, location: location)
    }

    init(location: CourseLocation, lessons: [Lesson], version: String? = nil) {
        self.location = location
        self.lessons = lessons
        self.version = version
    }

    /// The course's own words (title, abstract, welcome, closing) in `language`.
    public func words(_ language: Language) -> CourseWords {
        CourseWords.load(from: location.lessonsFolder, language: language)
    }

    static func parse(_ text: String, location: CourseLocation) throws -> (lessons: [Lesson], version: String?) {
        var lessons: [Lesson] = []
        var version: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let id = words.first else { continue }
            if id == "version" {
                guard words.count == 2, version == nil else {
                    throw ManifestError(line: index + 1, problem: .badVersionLine)
                }
                version = words[1]
                continue
            }
            var requirements: [Lesson.Requirement] = []
            for word in words.dropFirst() {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                switch (parts.first, parts.count) {
                case ("lab", 2): requirements.append(.lab(parts[1]))
                case ("server", 2): requirements.append(.server(parts[1]))
                case ("sends", 2):
                    let kinds = parts[1].split(separator: ",").map(String.init)
                    guard !kinds.isEmpty, kinds.allSatisfy(["multicast", "broadcast"].contains) else {
                        throw ManifestError(line: index + 1, problem: .unknownRequirement(word))
                    }
                    requirements.append(.sends(kinds))
                default: throw ManifestError(line: index + 1, problem: .unknownRequirement(word))
                }
            }
            if lessons.contains(where: { $0.id == id }) {
                throw ManifestError(line: index + 1, problem: .listedTwice(id))
            }
            lessons.append(Lesson(id: id, requirements: requirements,
                                  folder: location.lessonsFolder.appendingPathComponent(id),
                                  exerciseFile: location.exercisesFolder.appendingPathComponent("\(id).swift")))
        }
        return (lessons, version)
    }

    public func index(of lesson: Lesson) -> Int? { lessons.firstIndex(of: lesson) }

    public func lesson(after lesson: Lesson) -> Lesson? {
        guard let index = index(of: lesson), index + 1 < lessons.count else { return nil }
        return lessons[index + 1]
    }
}
