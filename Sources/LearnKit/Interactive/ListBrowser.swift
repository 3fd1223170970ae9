import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `learn list` on a terminal: the lessons with a cursor. ↑↓ or j k move, Enter opens the
/// lesson, c checks it, r resets it (after a y), f cycles the filter (all, done, pending),
/// q quits. Opening and checking are the commands themselves, run with the terminal back to
/// normal; the caller says how (`open`), and the list waits for a key before coming back.
public final class ListBrowser {
    public enum Action { case open, check }
    public enum Filter: CaseIterable { case all, done, pending }

    let app: LearnApp
    let perform: (Action, Lesson) -> Void
    private var filter = Filter.all
    private var cursor = 0
    private var message: String?

    public init(app: LearnApp, perform: @escaping (Action, Lesson) -> Void) {
        self.app = app
        self.perform = perform
        if let current = app.currentLesson, let index = app.course.index(of: current) { cursor = index }
    }

    var shown: [Lesson] {
        app.course.lessons.filter { lesson in
            let passed = app.state[lesson: lesson.id].isDone
            switch filter {
            case .all: return true
            case .done: return passed
            case .pending: return !passed
            }
        }
    }

    /// Runs until q; the caller has put the terminal in single-key mode.
    public func run() {
        draw()
        while let keys = readKeys() {
            for key in keys {
                if !handle(key) { return }
            }
            draw()
        }
    }

    private func readKeys() -> [Key]? {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? Key.parse(Array(buffer[0..<count])) : nil
        }
    }

    private func handle(_ key: Key) -> Bool {
        message = nil
        let lessons = shown
        switch key {
        case .character("q"), .character("Q"), .interrupt, .escape:
            return false
        case .up, .character("k"):
            cursor = max(0, cursor - 1)
        case .down, .character("j"):
            cursor = min(max(0, lessons.count - 1), cursor + 1)
        case .character("f"):
            let all = Filter.allCases
            filter = all[(all.firstIndex(of: filter)! + 1) % all.count]
            cursor = min(cursor, max(0, shown.count - 1))
        case .enter, .character("c"):
            guard cursor < lessons.count else { break }
            let lesson = lessons[cursor]
            RawTerminal.suspended {
                FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J".utf8))
                perform(key == .enter ? .open : .check, lesson)
            }
            // Asked once single-key mode is back, so the answer is read as one key.
            FileHandle.standardOutput.write(Data(("\n" + app.ansi.dim(app.words.pressAnyKey)).utf8))
            _ = readKeys()
            app.reloadState()
        case .character("r"):
            guard cursor < lessons.count else { break }
            let lesson = lessons[cursor]
            message = app.words.resetKeyQuestion(lesson.id)
            draw()
            if readKeys()?.first == .character("y") {
                do {
                    try app.resetExercise(lesson)
                    message = app.words.resetDone("exercises/\(lesson.exerciseFile.lastPathComponent)")
                } catch {
                    message = "\(error)"
                }
            } else {
                message = app.words.resetCancelled
            }
        default:
            break
        }
        return true
    }

    private func draw() {
        let words = app.words, ansi = app.ansi
        let view = CourseListView(app: app)
        let filterName: String
        switch filter {
        case .all: filterName = words.filterAll
        case .done: filterName = words.filterDone
        case .pending: filterName = words.filterPending
        }
        var lines = [ansi.bold(app.courseWords.title) + "   " + ansi.dim(words.listFilter(filterName)), ""]
        let lessons = shown
        if lessons.isEmpty { lines.append(ansi.dim(words.noLessonsHere)) }
        for (index, lesson) in lessons.enumerated() {
            // The cursor: a pointer in front, and reverse video where there is colour.
            let row = view.row(lesson)
            lines.append(index == cursor ? (ansi.enabled ? "›\u{1B}[7m" + row + "\u{1B}[27m" : "›" + row) : " " + row)
        }
        lines.append("")
        if let message { lines.append(ansi.yellow(message)) }
        lines.append(view.progressBar() + "   " + ansi.dim(words.listKeys))
        let text = "\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\n")
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
