import ArgumentParser
import Foundation
import HostProcess
import LearnKit

/// The one place where errors become messages and exit codes:
///   0 success; 1 a failed check or an error; 2 every usage error (what was typed names
///   nothing), the argument parser's own included (it would exit 64, EX_USAGE); 130 and 143
///   after SIGINT and SIGTERM (128 + the signal, as shells report it).
/// The parser's help and messages are shown in the learner's language (Words+Parser), wrapped
/// by display columns.
extension Learn {
    static func main() {
        let arguments = ArgumentOrder.commandFirst(Array(CommandLine.arguments.dropFirst()))
        let commands = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let unknown = ArgumentOrder.unknownCommand(arguments, commands: commands) {
            let nearest = unknown.nearest ?? HelpContext.lessonCommand(unknown.name)
            Glibc.exit(report(LearnError.usage(HelpContext.words.unknownCommand(unknown.name, nearest: nearest))))
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Glibc.exit(0)
        } catch {
            Glibc.exit(report(error))
        }
    }

    /// Prints what `error` says (help and --version to standard output, everything else to
    /// standard error) and returns the exit code.
    static func report(_ error: Error) -> Int32 {
        // A stop signal came while a child ran: the children are dead by now.
        if let stopped = error as? StopSignals.Stopped {
            RawTerminal.restore()
            return stopped.exitCode
        }
        if let error = error as? LearnError {
            printError("learn: " + error.description)
            return error.kind == .usage ? 2 : 1
        }
        let code = exitCode(for: error)
        let message = userMessage(for: error)
        if !message.isEmpty {
            if code == .success { print(message) } else { printError(message) }
        }
        return code == .validationFailure ? 2 : code.rawValue
    }

    /// The parser's text for `error` (help, version, usage error) in the learner's language,
    /// wrapped by display columns (the parser counts characters; Hangul is two columns).
    static func userMessage(for error: Error) -> String {
        let text = fullMessage(for: error, columns: HelpLayout.unwrapped)
        // A completion script, or the answer to a shell's completion request, is for the shell:
        // a wrapped or translated line would break it.
        if isForTheShell(CommandLine.arguments.dropFirst()) { return text }
        return HelpLayout.wrap(HelpContext.words.parserMessage(text), width: TerminalInfo.current().width)
    }

    /// The parser's own flags for shells: `--generate-completion-script` and `---completion`.
    static func isForTheShell<Arguments: Collection<String>>(_ arguments: Arguments) -> Bool {
        arguments.contains { $0 == "---completion" || $0.hasPrefix("--generate-completion-script") }
    }
}
