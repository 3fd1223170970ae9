import Foundation

/// One lesson: a folder under lessons/ that owns its text, demo, check, solution, starter and hints.
public struct Lesson: Equatable, Sendable {
    /// The folder name, e.g. "09-multicasting".
    public let id: String
    /// What its demo and checks need beyond loopback (a lab topology, a server).
    public let requirements: [Requirement]
    public let folder: URL
    public let exerciseFile: URL

    public enum Requirement: Equatable, Sendable {
        case lab(String)
        case server(String)
        /// `sends=multicast` / `sends=broadcast` (comma-separated): the learner's code sends
        /// these, so it runs only in a private network (never in the host fallback).
        case sends([String])
    }

    /// 9 for "09-multicasting".
    public var number: Int? { Int(id.prefix { $0.isNumber }) }
    /// "multicasting" for "09-multicasting".
    public var slug: String {
        let digits = id.prefix { $0.isNumber }
        return String(id.dropFirst(digits.count).drop { $0 == "-" })
    }

    public func textFile(_ language: Language) -> URL { folder.appendingPathComponent("\(language.code).md") }
    public func hintsFile(_ language: Language) -> URL { folder.appendingPathComponent("hints.\(language.code).md") }
    public var starterFile: URL { folder.appendingPathComponent("starter.swift") }
    public var solutionFile: URL { folder.appendingPathComponent("solution.swift") }
    public var checkFile: URL { folder.appendingPathComponent("check.swift") }
    public var demoFile: URL { folder.appendingPathComponent("demo.swift") }

    /// The lesson text in `language`, English where that translation is missing.
    public func text(_ language: Language) throws -> String {
        let file = FileManager.default.fileExists(atPath: textFile(language).path) ? textFile(language) : textFile(.english)
        return try String(contentsOf: file, encoding: .utf8)
    }

    /// The title: the first line of the lesson text, without its `#`.
    public func title(_ language: Language) -> String {
        guard let text = try? text(language) else { return id }
        // Only the first line matters: splitting a whole lesson into lines costs more than
        // `learn list` may take.
        let utf8 = text.utf8.drop { $0 == UInt8(ascii: "\n") }
        let end = utf8.firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        let first = Substring(utf8[utf8.startIndex..<end])
        let title = first.drop { $0 == "#" || $0 == " " }.trimmingCharacters(in: .whitespaces)
        return title.isEmpty ? id : title
    }

    /// The hints in order; a line holding only `---` separates them.
    public func hints(_ language: Language) -> [String] {
        let file = FileManager.default.fileExists(atPath: hintsFile(language).path) ? hintsFile(language) : hintsFile(.english)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        var hints: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == "---" {
                hints.append(current.joined(separator: "\n"))
                current = []
            } else {
                current.append(line)
            }
        }
        hints.append(current.joined(separator: "\n"))
        return hints.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
