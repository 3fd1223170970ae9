import Foundation
import Synchronization
import HostProcess
#if canImport(Glibc)
import Glibc
#endif

/// `learn watch`: the current lesson's check results on screen, checked again the moment the
/// exercise is saved, and single keys (h hint, l lessons, r re-check, n next, q quit).
///
/// One thread polls the keyboard, the file events and a wake-up pipe; checks run on a thread
/// of their own, so q and Ctrl-C work while a check compiles or runs.
public final class WatchLoop {
    let app: LearnApp
    private(set) var lesson: Lesson
    private var session: CheckSession
    private let watcher: ExerciseWatcher?
    private let manual: Bool
    /// Why file events are not used, when the learner did not ask for manual mode.
    private var eventsNotice: String?

    private var report: CheckReport?
    private var checkError: String?
    private var firstPass = false
    private var panel: WatchScreen.Panel = .none
    private var checking = false
    private var recheckWhenDone = false
    /// File events arrive in bursts (write, close, rename): check once, this long after the last.
    private let settle = 0.05
    private var checkDue: Double?
    /// The file's size and time when the last check started, to notice saves that sent no event.
    private var stampAtCheck: FileStamp?
    private var eventSinceCheck = false

    private let wake: (read: Int32, write: Int32)
    private let finished = Finished()
    private var resize: ResizeSignal?

    public init(app: LearnApp, manual: Bool, timeLimit: Double) throws {
        self.app = app
        guard let lesson = app.currentLesson else { throw LearnError.usage(app.words.noLesson("")) }
        self.lesson = lesson
        session = CheckSession(sources: app.sources, builder: try app.builder(showsProgress: false), sandbox: app.sandbox,
                               language: app.language)
        session.timeLimit = timeLimit
        session.notRunFails = app.isCI
        var watcher: ExerciseWatcher?
        if !manual {
            do {
                watcher = try ExerciseWatcher(folder: app.course.location.exercisesFolder,
                                              fileName: lesson.exerciseFile.lastPathComponent)
            } catch {
                eventsNotice = app.words.noFileEvents("\(error)")
            }
        }
        self.watcher = watcher
        self.manual = watcher == nil
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ExerciseWatcher.Unavailable(reason: "pipe: " + String(cString: strerror(errno))) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        wake = (fds[0], fds[1])
    }

    /// Runs until q (or end of input); the caller has put the terminal in single-key mode.
    public func run() {
        let wakeWriter = wake.write
        // A resized terminal is drawn again at its new size.
        resize = ResizeSignal(writingTo: wakeWriter)

        startCheck()
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            if let watcher { fds.append(pollfd(fd: watcher.descriptor, events: Int16(POLLIN), revents: 0)) }
            let timeout = checkDue.map { Int32(max(0, ($0 - MonotonicClock.now()) * 1000).rounded(.up)) } ?? -1
            if poll(&fds, nfds_t(fds.count), timeout) < 0 && errno != EINTR { return }
            // Ctrl-C or SIGTERM: the handler has killed the check's children; the command exits.
            if StopSignals.received != nil { return }

            if fds[0].revents != 0 {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count <= 0 { return }
                for key in Key.parse(Array(buffer[0..<count])) {
                    if !handle(key) { return }
                }
            }
            if fds[1].revents != 0 {
                _ = read(wake.read, &buffer, buffer.count)
                if let outcome = finished.take() { checkFinished(outcome) } else { draw() }
            }
            if fds.count > 2, fds[2].revents != 0, watcher?.drain() == true {
                eventSinceCheck = true
                checkDue = MonotonicClock.now() + settle
            }
            if let due = checkDue, MonotonicClock.now() >= due {
                checkDue = nil
                if checking { recheckWhenDone = true } else { startCheck() }
            }
        }
    }

    /// False when the key ends watch mode.
    private func handle(_ key: Key) -> Bool {
        // The list shown in place of the results: any key brings them back (and does what it
        // does: r checks again, q quits; l only closes the list).
        var closedList = false
        if case .list = panel {
            panel = .none
            closedList = true
            if key == .character("l") { draw(); return true }
        }
        switch key {
        case .character("q"), .character("Q"), .interrupt:
            // A check still running is stopped with everything it started.
            StopSignals.killAllChildren()
            return false
        case .character("h"):
            panel = app.nextHint(lesson).map { .hint($0) } ?? .message(app.words.noHints)
        case .character("l"):
            panel = .list
        case .character("r"):
            noticeMissingEvents()
            if checking { recheckWhenDone = true } else { startCheck(); return true }
        case .character("n"):
            moveOn()
        case .character("o"):
            // The lesson's text in the pager, in the terminal's foreground; watch goes on after.
            let text = (try? lesson.text(app.language)).map { app.renderer().render($0) } ?? ""
            RawTerminal.suspended {
                FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J".utf8))
                Pager(enabled: true, terminal: app.terminal).show(text)
            }
        default:
            // Other keys redraw only when they closed the list.
            if !closedList { return true }
        }
        draw()
        return true
    }

    /// n: the next lesson, only once this one passes; never on its own. A check still running
    /// for this lesson is recorded when it ends, and the next lesson is checked after it.
    private func moveOn() {
        // An incomplete lesson (checks that cannot run on this machine) may be left too: nothing
        // the learner could change would make those checks run.
        guard let status = report?.status, status != .failed else { panel = .message(app.words.nextLocked); return }
        // After the last lesson, n goes to the first one still open.
        guard let next = app.course.lesson(after: lesson) ?? app.openLessons.first(where: { $0 != lesson }) else {
            panel = .message(app.words.lastLessonAlready); return
        }
        app.updateState { $0.current = next.id }
        lesson = next
        watcher?.fileName = next.exerciseFile.lastPathComponent
        report = nil
        checkError = nil
        // Where the new lesson's text is, kept on screen under its first results.
        panel = .message(app.words.nextLessonText(next.id, next.title(app.language)))
        if checking { recheckWhenDone = true } else { startCheck() }
    }

    /// A save that changed the file but brought no event: file events do not work here.
    private func noticeMissingEvents() {
        guard watcher != nil, !eventSinceCheck, let before = stampAtCheck,
              let now = FileStamp(lesson.exerciseFile), now != before else { return }
        eventsNotice = app.words.fileEventsMissing
    }

    private func startCheck() {
        checking = true
        eventSinceCheck = false
        stampAtCheck = FileStamp(lesson.exerciseFile)
        draw()
        let session = self.session, lesson = self.lesson, finished = self.finished, wakeWriter = wake.write
        let missing = app.words.exerciseMissing(lesson.id)
        Thread.detachNewThread {
            let outcome: Result<CheckReport, CheckFailure>
            if !FileManager.default.fileExists(atPath: lesson.exerciseFile.path) {
                outcome = .failure(CheckFailure(message: missing))
            } else {
                do { outcome = .success(try session.check(lesson, exercise: lesson.exerciseFile)) } catch {
                    outcome = .failure(CheckFailure(message: "\(error)"))
                }
            }
            finished.put(outcome)
            var byte: UInt8 = 0x63
            _ = write(wakeWriter, &byte, 1)
        }
    }

    private func checkFinished(_ outcome: Result<CheckReport, CheckFailure>) {
        checking = false
        switch outcome {
        case .success(let newReport) where newReport.lesson == lesson.id:
            report = newReport
            checkError = nil
            firstPass = app.record(newReport)
        case .success(let earlier):
            app.record(earlier)  // the lesson the learner just moved on from
        case .failure(let failure):
            report = nil
            checkError = failure.message
        }
        if recheckWhenDone {
            recheckWhenDone = false
            startCheck()
        } else {
            draw()
        }
    }

    private func draw() {
        app.refreshTerminal()
        let screen = WatchScreen(app: app, lesson: lesson, report: report, checkError: checkError,
                                 firstPass: firstPass, checking: checking, panel: panel,
                                 manual: manual, notice: eventsNotice)
        let text = screen.render(rows: Self.terminalRows())
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private static func terminalRows() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    struct CheckFailure: Error { let message: String }

    /// The finished check handed from its thread to the loop.
    private final class Finished: Sendable {
        private let outcome = Mutex<Result<CheckReport, CheckFailure>?>(nil)
        func put(_ value: Result<CheckReport, CheckFailure>) { outcome.withLock { $0 = value } }
        func take() -> Result<CheckReport, CheckFailure>? {
            outcome.withLock { value in
                defer { value = nil }
                return value
            }
        }
    }
}

/// A file's size and modification time: changes when a save changes it.
struct FileStamp: Equatable {
    let size: Int
    let seconds: Int
    let nanoseconds: Int

    init?(_ file: URL) {
        var info = stat()
        guard stat(file.path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
