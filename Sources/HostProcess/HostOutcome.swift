/// What a finished child did.
public struct HostOutcome: Sendable, Equatable {
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed at its time limit.
        case timedOut
    }
    public var termination: Termination
    public var stdout: [UInt8] = []
    public var stderr: [UInt8] = []
    /// What arrived on each of `HostCommand.channels`.
    public var channels: [[UInt8]] = []
    public var stdoutTruncated = false
    public var stderrTruncated = false
    /// The signal that ended the program, when one did and it was not our time limit.
    public var signal: Int32? { if case .signalled(let s) = termination { return s }; return nil }
    /// The exit code as a shell says it: 128 + the signal for a signal.
    public var status: Int32 {
        switch termination {
        case .exited(let code): return code
        case .signalled(let s): return 128 + s
        case .timedOut: return 128 + 9
        }
    }
    public var timedOut: Bool { termination == .timedOut }
    public var succeeded: Bool { termination == .exited(0) }
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    public init(termination: Termination) { self.termination = termination }
}
