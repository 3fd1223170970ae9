import ArgumentParser
import LearnKit

@main
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "A course in network programming with Swift: multicast, socket helpers, FTP and Telnet.",
        discussion: """
            Read a lesson and watch its demo with `learn run <lesson>`, solve the exercise in \
            exercises/, and grade it with `learn check`, or keep `learn watch` open: it checks \
            each time you save. Everything runs on your own machine, in a private network \
            namespace where the system allows one.
            """,
        subcommands: [HomeCommand.self, ListCommand.self, RunCommand.self, WatchCommand.self, CheckCommand.self,
                      HintCommand.self, TryCommand.self, SolutionCommand.self, EditCommand.self,
                      ResetCommand.self, WelcomeCommand.self, PreviewCommand.self, LabCommand.self],
        // With no command: watch once the course has started, else the welcome and the list.
        defaultSubcommand: HomeCommand.self
    )
}
