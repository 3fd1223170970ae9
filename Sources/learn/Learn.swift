import ArgumentParser
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
                      ResetCommand.self, WelcomeCommand.self, PreviewCommand.self, LabCommand.self,
                      DevCommand.self],
        // With no command: watch once the course has started, else the welcome and the list.
        defaultSubcommand: HomeCommand.self
    ) }
}
