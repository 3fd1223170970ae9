import Foundation
import HostProcess

/// A program that takes over the terminal (the pager, the learner's editor, a child `learn`
/// from the interactive list), started in HostProcess's foreground mode: it becomes the
/// terminal's foreground process group, as a shell or git starts a job, so it can read keys
/// and is not stopped as a background job would be; the terminal comes back to `learn`
/// however it ends (q, Ctrl-C, a crash) and Ctrl-Z stops `learn` with it until `fg`.
public enum ForegroundProgram {
    /// Runs `arguments` on our own stdin, stdout and stderr and waits for it.
    public static func run(_ arguments: [String], environment: [String: String]) throws -> HostOutcome {
        // What print() buffered belongs before whatever the program draws (fflush(nil): every
        // output stream, stdout included, without naming C's global `stdout`).
        fflush(nil)
        var command = HostCommand(arguments, environment: environment)
        command.stdin = .inherit
        command.stdout = .inherit
        command.stderr = .inherit
        command.group = .foreground
        return try command.run()
    }
}
