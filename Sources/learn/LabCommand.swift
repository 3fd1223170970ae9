import ArgumentParser
import LearnKit
import NetLab

/// `learn lab [open] <topology>`: a shell on host A of a fresh private network, gone when the
/// shell exits. `learn lab exec <host> -- <command>`: a command on another host of that lab.
struct LabCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "lab",
        abstract: HelpContext.words.labAbstract,
        discussion: HelpContext.words.labDiscussion(topologies: Topology.names),
        subcommands: [LabOpenCommand.self, LabExecCommand.self],
        defaultSubcommand: LabOpenCommand.self
    ) }
}

struct LabOpenCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "open", abstract: HelpContext.words.labOpenAbstract,
        discussion: HelpContext.words.labDiscussion(topologies: Topology.names)) }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.labTopologyHelp(Topology.names)),
              completion: .list(Topology.names))
    var topology: String

    @Option(name: .customLong("forward"), help: ArgumentHelp(HelpContext.words.labForwardHelp, valueName: "group"))
    var groups: [String] = []

    func run() throws {
        let status = try LabSession.open(topology, forwarding: groups, words: global.words)
        if status != 0 { throw ExitCode(status) }
    }
}

struct LabExecCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "exec", abstract: HelpContext.words.labExecAbstract,
        usage: "learn lab exec <host> [--lang <lang>] [--color <color>] -- <command> ...") }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.labExecHostHelp)) var host: String

    @Argument(parsing: .postTerminator, help: ArgumentHelp(HelpContext.words.labExecCommandHelp, valueName: "command"))
    var command: [String] = []

    func run() throws {
        try LabExec.run(host: host, command: command, words: global.words)
    }
}
