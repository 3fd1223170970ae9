import ArgumentParser
import Foundation
import LearnKit
import TerminalMarkdown

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render any Markdown file exactly as lessons are rendered (for authors and translators).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The Markdown file.", completion: .file(extensions: ["md"]))
    var file: String

    @Flag(help: "Print without a pager.") var noPager = false

    func run() throws {
        let terminal = TerminalInfo.current(color: global.color)
        let text: String
        do {
            text = try TextFile.read(file)
        } catch {
            throw LearnError.usage(Words(Language.resolve(flag: global.lang)).cannotRead(file, error))
        }
        let renderer = MarkdownRenderer(options: RenderOptions(width: terminal.width, color: terminal.color,
                                                               hyperlinks: terminal.hyperlinks))
        Pager(enabled: !noPager, terminal: terminal).show(renderer.render(text))
    }
}
