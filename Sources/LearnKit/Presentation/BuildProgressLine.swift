import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The harness build's progress, on stderr: on a terminal one dim line redrawn in place as
/// files finish ("5/17"), elsewhere (a log, a pipe) the line once when the build starts.
struct BuildProgressLine: Sendable {
    let words: Words
    let color: Bool
    let terminal: Bool

    init(words: Words, color: Bool) {
        self.words = words
        self.color = color
        terminal = isatty(STDERR_FILENO) == 1
    }

    func show(_ progress: BuildProgress) {
        let text = words.buildingHarness(progress.finished, of: progress.total)
        if terminal {
            let styled = color ? "\u{1B}[2m\(text)\u{1B}[0m" : text
            let end = progress.ended ? "\n" : ""
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + styled + end).utf8))
        } else if progress.finished == 0 && !progress.ended {
            printError(text)
        }
    }
}
