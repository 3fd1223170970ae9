import TerminalMarkdown

/// `learn list`: every lesson with its number, id, state and title, the current one marked,
/// and a progress bar. Without colour it is plain text (no escape bytes). The state comes
/// before the title, so the columns line up however long a title is; every line fits the
/// terminal's width (titles wrap in the printed list, are shortened with … in the browser).
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
        let ansi = app.ansi
        let width = app.terminal.width
        var lines = [ansi.bold(app.courseWords.title), ""]
        // Plain text (often piped or copied): a long title wraps under itself, nothing is cut.
        for lesson in app.course.lessons {
            let layout = rowLayout(width: width)
            let (lead, title) = rowParts(lesson, compact: layout.compact)
            lines.append(contentsOf: ScreenLayout.hanging(lead, title, width: width))
        }
        if rowLayout(width: width).compact { lines.append(contentsOf: legend(width: width)) }
        lines.append(contentsOf: incompleteNotes(width: width))
        lines.append("")
        lines.append(progressBar(width: width))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One lesson's line for a screen `width` columns wide: `▶ id  state  title`, the columns
    /// lined up over the whole course, the title shortened with … to fit. Where the state's
    /// words leave too little room for titles, the state is its mark alone (see `legend`).
    public func row(_ lesson: Lesson, width: Int) -> String {
        let layout = rowLayout(width: width)
        let (lead, title) = rowParts(lesson, compact: layout.compact)
        return lead + ScreenLayout.shortened(title, width: width - TextWidth.columns(lead))
    }

    /// Whether states are shown as marks only, at this width.
    func rowLayout(width: Int) -> (compact: Bool, titleWidth: Int) {
        let full = 2 + idWidth + 2 + stateWidth + 2
        if width - full >= 16 { return (false, width - full) }
        return (true, width - (2 + idWidth + 3))
    }

    /// The row before its title, and the title.
    private func rowParts(_ lesson: Lesson, compact: Bool) -> (String, String) {
        let words = app.words, ansi = app.ansi
        let current = app.currentLesson
        let progress = app.state[lesson: lesson.id]
        let marker = lesson == current ? "▶" : " "
        let state: String
        switch progress.verdict {
        case .passed?:
            state = ansi.green(compact ? "✓" : pad("✓ " + words.done, to: stateWidth))
        case .incomplete?:
            state = ansi.yellow(compact ? "◐" : pad(incompleteState(progress.notRun), to: stateWidth))
        case .failed?:
            state = ansi.red(compact ? "✗" : pad("✗ " + words.failing, to: stateWidth))
        case nil:
            state = ansi.dim(compact ? "·" : pad("· " + words.notStarted, to: stateWidth))
        }
        let id = lesson.id + String(repeating: " ", count: idWidth - TextWidth.columns(lesson.id))
        let title = titles[lesson.id] ?? lesson.id
        let lead = "\(marker) \(lesson == current ? ansi.bold(id) : id)" + (compact ? " \(state) " : "  \(state)  ")
        return (lead, title)
    }

    /// What the marks mean, under a list drawn with marks only.
    public func legend(width: Int) -> [String] {
        let words = app.words, ansi = app.ansi
        return ScreenLayout.bar(["✓ " + words.done, "◐ " + words.incomplete, "✗ " + words.failing,
                                 "· " + words.notStarted], width: width, separator: "   ").map { ansi.dim($0) }
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
    public func incompleteNotes(width: Int) -> [String] {
        app.course.lessons.flatMap { lesson -> [String] in
            let progress = app.state[lesson: lesson.id]
            guard progress.verdict == .incomplete else { return [] }
            let note = app.words.incompleteWhy(lesson.id, progress.notRunReason ?? app.words.notRun)
            return ScreenLayout.wrapped(note, width: width, indent: 2).map { app.ansi.yellow($0) }
        }
    }

    private func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TextWidth.columns(text)))
    }

    /// The course's progress bar: lessons done, and how many are incomplete, in `width` columns.
    public func progressBar(width: Int = 100) -> String {
        let incomplete = app.incompleteCount
        let note = incomplete > 0 ? "  (\(app.words.incompleteCount(incomplete)))" : ""
        let total = app.course.lessons.count
        let fixed = TextWidth.columns("\(app.words.progress) [] \(app.doneCount)/\(total)" + note)
        let bar = progressBar(done: app.doneCount, total: total, cells: max(5, min(20, width - fixed)))
        return note.isEmpty ? bar : bar + app.ansi.yellow(note)
    }

    /// `progress [#####-----] 1/8`, `cells` wide.
    public func progressBar(done: Int, total: Int, cells: Int = 20) -> String {
        let filled = total == 0 ? 0 : cells * done / total
        let bar = app.terminal.color
            ? app.ansi.green(String(repeating: "█", count: filled)) + app.ansi.dim(String(repeating: "░", count: cells - filled))
            : String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled)
        return "\(app.words.progress) [\(bar)] \(done)/\(total)"
    }
}
