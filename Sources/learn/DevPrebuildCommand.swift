import ArgumentParser
import Foundation
import HostProcess
import LearnKit

/// `learn dev prebuild`: builds the lesson harness and the first lesson's programs (its demo
/// on the reference solution, its check on the learner's file), so that right after ./setup
/// `learn run` of the first lesson starts its demo at once and the first `learn check`
/// compiles only the learner's file. ./setup and scripts/benchmark run it.
struct DevPrebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prebuild",
        abstract: "Build the lesson harness and the first lesson's demo and check (./setup runs it).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let app = try global.makeApp()
        StopSignals.install()
        let builder = try app.builder()
        let started = MonotonicClock.now()
        func seconds() -> String { String(format: "%.1f s", MonotonicClock.now() - started) }

        let harness = try app.sources.harness()
        let harnessWasBuilt = !builder.needsLibrary(try app.sources.check(app.course.lessons[0], exercise: app.course.lessons[0].starterFile))
        if let failure = try builder.buildLibrary(harness, courseRoot: app.course.location.root) {
            throw LearnError.failure("the lesson harness does not build:\n" + failure.output)
        }
        print("harness: \(harnessWasBuilt ? "already built" : "built") (\(seconds()))")

        // The first lesson of lessons/course.txt: the one a newcomer opens first.
        guard let lesson = app.course.lessons.first else { return }
        let exercise = FileManager.default.fileExists(atPath: lesson.exerciseFile.path) ? lesson.exerciseFile : lesson.starterFile
        for (what, recipe) in [("demo", try app.sources.demo(lesson, exercise: lesson.solutionFile)),
                               ("check", try app.sources.check(lesson, exercise: exercise))] {
            let wasCached = builder.isCached(recipe)
            switch try builder.build(recipe) {
            case .built:
                print("\(lesson.id) \(what): \(wasCached ? "already built" : "built") (\(seconds()))")
            case .failed(let failure):
                // The learner's own file may not compile yet: that is theirs to fix, not set-up's.
                guard what == "check" else { throw LearnError.failure("\(lesson.id) \(what) does not build:\n" + failure.output) }
                print("\(lesson.id) \(what): your exercise does not compile yet (learn check shows why)")
            }
        }
    }
}
