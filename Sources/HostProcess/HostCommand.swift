import Foundation

/// What to start and how: the one description every host-side child of `learn` is made
/// from (the compiler, lesson programs, the lab's world and its programs, the pager, the
/// editor, a child `learn`). `HostChild(command)` starts it; `command.run()` starts it,
/// drains its output, waits and returns what it did.
///
/// Made with fork + exec in CHostProcess (see its header for why no library does this).
public struct HostCommand: Sendable {
    public var arguments: [String]
    public var environment: [String: String]
    public var stdin: Input = .null
    public var stdout: Output = .pipe
    public var stderr: Output = .pipe
    /// Pipes the child gets as descriptors 3, 4, ...: it writes, we read (a check program's
    /// result channel). What arrives is in `HostOutcome.channels`.
    public var channels = 0
    public var group: Group = .own
    /// With a group of its own: when the child ends, whatever is left in its group is killed
    /// (a check's forked child whose parent died). Off for programs on a lab host, where a
    /// daemon may outlive its starter until the lab ends.
    public var endsGroupWithChild = true
    /// Set in the program just before exec (never in `learn`, never in the supervisor).
    public var limits: [ResourceLimit] = []
    public var isolation: Isolation = .none

    public enum Input: Sendable, Equatable {
        case null
        /// A pipe: write with `HostChild.write`, end with `closeStdin`.
        case pipe
        /// These bytes, then end of file (a check program's token, a pager's text), written by
        /// a thread of their own so a slow reader never holds anything up.
        case bytes([UInt8])
        case inherit
    }

    public enum Output: Sendable, Equatable { case pipe, null, inherit }

    public enum Group: Sendable, Equatable {
        /// A process group of its own: a time limit or Ctrl-C ends everything it started,
        /// and the terminal's SIGINT does not reach it (`learn` forwards it, see StopSignals).
        case own
        /// Our own process group (the lab shell, which must keep the terminal).
        case inherit
        /// *Foreground mode*, for a program that takes over the terminal (a pager, an
        /// editor, a child `learn`): the child gets a process group of its own that is
        /// made the terminal's foreground group, the way shells and git start a job, so
        /// it may read the terminal and Ctrl-C / Ctrl-Z reach it and not us. `wait()`
        /// gives the terminal back to our group on every way out: exit, a signal, a
        /// stop (Ctrl-Z in the pager stops `learn` too, so the shell sees the job stop,
        /// and `fg` resumes both). When we are not the terminal's foreground group (no
        /// terminal, started in the background), the child simply joins our group.
        /// Use stdout/stderr `.inherit` with it; stdin `.inherit`, or `.bytes(text)` for a
        /// pager (it reads its keys from /dev/tty):
        ///
        ///     var pager = HostCommand(["less", "-R"])
        ///     pager.stdin = .bytes(Array(text.utf8))
        ///     pager.stdout = .inherit
        ///     pager.stderr = .inherit
        ///     pager.group = .foreground
        ///     let outcome = try pager.run()     // the terminal is ours again here
        ///
        /// Stop signals: Ctrl-C reaches the foreground child only (less ignores it); a
        /// SIGTERM sent to `learn` kills it, and `run()` then throws `StopSignals.Stopped`.
        case foreground
    }

    /// A confined child (not `.none`) dies with the thread that started it (PR_SET_PDEATHSIG),
    /// so a `learn` killed by SIGKILL leaves no lesson program running: start and wait for it
    /// on the same thread.
    public enum Isolation: Sendable, Equatable {
        case none
        /// New user (we are root inside), network (only `lo`, up), mount and PID namespaces;
        /// a small init is PID 1, runs the program as PID 2, reaps orphans, and when the
        /// program ends kills everything else in the namespace (a setsid() daemon too).
        case privateNetwork
        /// The host fallback: no namespaces, but a child subreaper supervises the program
        /// and, when it ends, kills its group and every orphan it left.
        case supervised
    }

    public enum ResourceLimit: Sendable, Equatable {
        /// Largest file the program may write (SIGXFSZ beyond it).
        case fileSize(bytes: UInt64)
        /// Address space (allocations fail beyond it).
        case addressSpace(bytes: UInt64)
        /// Processor time: SIGXCPU at `seconds`, SIGKILL a second later.
        case cpuTime(seconds: UInt64)
        /// No core files.
        case noCoreFiles
    }

    public init(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) {
        precondition(!arguments.isEmpty, "HostCommand needs a program")
        self.arguments = arguments
        self.environment = environment
    }
}

/// A child that could not be started; `stage` says what failed (for isolation: which
/// part of making the namespaces).
public struct LaunchError: Error, CustomStringConvertible, Equatable {
    public enum Stage: Int32, Sendable {
        case fork = 8, exec = 1, descriptors = 2, processGroup = 3, limits = 4
        case namespaces = 5, loopback = 6, proc = 7, lookup = 0
    }
    public let program: String
    public let code: Int32
    public let stage: Stage

    public var description: String {
        let what: String
        switch stage {
        case .lookup, .exec: what = "cannot start \(program)"
        case .namespaces: what = "cannot make a private network for \(program)"
        case .loopback: what = "cannot bring up lo for \(program)"
        case .proc: what = "cannot mount /proc for \(program)"
        case .limits: what = "cannot set resource limits for \(program)"
        case .processGroup: what = "cannot give \(program) a process group"
        case .descriptors: what = "cannot set up descriptors for \(program)"
        case .fork: what = "cannot fork for \(program)"
        }
        return "\(what): \(String(cString: strerror(code)))"
    }
}
