import Foundation
import LearnKit

/// Runs this same `learn` binary with other arguments on the learner's terminal and waits:
/// how the interactive list opens and checks a lesson with exactly the commands' behaviour.
/// In the terminal's foreground, so the child's pager can take the keyboard, and Ctrl-C ends
/// the child (and what it started), not the list.
enum SelfInvocation {
    @discardableResult
    static func run(_ arguments: [String], global: GlobalOptions) -> Int32 {
        var passed = arguments
        if let lang = global.lang { passed += ["--lang", lang] }
        passed += ["--color", global.color.rawValue]
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        do {
            return try ForegroundProgram.run([binary] + passed, environment: ProcessInfo.processInfo.environment).status
        } catch {
            printError("learn: \(error)")
            return 1
        }
    }
}
