import Foundation

/// One compiler message: `path:line:column: error: text`.
public struct Diagnostic: Equatable, Codable {
    public enum Severity: String, Codable { case error, warning, note }
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
}
