import HostProcess

/// What a program run on a lab host did, with its output as text.
public struct LabRunResult: Sendable, Equatable {
    /// Exit code; for a program ended by a signal, 128 + the signal number (as shells say).
    public var status: Int32
    /// The signal that ended the program, if one did.
    public var signal: Int32?
    public var stdout: String
    public var stderr: String
    /// True when the program was killed because it outlived its time limit.
    public var timedOut: Bool

    public var succeeded: Bool { status == 0 && !timedOut }

    public init(status: Int32, signal: Int32?, stdout: String, stderr: String, timedOut: Bool) {
        self.status = status
        self.signal = signal
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
    }

    public init(_ outcome: HostOutcome) {
        self.init(status: outcome.status, signal: outcome.timedOut ? 9 : outcome.signal,
                  stdout: outcome.stdoutText, stderr: outcome.stderrText, timedOut: outcome.timedOut)
    }
}
