import ArgumentParser
import LearnKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show every lesson, its state and your progress.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let app = global.makeApp()
        print(CourseListView(app: app).render(), terminator: "")
    }
}
