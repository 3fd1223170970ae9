// The support code compiled into every check and demo program of the course.
//
// `learn` builds a lesson program with `swiftc -parse-as-library` from:
//   - the learner's exercise file (or the lesson's solution.swift),
//   - the lesson's check.swift (or demo.swift),
//   - every *.swift file in this folder,
//   - for checks only, Entry/CheckMain.swift (the checks' @main; a demo brings its own).
// Everything here lives inside the caseless enum `Harness`, and lessons put their own
// declarations in `extension Harness`, so no name a learner chooses for a helper can
// collide with ours. Glibc only: Foundation would add a second to every build.
import Glibc

enum Harness {
    /// The learner's language, from LEARN_LANG (set by `learn`): "ko" or anything else for English.
    static let language: String = {
        guard let raw = getenv("LEARN_LANG") else { return "en" }
        return String(cString: raw).hasPrefix("ko") ? "ko" : "en"
    }()

    /// A sentence in English and Korean; `string` is the one in the learner's language.
    struct Text: CustomStringConvertible {
        let en: String
        let ko: String
        init(_ en: String, ko: String) {
            self.en = en
            self.ko = ko
        }
        var string: String { Harness.language == "ko" ? ko : en }
        var description: String { string }
    }

    /// Prints one line of demo output in the learner's language.
    static func say(_ text: Text) {
        print(text.string)
    }

    /// The same, for a line written out in both languages where it is said.
    static func say(_ en: String, ko: String) {
        say(Text(en, ko: ko))
    }
}
