import ArgumentParser
import Foundation
import LearnKit

/// `learn` with no command: watch mode once the course has started; before that, the welcome
/// and the list. Off a terminal it only prints the list: nothing interactive in a pipe.
struct HomeCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "home", abstract: HelpContext.words.homeAbstract,
        shouldDisplay: false) }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let app = try global.makeApp()
        let onTerminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        if onTerminal && app.courseStarted {
            try WatchCommand.watch(app)
            return
        }
        if !app.courseStarted, !app.course.lessons.isEmpty {
            print(app.renderer().render(app.welcome))
        }
        print(CourseListView(app: app).render(), terminator: "")
    }
}

struct WelcomeCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "welcome", abstract: HelpContext.words.welcomeAbstract) }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let app = try global.makeApp()
        print(app.renderer().render(app.welcome), terminator: "")
    }
}
