import Foundation
import TerminalMarkdown
#if canImport(Glibc)
import Glibc
#endif

/// `learn list` on a terminal: the lessons with a cursor. ↑↓ or j k move, Enter opens the
/// lesson, c checks it, r resets it (after a yes), f cycles the filter (all, done, pending),
/// q quits. Opening and checking are the commands themselves, run with the terminal back to
/// normal; the caller says how (`open`), and the list waits for a key before coming back.
///
/// The screen fits the terminal: rows shortened to its width, the list scrolled when the
/// course is longer than its height, drawn again when it is resized (SIGWINCH) and after
/// Ctrl-Z and `fg` (RawTerminal raises SIGWINCH on continue).
public final class ListBrowser {
    public enum Action { case open, check }
    public enum Filter: CaseIterable { case all, done, pending }

    let app: LearnApp
    let perform: (Action, Lesson) -> Void
    private var filter = Filter.all
    private var cursor = 0
    /// The first lesson shown when the list is longer than the screen.
    private var top = 0
    private var message: String?
    private let wake: (read: Int32, write: Int32)
    private var resize: ResizeSignal?

    public init(app: LearnApp, perform: @escaping (Action, Lesson) -> Void) {
        self.app = app
        self.perform = perform
        if let current = app.currentLesson, let index = app.course.index(of: current) { cursor = index }
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 { for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) } }
        wake = (fds[0], fds[1])
    }

    deinit {
        if wake.read >= 0 { close(wake.read); close(wake.write) }
    }

    var shown: [Lesson] { lessons(for: filter) }

    private func lessons(for filter: Filter) -> [Lesson] {
        app.course.lessons.filter { lesson in
            let done = app.state[lesson: lesson.id].isDone
            switch filter {
            case .all: return true
            case .done: return done
            case .pending: return !done
            }
        }
    }

    /// Runs until q; the caller has put the terminal in single-key mode.
    public func run() {
        resize = ResizeSignal(writingTo: wake.write)
        draw()
        while let keys = readKeys() {
            for key in keys {
                if !handle(key) { return }
            }
            draw()
        }
    }

    /// The next keys; a resize in between redraws and goes on waiting. Nil at end of input.
    private func readKeys() -> [Key]? {
        readBytes().map(Key.parse)
    }

    private func readBytes() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if fds[1].revents != 0 {
                _ = read(wake.read, &buffer, buffer.count)
                app.refreshTerminal()
                draw()
            }
            guard fds[0].revents != 0 else { continue }
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? Array(buffer[0..<count]) : nil
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
            let next = all[(all.firstIndex(of: filter)! + 1) % all.count]
            cursor = ListBrowser.cursor(keeping: lessons.indices.contains(cursor) ? lessons[cursor] : nil,
                                        from: app.course.lessons, in: self.lessons(for: next))
            filter = next
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
            app.refreshTerminal()
            // What the lesson did may have moved it out of the filter: the cursor stays near it.
            cursor = ListBrowser.cursor(keeping: lesson, from: app.course.lessons, in: shown)
        case .character("r"):
            guard cursor < lessons.count else { break }
            let lesson = lessons[cursor]
            message = app.words.resetKeyQuestion(lesson.id)
            draw()
            // The same answers as learn reset's (y, 예, 네, ㅛ): read as text, not as keys.
            let answer = readBytes().map { String(decoding: $0, as: UTF8.self) } ?? ""
            if Confirmation.isYes(answer) || answer.first.map({ Confirmation.isYes(String($0)) }) == true {
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

    /// Where the cursor goes in `shown` so it stays on `lesson`, or, when the filter hides it,
    /// on the next lesson after it that is shown (else the last one before it).
    static func cursor(keeping lesson: Lesson?, from course: [Lesson], in shown: [Lesson]) -> Int {
        guard let lesson, !shown.isEmpty else { return 0 }
        if let same = shown.firstIndex(of: lesson) { return same }
        let order = course.firstIndex(of: lesson) ?? 0
        let position: (Lesson) -> Int = { course.firstIndex(of: $0) ?? 0 }
        return shown.firstIndex { position($0) > order } ?? shown.count - 1
    }

    private func draw() {
        let words = app.words, ansi = app.ansi
        let width = app.terminal.width
        let view = CourseListView(app: app)
        let filterName: String
        switch filter {
        case .all: filterName = words.filterAll
        case .done: filterName = words.filterDone
        case .pending: filterName = words.filterPending
        }
        let header = ScreenLayout.bar([ansi.bold(app.courseWords.title), ansi.dim(words.listFilter(filterName))],
                                      width: width, separator: "   ")
        var footer = [""]
        if view.rowLayout(width: width - 1).compact { footer += view.legend(width: width) }
        footer += view.incompleteNotes(width: width)
        if let message { footer += ScreenLayout.wrapped(message, width: width).map { ansi.yellow($0) } }
        footer += bottomBar(view.progressBar(width: width), keys: words.listKeys, width: width, ansi: ansi)

        let lessons = shown
        var rows: [String] = []
        if lessons.isEmpty { rows.append(ansi.dim(words.noLessonsHere)) }
        // Rows for lessons: what the screen has left under the header and over the footer.
        let room = max(3, (app.terminal.rows ?? 1000) - header.count - 1 - footer.count)
        if lessons.count <= room {
            top = 0
        } else {
            // Up and down marks take a row each where lessons are hidden.
            let visible = max(1, room - 2)
            if cursor < top { top = cursor }
            if cursor >= top + visible { top = cursor - visible + 1 }
            top = min(top, lessons.count - visible)
        }
        let visible = lessons.count <= room ? lessons.count : max(1, room - 2)
        if lessons.count > room { rows.append(ansi.dim(top > 0 ? "  ↑ \(top)" : "")) }
        for index in top..<min(lessons.count, top + visible) {
            // The cursor: a pointer in front, and reverse video where there is colour.
            let row = view.row(lessons[index], width: width - 1)
            rows.append(index == cursor ? (ansi.enabled ? "›\u{1B}[7m" + row + "\u{1B}[27m" : "›" + row) : " " + row)
        }
        if lessons.count > room {
            let below = lessons.count - (top + visible)
            rows.append(ansi.dim(below > 0 ? "  ↓ \(below)" : ""))
        }
        let lines = header + [""] + rows + footer
        let text = "\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\n")
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// The last lines of the list and of watch: the progress bar and the keys, on one line when
/// they fit, else the bar and then the keys wrapped between keys.
func bottomBar(_ progress: String, keys: String, width: Int, ansi: Ansi) -> [String] {
    let items = keys.components(separatedBy: " · ")
    let keyLines = ScreenLayout.bar(items, width: width)
    if keyLines.count == 1, TextWidth.columns(progress) + 3 + TextWidth.columns(keyLines[0]) <= width {
        return [progress + "   " + ansi.dim(keyLines[0])]
    }
    return [progress] + keyLines.map { ansi.dim($0) }
}
