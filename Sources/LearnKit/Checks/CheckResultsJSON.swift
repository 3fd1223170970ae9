import Foundation

/// `learn check --format json`: one shape with or without `--all`, for editors, CI and
/// teachers' scripts. Schema version 1 (README, "Check results as JSON"):
///
///     {"version": 1,
///      "lessons": [{"id", "title", "status": "passed" | "failed" | "incomplete", "message",
///                   "compile_errors": [{"file", "line", "column", "message"}],
///                   "checks": [{"id", "name", "status": "passed" | "failed" | "not-run",
///                               "message", "output"}]}]}
///
/// Field names are those of exercism's test-runner results (version, status, message, name,
/// output) where they mean the same; `message` of a lesson is null unless the check program
/// could not give every check a result (the compiler's output, a crash, the time limit), as
/// exercism's top-level message is. Every key is always present, so a reader needs no guess.
public struct CheckResultsJSON: Encodable {
    /// The schema's version: raised when a field changes meaning or goes away.
    public static let schemaVersion = 1

    public struct LessonResult: Encodable {
        public var id: String
        public var title: String
        public var status: String
        public var message: String?
        public var compileErrors: [CompileError]
        public var checks: [CheckResult]

        enum CodingKeys: String, CodingKey {
            case id, title, status, message, checks
            case compileErrors = "compile_errors"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(status, forKey: .status)
            try container.encode(message, forKey: .message) // null, not left out
            try container.encode(compileErrors, forKey: .compileErrors)
            try container.encode(checks, forKey: .checks)
        }
    }

    public struct CompileError: Encodable {
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
    }

    public var version = CheckResultsJSON.schemaVersion
    public var lessons: [LessonResult]

    /// `reports` in the order they were checked; `title` gives each lesson's title by its id.
    public init(_ reports: [CheckReport], title: (String) -> String) {
        lessons = reports.map { report in
            LessonResult(id: report.lesson, title: title(report.lesson), status: Self.status(of: report),
                         message: Self.message(of: report),
                         compileErrors: report.compileErrors.map {
                             CompileError(file: $0.file, line: $0.line, column: $0.column, message: $0.message)
                         },
                         checks: report.checks)
        }
    }

    /// passed: every check ran and passed. incomplete: none failed, but some could not run
    /// here (no private network, no server), so the lesson is not solved. failed: anything else.
    static func status(of report: CheckReport) -> String {
        if report.status == .failed { return "failed" }
        if report.status == .passed && report.notRunCount == 0 { return "passed" }
        return "incomplete"
    }

    static func message(of report: CheckReport) -> String? {
        if !report.compileErrors.isEmpty || report.compilerOutput != nil {
            return report.compilerOutput ?? report.compileErrors.map(\.message).joined(separator: "\n")
        }
        return report.problem
    }

    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
