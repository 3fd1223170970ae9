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
        var lines = [ansi.bold(app.courseWords.title), ""]
        lines.append(contentsOf: lessons.map { row($0) })
        lines.append(contentsOf: incompleteNotes())
        lines.append("")
        lines.append(progressBar())
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
            state = ansi.green(pad("✓ " + words.done, to: stateWidth))
        case .incomplete?:
            state = ansi.yellow(pad(incompleteState(progress.notRun), to: stateWidth))
        case .failed?:
            state = ansi.red(pad("✗ " + words.failing, to: stateWidth))
        case nil:
            state = ansi.dim(pad("· " + words.notStarted, to: stateWidth))
        }
        let id = lesson.id + String(repeating: " ", count: idWidth - TextWidth.columns(lesson.id))
        let title = titles[lesson.id] ?? lesson.id
        return "\(marker) \(lesson == current ? ansi.bold(id) : id)  \(state)  \(title)"
    }

    private func incompleteState(_ notRun: Int) -> String {
        "◐ " + app.words.incomplete + " " + app.words.notRunCount(notRun)
    }

    /// The widest state this course can show, so titles start in one column.
    private var stateWidth: Int {
        let words = app.words
        let incomplete = app.course.lessons.map { app.state[lesson: $0.id] }.filter { $0.verdict == .incomplete }
        return (["✓ " + words.done, "✗ " + words.failing, "· " + words.notStarted]
                + incomplete.map { incompleteState($0.notRun) }).map(TextWidth.columns).max() ?? 0
    }

    /// Under the rows: why each incomplete lesson is not done (what kept its checks from running).
    public func incompleteNotes() -> [String] {
        app.course.lessons.compactMap { lesson in
            let progress = app.state[lesson: lesson.id]
            guard progress.verdict == .incomplete else { return nil }
            return app.ansi.yellow("  " + app.words.incompleteWhy(lesson.id, progress.notRunReason ?? app.words.notRun))
        }
    }

    private func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TextWidth.columns(text)))
    }

    /// The course's progress bar: lessons done, and how many are incomplete.
    public func progressBar() -> String {
        let bar = progressBar(done: app.doneCount, total: app.course.lessons.count)
        let incomplete = app.incompleteCount
        return incomplete > 0 ? bar + "  " + app.ansi.yellow("(\(app.words.incompleteCount(incomplete)))") : bar
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
