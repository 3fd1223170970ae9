import Foundation

/// The learner's language: what lessons, hints, checks and the command line's own words are in.
public enum Language: String, CaseIterable, Sendable {
    case english = "en"
    case korean = "ko"

    public var code: String { rawValue }

    /// `--lang` when given, else LEARN_LANG, then the locale variables LC_ALL, LC_MESSAGES, LANG
    /// (the first one that is set decides, as for any POSIX program): Korean when it starts "ko".
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let flag, let chosen = Language(code: flag) { return chosen }
        for name in ["LEARN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("ko") ? .korean : .english
            }
        }
        return .english
    }

    public init?(code: String) {
        let lower = code.lowercased()
        if lower.hasPrefix("ko") { self = .korean } else if lower.hasPrefix("en") { self = .english } else { return nil }
    }

    /// The value of `--lang` anywhere on a command line (before or after the subcommand, as
    /// `--lang ko` or `--lang=ko`), up to a `--` that ends the options; nil when there is none.
    /// Help and usage errors are written before the parser has read the options, so they find
    /// the language here.
    public static func flag(in arguments: [String]) -> String? {
        var found: String?
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.endIndex {
                found = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--lang=") {
                found = String(argument.dropFirst("--lang=".count))
            }
            index += 1
        }
        return found
    }
}
