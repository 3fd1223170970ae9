import ArgumentParser
import Foundation
import LearnKit
import TerminalMarkdown

struct PreviewCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "preview",
        abstract: HelpContext.words.previewAbstract) }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp(HelpContext.words.previewFileHelp), completion: .file(extensions: ["md"]))
    var file: String

    @Flag(help: ArgumentHelp(HelpContext.words.noPagerHelp)) var noPager = false

    func run() throws {
        let terminal = TerminalInfo.current(color: global.color)
        let text: String
        do {
            text = try TextFile.read(file)
        } catch {
            throw LearnError.usage(Words(Language.resolve(flag: global.lang)).cannotRead(file, error))
        }
        let renderer = MarkdownRenderer(options: RenderOptions(width: terminal.width, color: terminal.color,
                                                               hyperlinks: terminal.hyperlinks, clipsCode: terminal.isTerminal))
        Pager(enabled: !noPager, terminal: terminal).show(renderer.render(text))
    }
}
