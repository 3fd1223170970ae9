import Foundation
import LearnKit

/// Runs this same `learn` binary with other arguments on the learner's terminal and waits:
/// how the interactive list opens and checks a lesson with exactly the commands' behaviour.
enum SelfInvocation {
    @discardableResult
    static func run(_ arguments: [String], global: GlobalOptions) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var passed = arguments
        if let lang = global.lang { passed += ["--lang", lang] }
        passed += ["--color", global.color.rawValue]
        process.arguments = passed
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        } catch {
            printError("learn: \(error)")
            return 1
        }
    }
}
