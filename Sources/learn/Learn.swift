import ArgumentParser
import Foundation
import HostProcess
import LearnKit

@main
struct Learn: ParsableCommand {
    // Computed, not stored: the abstract is the course's (from lessons/) in the learner's language.
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "learn",
        abstract: HelpContext.current.course.abstract,
        discussion: HelpContext.current.words.rootDiscussion,
        version: HelpContext.current.version,
        subcommands: [HomeCommand.self, ListCommand.self, RunCommand.self, WatchCommand.self, CheckCommand.self,
                      HintCommand.self, TryCommand.self, SolutionCommand.self, EditCommand.self,
                      ResetCommand.self, WelcomeCommand.self, PreviewCommand.self, LabCommand.self],
        // With no command: watch once the course has started, else the welcome and the list.
        defaultSubcommand: HomeCommand.self
    ) }

    /// The one place a stop signal becomes an exit code: LearnKit throws
    /// `StopSignals.Stopped` once the children are dead (130 after SIGINT, 143 after SIGTERM).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let stopped as StopSignals.Stopped {
            RawTerminal.restore()
            Foundation.exit(stopped.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
