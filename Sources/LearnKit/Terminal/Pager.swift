import Foundation

/// Shows long text through a pager when stdout is a terminal: LEARN_PAGER, then PAGER, then
/// `less -FRX` (-F quits at once when the text fits, -R passes colours, -X leaves it on screen).
public struct Pager {
    public let command: String?

    public init(enabled: Bool, terminal: TerminalInfo, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard enabled, terminal.isTerminal else { command = nil; return }
        let chosen = [environment["LEARN_PAGER"], environment["PAGER"]].compactMap { $0 }.first { !$0.isEmpty }
        command = chosen ?? "less -FRX"
    }

    public func show(_ text: String) {
        guard let command, command != "cat" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        if environment["LESSCHARSET"] == nil { environment["LESSCHARSET"] = "utf-8" }
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        // A pager quit early (q) closes its end: ignore the broken pipe.
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
