import TerminalMarkdown

/// `learn list`: every lesson with its number, id, title and state, the current one marked,
/// and a progress bar. Without colour it is plain text (no escape bytes).
public struct CourseListView {
    public let app: LearnApp

    public init(app: LearnApp) { self.app = app }

    public func render() -> String {
        let words = app.words, ansi = app.ansi
        let lessons = app.course.lessons
        let doneCount = lessons.filter { app.state[lesson: $0.id].verdict == .passed }.count
        var lines = [ansi.bold(words.courseHeading), ""]
        lines.append(contentsOf: lessons.map { row($0) })
        lines.append("")
        lines.append(progressBar(done: doneCount, total: lessons.count))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One lesson's line: `▶ id  title  state`, the columns lined up over the whole course.
    public func row(_ lesson: Lesson) -> String {
        let words = app.words, ansi = app.ansi
        let lessons = app.course.lessons
        let idWidth = lessons.map { TextWidth.columns($0.id) }.max() ?? 0
        let current = app.currentLesson
        let progress = app.state[lesson: lesson.id]
        let marker = lesson == current ? "▶" : " "
        let state: String
        switch progress.verdict {
        case .passed?:
            state = ansi.green("✓ " + words.done) + (progress.notRun > 0 ? " " + ansi.yellow(words.notRunCount(progress.notRun)) : "")
        case .failed?:
            state = ansi.red("✗ " + words.failing)
        case nil:
            state = ansi.dim("· " + words.notStarted)
        }
        let id = lesson.id + String(repeating: " ", count: idWidth - TextWidth.columns(lesson.id))
        let title = lesson.title(app.language)
        return "\(marker) \(lesson == current ? ansi.bold(id) : id)  \(pad(title, to: titleWidth(lessons)))  \(state)"
    }

    private func titleWidth(_ lessons: [Lesson]) -> Int {
        min(lessons.map { TextWidth.columns($0.title(app.language)) }.max() ?? 0, 44)
    }

    private func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TextWidth.columns(text)))
    }

    /// `progress [#####-----] 1/8`, 20 cells wide.
    public func progressBar(done: Int, total: Int) -> String {
        let cells = 20
        let filled = total == 0 ? 0 : cells * done / total
        let bar = app.terminal.color
            ? app.ansi.green(String(repeating: "█", count: filled)) + app.ansi.dim(String(repeating: "░", count: cells - filled))
            : String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled)
        return "\(app.words.progress) [\(bar)] \(done)/\(total)"
    }
}
