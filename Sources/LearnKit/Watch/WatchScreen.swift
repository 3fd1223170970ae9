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
        let path = "exercises/\(lesson.exerciseFile.lastPathComponent)"
        var lines = [ansi.bold(words.watchTitle("\(lesson.id) — \(lesson.title(app.language))")),
                     ansi.dim(manual ? words.manualMode(path) : words.watchingFile(path))]
        if let notice { lines.append(ansi.yellow(notice)) }
        if app.state[lesson: lesson.id].verdict == nil && report == nil {
            lines.append(ansi.dim(words.readLessonFirst(lesson.id)))
        }
        lines.append("")
        if checking { lines.append(ansi.cyan(words.checkingNow)) }
        if let checkError { lines.append(ansi.red(checkError)) }
        if let report {
            let view = CheckReportView(app: app, verbose: false)
            lines.append(contentsOf: trimmed(view.render(report, exercise: lesson.exerciseFile)))
            lines.append(contentsOf: trimmed(view.nextStep(report, lesson: lesson, firstPass: firstPass) { next in
                words.pressNForNext(next.id, next.title(app.language))
            }))
        }
        switch panel {
        case .none:
            break
        case .hint(let hint):
            lines.append("")
            lines.append(ansi.bold(ansi.yellow(words.hintHeading(hint.number, of: hint.total))))
            lines.append(contentsOf: trimmed(app.renderer().render(hint.text)))
        case .list:
            lines.append("")
            lines.append(contentsOf: trimmed(CourseListView(app: app).render()))
        case .message(let text):
            lines.append("")
            lines.append(ansi.yellow(text))
        }
        let bottom = CourseListView(app: app).progressBar() + "   " + ansi.dim(words.watchKeys)
        // Clear the screen and its scrollback, draw from the top; the bottom line goes on the
        // last row when the rest fits above it, else right after the rest.
        var text = "\u{1B}[H\u{1B}[2J\u{1B}[3J" + lines.joined(separator: "\n") + "\n"
        if let rows, lines.count + 1 < rows { text += "\u{1B}[\(rows);1H" } else { text += "\n" }
        return text + bottom
    }

    private func trimmed(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
