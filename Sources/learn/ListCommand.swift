import ArgumentParser
import Foundation
import HostProcess
import LearnKit

struct ListCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "list",
        abstract: HelpContext.words.listAbstract) }

    @OptionGroup var global: GlobalOptions

    @Flag(help: ArgumentHelp(HelpContext.words.listPlainHelp)) var plain = false

    func run() throws {
        let app = try global.makeApp()
        guard !plain, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            print(CourseListView(app: app).render(), terminator: "")
            return
        }
        let global = self.global
        let browser = ListBrowser(app: app) { action, lesson in
            switch action {
            case .open: SelfInvocation.run(["run", lesson.id], global: global)
            case .check: SelfInvocation.run(["check", lesson.id], global: global)
            }
        }
        StopSignals.install(onIdle: { _ in RawTerminal.restoreOnFreshLine() })
        RawTerminal.enter()
        browser.run()
        RawTerminal.restoreOnFreshLine()
    }
}
