import Foundation
import HostProcess

/// One run of a compiler (the frontend, the driver, the linker) through the host process
/// layer: in a process group of its own that Ctrl-C, SIGTERM and the time limit end (the
/// run then throws StopSignals.Stopped), with its output kept up to a cap. Compilers get no
/// resource limits; lesson programs do.
struct CompilerProcess {
    var arguments: [String]
    /// Streamed stderr, for the driver's progress messages.
    var onOutput: (([UInt8]) -> Void)?

    init(_ arguments: [String], onOutput: (([UInt8]) -> Void)? = nil, niceness: Int = 0) {
        // nice(1) rather than setpriority in the child: the process layer sets no priority.
        self.arguments = niceness > 0 ? ["nice", "-n", String(niceness)] + arguments : arguments
        self.onOutput = onOutput
    }

    /// The most compiler output kept: far more than the errors shown (see CompilerOutput), enough
    /// to count thousands of them.
    static let outputCap = 8 << 20

    struct Outcome: Sendable {
        var succeeded: Bool
        var timedOut: Bool
        /// stderr, then stdout.
        var output: String
        /// Why it failed without saying so (killed by a signal, the time limit).
        var termination: String
    }

    func run(timeLimit: Double) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "dumb"
        let command = HostCommand(arguments, environment: environment)
        let outcome = try command.run(timeLimit: timeLimit, outputCap: Self.outputCap, onOutput: onOutput.map { onOutput in
            { stream, bytes in if stream == .stderr { onOutput(bytes) } }
        })
        let termination: String
        switch outcome.termination {
        case .exited(let code): termination = "exit status \(code)"
        case .signalled(let signal): termination = "signal \(signal)"
        case .timedOut: termination = "time limit"
        }
        return Outcome(succeeded: outcome.succeeded, timedOut: outcome.termination == .timedOut,
                       output: outcome.stderrText + outcome.stdoutText, termination: termination)
    }
}
