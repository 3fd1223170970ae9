import Foundation

/// One compiler message: `path:line:column: error: text`.
public struct Diagnostic: Equatable, Codable, Sendable {
    public enum Severity: String, Codable, Sendable { case error, warning, note }
    public let file: String
    public let line: Int
    public let column: Int
    public let severity: Severity
    public let message: String

    /// The compiler's messages, in order, from its output (source excerpts are skipped).
    public static func parse(_ output: String) -> [Diagnostic] {
        output.split(separator: "\n").compactMap { parseLine(String($0)) }
    }

    static func parseLine(_ line: String) -> Diagnostic? {
        for severity in [Severity.error, .warning, .note] {
            let marker = ": \(severity.rawValue): "
            guard let range = line.range(of: marker) else { continue }
            let location = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let column = Int(location[location.count - 1]),
                  let number = Int(location[location.count - 2]) else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            return Diagnostic(file: file, line: number, column: column, severity: severity,
                              message: String(line[range.upperBound...]))
        }
        return nil
    }

    /// Errors outside the learner's file whose notes point into it: a name the learner declared
    /// that collides with one the check (or the harness) uses ("'Harness' is ambiguous",
    /// "found this candidate" at the learner's declaration). The name is the error's first
    /// quoted word.
    static func collisions(in diagnostics: [Diagnostic], with learnerFile: URL) -> [(name: String, declaration: Diagnostic)] {
        func isLearners(_ diagnostic: Diagnostic) -> Bool {
            diagnostic.file == learnerFile.path || diagnostic.file.hasSuffix("/" + learnerFile.lastPathComponent)
        }
        var found: [(name: String, declaration: Diagnostic)] = []
        var current: Diagnostic?
        for diagnostic in diagnostics {
            switch diagnostic.severity {
            case .error: current = isLearners(diagnostic) ? nil : diagnostic
            case .warning: current = nil
            case .note:
                guard let error = current, isLearners(diagnostic) else { continue }
                let quoted = error.message.split(separator: "'", omittingEmptySubsequences: false)
                let name = quoted.count >= 3 ? String(quoted[1]) : error.message
                if !found.contains(where: { $0.declaration.file == diagnostic.file && $0.declaration.line == diagnostic.line }) {
                    found.append((name, diagnostic))
                }
            }
        }
        return found
    }
}
