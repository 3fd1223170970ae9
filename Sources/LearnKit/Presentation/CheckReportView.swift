import Foundation
import TerminalMarkdown

/// How `learn check` shows a report: one line per check, the reason under a failed one, the
/// compiler's errors with file:line:col, and what comes next.
public struct CheckReportView {
    public let app: LearnApp
    public let verbose: Bool

    public init(app: LearnApp, verbose: Bool) {
        self.app = app
        self.verbose = verbose
    }

    public func render(_ report: CheckReport, exercise: URL) -> String {
        let words = app.words, ansi = app.ansi
        let width = app.terminal.width
        var lines: [String] = []
        if let notice = report.notice { lines += ScreenLayout.wrapped(notice, width: width).map { ansi.yellow($0) } }
        if !report.compileErrors.isEmpty {
            lines += ScreenLayout.wrapped(report.contractMismatch ? words.contractMismatch : words.compileFailed,
                                          width: width).map { ansi.red($0) }
            lines.append(contentsOf: compileErrorLines(report.compileErrors))
            if verbose, let output = report.compilerOutput { lines.append(ansi.dim(VisibleText.of(output))) }
        }
        for check in report.checks {
            let mark: String
            switch check.status {
            case .passed: mark = ansi.green("✓ " + words.passed)
            case .failed: mark = ansi.red("✗ " + words.failed)
            case .notRun: mark = ansi.yellow("− " + words.notRun)
            }
            // A long name wraps under itself, never cut by the terminal's edge.
            lines += ScreenLayout.hanging("\(mark)  ", VisibleText.of(check.name), width: width)
            if !check.message.isEmpty && check.status != .passed {
                lines.append(contentsOf: wrapped(VisibleText.of(check.message), indent: 4))
            }
            if verbose && !check.output.isEmpty {
                lines.append("    " + ansi.dim(words.learnerOutput))
                // The program's own lines as they were (no re-wrapping), without the empty
                // line a final newline would add.
                let output = VisibleText.of(check.output.hasSuffix("\n") ? String(check.output.dropLast()) : check.output)
                lines.append(contentsOf: indent(output, by: 6).map { ansi.dim($0) })
            }
        }
        if let problem = report.problem {
            lines += ScreenLayout.wrapped(VisibleText.of(problem), width: width).map { ansi.red($0) }
        }
        if !report.checks.isEmpty {
            lines.append("")
            lines.append(words.summary(passed: report.passedCount, failed: report.failedCount, notRun: report.notRunCount))
        }
        if report.notRunCount > 0 && app.isCI {
            lines += ScreenLayout.wrapped(words.notRunIsFailureInCI, width: width).map { ansi.yellow($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What to do next: the next lesson after a pass (with the reference solution offered the
    /// first time), a hint after a failure, a closing summary when the whole course passed.
    /// An incomplete lesson (checks that could not run here) is said to be not done, never passed.
    /// `nextAction` says how to move on (`learn run <id>` on the command line, a key in watch).
    public func nextStep(_ report: CheckReport, lesson: Lesson, firstPass: Bool = false,
                         nextAction: ((Lesson) -> String)? = nil) -> String {
        let words = app.words, ansi = app.ansi
        var lines: [String]
        switch report.status {
        case .failed:
            return ScreenLayout.wrapped(words.tryHint, width: app.terminal.width).map { ansi.dim($0) }.joined(separator: "\n") + "\n"
        case .incomplete:
            lines = [ansi.yellow(words.lessonIncomplete(lesson.id, report.notRunCount))]
        case .passed:
            lines = [ansi.green(ansi.bold(firstPass ? words.firstPass(lesson.id) + " " + words.lessonPassed(lesson.id)
                                                    : words.passesAgain(lesson.id)))]
            if firstPass { lines.append(words.compareSolution(lesson.id)) }
        }
        if let next = app.course.lesson(after: lesson) {
            lines.append(nextAction?(next) ?? words.nextLesson(next.id, next.title(app.language)))
        } else if app.allLessonsPassed {
            lines.append("")
            lines.append(CourseSummaryView(app: app).render())
        } else {
            // The last lesson, with others still open: name them, never "finished".
            let open = app.openLessons
            lines.append(words.lastLessonOthersOpen(open.map(\.id)))
            if let first = open.first(where: { $0 != lesson }) {
                lines.append(nextAction?(first) ?? words.resumeWith(first.id))
            }
        }
        return lines.flatMap { ScreenLayout.wrapped($0, width: app.terminal.width) }.joined(separator: "\n") + "\n"
    }

    /// Each compiler error as `  exercises/<id>.swift:line:col: message`.
    public func compileErrorLines(_ errors: [Diagnostic]) -> [String] {
        // A message may quote the learner's source: its control characters are shown, not obeyed.
        errors.map { "  " + app.ansi.bold("\(displayPath($0.file)):\($0.line):\($0.column)") + ": " + VisibleText.of($0.message) }
    }

    private func displayPath(_ path: String) -> String {
        let root = app.course.location.root.path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    /// A message wrapped to the terminal's width under its check, hanging at `indent`.
    private func wrapped(_ text: String, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let width = max(20, app.terminal.width - indent)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { TextWrap.wrap(String($0), width: width) }
            .map { pad + $0 }
    }

    private func indent(_ text: String, by width: Int) -> [String] {
        let pad = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }
    }
}
