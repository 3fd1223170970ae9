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

    @Argument(help: ArgumentHelp(HelpContext.words.lessonDefaultCurrentHelp), completion: lessonCompletion)
    var lesson: String?

    @Flag(help: ArgumentHelp(HelpContext.words.watchManualHelp))
    var manual = false
    @Option(help: ArgumentHelp(HelpContext.words.timeoutHelp, valueName: "seconds")) var timeout = Seconds(10)

    func run() throws {
        let app = try global.makeApp()
        // `learn watch <lesson>` makes that lesson current, as `learn run` does.
        if let name = lesson {
            let chosen = try app.lesson(named: name)
            app.updateState { $0.current = chosen.id }
        }
        try Self.watch(app, manual: manual, timeout: timeout.value)
    }

    static func watch(_ app: LearnApp, manual: Bool = false, timeout: Double = 10) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw LearnError.failure(app.words.watchNeedsTerminal) }
        _ = app.sandbox  // probed once, before any thread
        let loop = try WatchLoop(app: app, manual: manual, timeLimit: timeout)
        StopSignals.install(onIdle: { _ in RawTerminal.restoreOnFreshLine() })
        RawTerminal.enter()
        loop.run()
        RawTerminal.restoreOnFreshLine()
        // Ctrl-C or SIGTERM ended the loop (the check's children are dead): 130 or 143.
        try StopSignals.throwIfReceived()
    }
}
