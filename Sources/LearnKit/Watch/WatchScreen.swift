import TerminalMarkdown

/// One frame of `learn watch`: the lesson, its check results (as `learn check` shows them),
/// what a key asked for (a hint, the lesson list, a message), and a bottom line with the
/// progress bar and the keys. Drawn whole each time, from the top of a cleared screen.
struct WatchScreen {
    enum Panel {
        case none
        case hint(LearnApp.Hint)
        case list
        case message(String)
    }

    let app: LearnApp
    let lesson: Lesson
    let report: CheckReport?
    let checkError: String?
    let firstPass: Bool
    let checking: Bool
    let panel: Panel
    let manual: Bool
    let notice: String?

    func render(rows: Int?) -> String {
        let words = app.words, ansi = app.ansi
        let width = app.terminal.width
        let path = "exercises/\(lesson.exerciseFile.lastPathComponent)"
        var lines = wrap(words.watchTitle("\(lesson.id) — \(lesson.title(app.language))"), width, ansi.bold)
        lines += wrap(manual ? words.manualMode(path) : words.watchingFile(path), width, ansi.dim)
        if let notice { lines += wrap(notice, width, ansi.yellow) }
        if app.state[lesson: lesson.id].verdict == nil && report == nil {
            lines += wrap(words.readLessonFirst(lesson.id), width, ansi.dim)
        }
        lines.append("")
        if case .list = panel {
            // The list in place of the results (its own progress bar is the bottom line's).
            let view = CourseListView(app: app)
            let compact = view.rowLayout(width: width).compact
            lines += app.course.lessons.map { view.row($0, width: width) }
            if compact { lines += view.legend(width: width) }
            lines += view.incompleteNotes(width: width)
            lines.append("")
            lines += wrap(words.pressAnyKey, width, ansi.dim)
        } else {
            if checking { lines.append(ansi.cyan(words.checkingNow)) }
            if let checkError { lines += wrap(checkError, width, ansi.red) }
            if let report {
                let view = CheckReportView(app: app, verbose: false)
                lines.append(contentsOf: trimmed(view.render(report, exercise: lesson.exerciseFile)))
                lines.append(contentsOf: trimmed(view.nextStep(report, lesson: lesson, firstPass: firstPass) { next in
                    words.pressNForNext(next.id, next.title(app.language))
                }))
            }
        }
        switch panel {
        case .none, .list:
            break
        case .hint(let hint):
            lines.append("")
            lines += wrap(words.hintHeading(hint.number, of: hint.total), width) { ansi.bold(ansi.yellow($0)) }
            lines.append(contentsOf: trimmed(app.renderer().render(hint.text)))
        case .message(let text):
            lines.append("")
            lines += wrap(text, width, ansi.yellow)
        }
        let bottom = bottomBar(CourseListView(app: app).progressBar(width: width), keys: words.watchKeys,
                               width: width, ansi: ansi)
        // Clear the screen and its scrollback, draw from the top; the bottom lines go on the
        // last rows when the rest fits above them, else right after the rest.
        var text = "\u{1B}[H\u{1B}[2J\u{1B}[3J" + lines.joined(separator: "\n") + "\n"
        if let rows, lines.count + bottom.count < rows { text += "\u{1B}[\(rows - bottom.count + 1);1H" } else { text += "\n" }
        return text + bottom.joined(separator: "\n")
    }

    /// A line of the screen wrapped to the width, each part styled.
    private func wrap(_ text: String, _ width: Int, _ style: (String) -> String = { $0 }) -> [String] {
        ScreenLayout.wrapped(text, width: width).map(style)
    }

    private func trimmed(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
