import Foundation

/// The learner's language: what lessons, hints, checks and the command line's own words are in.
public enum Language: String, CaseIterable {
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
}
