import TerminalMarkdown

/// `learn list`: every lesson with its number, id, state and title, the current one marked,
/// and a progress bar. Without colour it is plain text (no escape bytes). The state comes
/// before the title, so the columns line up however long a title is, and no title is cut.
public struct CourseListView {
    public let app: LearnApp
    /// Each lesson's title, read once: a row is drawn many times in the interactive list.
    private let titles: [String: String]
    private let idWidth: Int

    public init(app: LearnApp) {
        self.app = app
        let lessons = app.course.lessons
        titles = Dictionary(uniqueKeysWithValues: lessons.map { ($0.id, $0.title(app.language)) })
        idWidth = lessons.map { TextWidth.columns($0.id) }.max() ?? 0
    }

    public func render() -> String {
        let words = app.words, ansi = app.ansi
        let lessons = app.course.lessons
        let doneCount = lessons.filter { app.state[lesson: $0.id].verdict == .passed }.count
        var lines = [ansi.bold(app.courseWords.title), ""]
        lines.append(contentsOf: lessons.map { row($0) })
        lines.append("")
        lines.append(progressBar(done: doneCount, total: lessons.count))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One lesson's line: `▶ id  state  title`, the columns lined up over the whole course.
    public func row(_ lesson: Lesson) -> String {
        let words = app.words, ansi = app.ansi
        let current = app.currentLesson
        let progress = app.state[lesson: lesson.id]
        let marker = lesson == current ? "▶" : " "
        let state: String
        switch progress.verdict {
        case .passed?:
            let done = "✓ " + words.done + (progress.notRun > 0 ? " " + words.notRunCount(progress.notRun) : "")
            state = ansi.green(pad(done, to: stateWidth))
        case .failed?:
            state = ansi.red(pad("✗ " + words.failing, to: stateWidth))
        case nil:
            state = ansi.dim(pad("· " + words.notStarted, to: stateWidth))
        }
        let id = lesson.id + String(repeating: " ", count: idWidth - TextWidth.columns(lesson.id))
        let title = titles[lesson.id] ?? lesson.id
        return "\(marker) \(lesson == current ? ansi.bold(id) : id)  \(state)  \(title)"
    }

    /// The widest state this course can show, so titles start in one column.
    private var stateWidth: Int {
        let words = app.words
        let widest = app.course.lessons.map { app.state[lesson: $0.id].notRun }.max() ?? 0
        return [
            "✓ " + words.done + (widest > 0 ? " " + words.notRunCount(widest) : ""),
            "✗ " + words.failing, "· " + words.notStarted,
        ].map(TextWidth.columns).max() ?? 0
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
