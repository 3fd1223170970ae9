import ArgumentParser
import LearnKit

@main
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "A course in network programming with Swift: multicast, socket helpers, FTP and Telnet.",
        discussion: """
            Read a lesson and watch its demo with `learn run <lesson>`, solve the exercise in \
            exercises/, and grade it with `learn check`. Everything runs on your own machine, \
            in a private network namespace where the system allows one.
            """,
        subcommands: [ListCommand.self, RunCommand.self, CheckCommand.self, HintCommand.self,
                      ResetCommand.self, PreviewCommand.self, LabCommand.self],
        defaultSubcommand: ListCommand.self
    )
}
