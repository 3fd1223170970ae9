#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HostProcess

/// Shows a demo on the terminal: a heading, a note when it must be compiled first, then its
/// output as it comes. `learn run` shows it on the reference solution, `learn try` on the
/// learner's own file.
public struct DemoPresenter {
    public let app: LearnApp

    public init(app: LearnApp) { self.app = app }

    /// With `crashReport` set, the Swift runtime's crash report is held back from the output
    /// and its fatal error kept there (`learn try` tells a crash in one line, as `learn check`).
    public func run(_ lesson: Lesson, exercise: URL, heading: String,
                    crashReport: CrashReportFilter? = nil) throws -> DemoRunner.Result {
        let ansi = app.ansi
        let runner = DemoRunner(sources: app.sources, builder: try app.builder(), sandbox: app.sandbox,
                                language: app.language)
        print(ansi.bold(ansi.cyan("── \(heading): \(lesson.title(app.language)) ──")))
        if runner.willCompile(lesson, exercise: exercise) { printError(ansi.dim(app.words.buildingFirstTime)) }
        StopSignals.install()
        // The demo writes straight to the descriptors: what print() buffered goes first
        // (fflush(nil): every output stream, stdout included).
        fflush(nil)
        defer { crashReport?.flush() }
        // Lines fit the screen only on a terminal; a pipe or a file gets them as printed.
        let wrapper = app.terminal.isTerminal ? DemoLineWrapper(width: app.terminal.width) : nil
        defer {
            if let rest = wrapper?.finish() {
                FileHandle.standardOutput.write(Data(rest.stdout))
                FileHandle.standardError.write(Data(rest.stderr))
            }
        }
        return try runner.run(lesson, exercise: exercise) { stream, bytes in
            // The learner's code may print anything: control characters are shown, not obeyed.
            let visible = VisibleText.of(bytes)
            if stream == .stderr, let crashReport {
                crashReport.write(visible)
                return
            }
            let shown = wrapper?.feed(visible, stderr: stream == .stderr) ?? visible
            (stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError).write(Data(shown))
        }
    }
}
