import CHostProcess
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT while children run: every live child (the one registry,
/// kept by `HostChild`) is killed at once, from the signal handler, and the signal is
/// recorded; the wait in progress then returns, and `HostCommand.run` throws `Stopped`,
/// which the executable turns into its exit code (130, 143). Library code never exits.
///
/// A signal that comes while no child runs finds the process idle: the handler calls
/// `onIdle` (async-signal-safe only: restore the terminal) and lets the signal end the
/// process as it would without a handler, so the shell sees it killed by that signal.
public enum StopSignals {
    /// Thrown by `HostCommand.run()` when a stop signal came while the child ran.
    public struct Stopped: Error, CustomStringConvertible, Equatable {
        public let signal: Int32
        public init(signal: Int32) { self.signal = signal }
        /// What a shell reports for a process ended by `signal`: 130 for SIGINT, 143 for SIGTERM.
        public var exitCode: Int32 { 128 + signal }
        public var description: String { "stopped by signal \(signal)" }
    }

    /// Installs the handler (idempotent; a later call with an `onIdle` replaces the hook, one
    /// without keeps it).
    public static func install(onIdle: (@convention(c) (Int32) -> Void)? = nil) {
        hp_install_stop_handler(onIdle)
    }

    /// Runs `body` with stop signals only recorded, never ending the process, even while no
    /// child runs: for work that must tidy up (a lab coming up, then its shell). The body
    /// checks `received` (or `throwIfReceived`) where it can stop cleanly.
    public static func deferring<T>(_ body: () throws -> T) rethrows -> T {
        hp_stop_defer(1)
        defer { hp_stop_defer(0) }
        return try body()
    }

    /// The stop signal taken, if one was.
    public static var received: Int32? {
        let signal = hp_stop_signal()
        return signal == 0 ? nil : signal
    }

    public static func throwIfReceived() throws {
        if let signal = received { throw Stopped(signal: signal) }
    }

    /// Forgets a signal that has been dealt with (tests).
    public static func clear() { hp_clear_stop_signal() }

    /// Kills every live child now (a watch that starts a new check over an old one).
    public static func killAllChildren() { hp_children_kill_all() }

    /// How many children are registered (tests).
    public static var liveChildren: Int { Int(hp_children_count()) }
}
