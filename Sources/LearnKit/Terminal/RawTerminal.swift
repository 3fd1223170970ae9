import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The terminal in single-key mode for watch and the interactive list: no line editing, no
/// echo, the cursor hidden. Ctrl-C still raises SIGINT (ISIG stays on), so the signal handlers
/// that kill the children also come here.
///
/// The saved settings are put back on every way out: `restore()` on a normal exit, an atexit
/// hook for `exit()` anywhere, the stop-signal handler's idle hook (see HostProcess's StopSignals), and handlers for the
/// signals a crash raises, which restore and then re-raise so the crash still reports.
public enum RawTerminal {
    /// The settings to restore; a global, because atexit and signal handlers cannot capture.
    nonisolated(unsafe) private static var saved: termios?
    nonisolated(unsafe) private static var hooksInstalled = false
    /// Single-key settings kept while the process is stopped with Ctrl-Z.
    nonisolated(unsafe) private static var rawWhileStopped = termios()
    /// The crash handlers that were installed before ours, by signal number (no Swift array:
    /// a signal handler must not retain or allocate).
    nonisolated(unsafe) private static let previousActions: UnsafeMutablePointer<sigaction> = {
        let table = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        table.initialize(repeating: sigaction(), count: 65)
        return table
    }()

    /// Enters single-key mode on stdin; false when stdin is not a terminal. `flush` drops keys
    /// typed before; coming back from a child (`suspended`) keeps them: the key that answers
    /// "Press any key" may already be on its way.
    @discardableResult
    public static func enter(flush: Bool = true) -> Bool {
        var settings = termios()
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &settings) == 0 else { return false }
        if saved == nil { saved = settings }
        installHooks()
        var raw = settings
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        // VMIN 1, VTIME 0: read returns as soon as one byte is there.
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, flush ? TCSAFLUSH : TCSADRAIN, &raw)
        write(STDOUT_FILENO, hideCursor, strlen(hideCursor))
        return true
    }

    /// Puts the terminal back as it was. Async-signal-safe: only tcsetattr and write.
    public static func restore() {
        guard var settings = saved else { return }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings)
        write(STDOUT_FILENO, showCursor, strlen(showCursor))
        saved = nil
    }

    /// `restore`, then a newline: a screen left by Ctrl-C leaves the shell's prompt on a fresh
    /// line, not after its last row. Async-signal-safe (a stop-signal idle hook).
    public static func restoreOnFreshLine() {
        restore()
        write(STDOUT_FILENO, "\n", 1)
    }

    /// Runs `body` with the terminal as it was (a pager, an editor, a child `learn`), then
    /// goes back to single-key mode.
    public static func suspended<T>(_ body: () throws -> T) rethrows -> T {
        let wasRaw = saved != nil
        restore()
        defer { if wasRaw { enter(flush: false) } }
        return try body()
    }

    private static let hideCursor = "\u{1B}[?25l"
    private static let showCursor = "\u{1B}[?25h"

    /// Ctrl-Z: the shell gets its terminal back as it was while `learn` is stopped; on `fg`
    /// single-key mode returns and the screen is drawn again (watch and the list redraw on
    /// SIGWINCH). Async-signal-safe: tcgetattr, tcsetattr, write, kill, sigaction.
    private static func installStopHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            guard var original = RawTerminal.saved else {
                kill(getpid(), SIGSTOP)
                return
            }
            tcgetattr(STDIN_FILENO, &RawTerminal.rawWhileStopped)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            write(STDOUT_FILENO, RawTerminal.showCursor, strlen(RawTerminal.showCursor))
            // SIGSTOP, not SIGTSTP: it cannot be blocked (we are in SIGTSTP's handler) and it
            // stops even a process group without a shell (an orphaned one).
            kill(getpid(), SIGSTOP)
            // Continued.
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &RawTerminal.rawWhileStopped)
            write(STDOUT_FILENO, RawTerminal.hideCursor, strlen(RawTerminal.hideCursor))
            raise(SIGWINCH)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGTSTP, &action, nil)
    }

    private static func installHooks() {
        guard !hooksInstalled else { return }
        hooksInstalled = true
        atexit { RawTerminal.restore() }
        for crash in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                RawTerminal.restore()
                // The handler that was there before (the Swift runtime's crash report, or the
                // default) takes the re-raised signal.
                sigaction(number, RawTerminal.previousActions + Int(number), nil)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            sigaction(crash, &action, previousActions + Int(crash))
        }
        installStopHandler()
        // SIGINT and SIGTERM: StopSignals calls `restore` (its idle hook) or the command exits.
    }
}
