/// The closing screen after the last lesson passes: what the course covered, lesson by
/// lesson, and how it went.
public struct CourseSummaryView {
    public let app: LearnApp

    public init(app: LearnApp) { self.app = app }

    public func render() -> String {
        let words = app.words, ansi = app.ansi
        let lessons = app.course.lessons
        let done = app.doneCount
        let hints = lessons.reduce(0) { $0 + app.state[lesson: $1.id].hintsShown }
        var lines = [ansi.bold(ansi.green(words.courseComplete))]
        for lesson in lessons {
            let mark = app.state[lesson: lesson.id].isDone ? ansi.green("✓") : ansi.dim("·")
            lines.append("  \(mark) \(lesson.id)  \(lesson.title(app.language))")
        }
        lines.append(words.courseSummary(done: done, total: lessons.count, hints: hints))
        lines.append(CourseListView(app: app).progressBar(done: done, total: lessons.count))
        if !app.courseWords.closing.isEmpty { lines.append(app.courseWords.closing) }
        lines.append(ansi.dim(words.courseClosing))
        return lines.joined(separator: "\n")
    }
}
