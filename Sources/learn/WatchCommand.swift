import ArgumentParser
import Foundation
import HostProcess
import LearnKit

struct WatchCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "watch",
        abstract: HelpContext.words.watchAbstract,
        discussion: HelpContext.words.watchDiscussion) }

    @OptionGroup var global: GlobalOptions

    @Flag(help: ArgumentHelp(HelpContext.words.watchManualHelp))
    var manual = false
    @Option(help: ArgumentHelp(HelpContext.words.timeoutHelp, valueName: "seconds")) var timeout = Seconds(10)

    func run() throws {
        let app = try global.makeApp()
        try Self.watch(app, manual: manual, timeout: timeout.value)
    }

    static func watch(_ app: LearnApp, manual: Bool = false, timeout: Double = 10) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw LearnError.failure(app.words.watchNeedsTerminal) }
        _ = app.sandbox  // probed once, before any thread
        let loop = try WatchLoop(app: app, manual: manual, timeLimit: timeout)
        StopSignals.install(onIdle: { _ in RawTerminal.restore() })
        RawTerminal.enter()
        loop.run()
        RawTerminal.restore()
        print("")
        // Ctrl-C or SIGTERM ended the loop (the check's children are dead): 130 or 143.
        try StopSignals.throwIfReceived()
    }
}
