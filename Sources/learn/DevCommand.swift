import ArgumentParser

/// `learn dev`: tools for the course's authors and the project's developers, as rustlings'
/// `dev`; hidden from the learner's help.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Tools for course authors and developers.",
        shouldDisplay: false,
        subcommands: [DevBenchLabCommand.self, DevPrebuildCommand.self]
    )
}
