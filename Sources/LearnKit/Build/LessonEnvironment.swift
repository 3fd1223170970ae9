#if canImport(Glibc)
import Glibc
#endif

/// The environment a lesson program (check or demo) runs with: the learner's language, where
/// the course is, and what the lesson declared it needs in lessons/course.txt.
struct LessonEnvironment {
    let lesson: Lesson
    let language: Language
    let courseRoot: String

    func applied(to base: [String: String]) -> [String: String] {
        var environment = base
        environment["LEARN_LANG"] = language.code
        environment["LEARN_COURSE_ROOT"] = courseRoot
        // The runtime's backtracer can take seconds on a crash; the harness reports crashes itself.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let servers = lesson.requirements.compactMap { requirement -> String? in
            if case .server(let name) = requirement { return name }
            return nil
        }
        if servers.isEmpty { environment["LEARN_SERVERS"] = nil } else { environment["LEARN_SERVERS"] = servers.joined(separator: ",") }
        return environment
    }
}
