import ArgumentParser
import Foundation
import LearnKit

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Check the current lesson each time you save it; single keys for hints, the list, the next lesson.",
        discussion: "Keys: h next hint, l lesson list, r check again, n next lesson (once this one passes), q quit.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Check only when you press r (where file change events do not arrive, e.g. network file systems).")
    var manual = false
    @Option(help: ArgumentHelp("Seconds before a check program is stopped (a number greater than 0).", valueName: "seconds")) var timeout = Seconds(10)

    func run() throws {
        let app = try global.makeApp()
        try Self.watch(app, manual: manual, timeout: timeout.value)
    }

    static func watch(_ app: LearnApp, manual: Bool = false, timeout: Double = 10) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw LearnError.failure(app.words.watchNeedsTerminal) }
        _ = app.sandbox  // probed once, before any thread
        let loop = try WatchLoop(app: app, manual: manual, timeLimit: timeout)
        RunningChildren.shared.installSignalHandlers(cleanup: { RawTerminal.restore() })
        RawTerminal.enter()
        loop.run()
        RawTerminal.restore()
        print("")
    }
}
