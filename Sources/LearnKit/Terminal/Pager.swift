import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Shows long text through a pager when stdout is a terminal: LEARN_PAGER, then PAGER, then
/// `less`. As git does, `LESS=FRX` is set when LESS is unset (-F quits at once when the text
/// fits, -R passes colours, -X leaves it on screen) and `LV=-c` for lv, so `PAGER=less` shows
/// colours too.
public struct Pager {
    public let command: String?
    let environment: [String: String]

    public init(enabled: Bool, terminal: TerminalInfo, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        guard enabled, terminal.isTerminal else { command = nil; return }
        let chosen = [environment["LEARN_PAGER"], environment["PAGER"]].compactMap { $0 }.first { !$0.isEmpty }
        command = chosen ?? "less"
    }

    /// The pager's environment: ours, with the defaults above where the learner set none.
    var pagerEnvironment: [String: String] {
        var environment = self.environment
        for (name, value) in ["LESS": "FRX", "LV": "-c", "LESSCHARSET": "utf-8"] where environment[name] == nil {
            environment[name] = value
        }
        return environment
    }

    public func show(_ text: String) {
        guard let command, command != "cat", let file = Pager.temporaryFile(holding: text) else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        defer { unlink(file) }
        // The text reaches the pager as a file on its stdin rather than through a pipe we
        // write: a pager in the terminal's foreground may be stopped (Ctrl-Z) before it has
        // read it all, and `learn` must then be waiting for it (to take the terminal back and
        // stop too), not blocked in a write. Through the shell, as git does: PAGER may hold
        // arguments ("less -S").
        let arguments = ["/bin/sh", "-c", "exec <\"$1\" || exit 126; " + command, "sh", file]
        let outcome = try? ForegroundProgram.run(arguments, environment: pagerEnvironment)
        // No pager by that name (the shell said so on stderr): the text is still shown.
        if outcome == nil || outcome?.termination == .exited(127) {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// A new file only we can read, holding `text`; nil when none can be made.
    static func temporaryFile(holding text: String) -> String? {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/learn-page.XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        let path = String(cString: template)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { close(fd); unlink(path); return nil }
            written += n
        }
        close(fd)
        return path
    }
}
