import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the output is connected to: whether it is a terminal, how wide, whether to colour.
public struct TerminalInfo {
    public enum ColorChoice: String, CaseIterable { case auto, always, never }

    public let isTerminal: Bool
    /// Columns to lay text out in: the terminal's width (TIOCGWINSZ), then COLUMNS, then 80,
    /// capped at 100 so lines stay readable on wide screens.
    public let width: Int
    public let color: Bool
    /// The terminal's height in rows (TIOCGWINSZ), when it is a terminal that says.
    public let rows: Int?
    /// OSC 8 hyperlinks only on a real terminal with colour.
    public var hyperlinks: Bool { color && isTerminal }

    public static let maximumWidth = 100

    public init(isTerminal: Bool, width: Int, color: Bool, rows: Int? = nil) {
        self.isTerminal = isTerminal
        self.width = width
        self.color = color
        self.rows = rows
    }

    public static func current(color choice: ColorChoice = .auto,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalInfo {
        let terminal = isatty(STDOUT_FILENO) == 1
        var columns = 0
        var rows: Int?
        var size = winsize()
        if terminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 {
            columns = Int(size.ws_col)
            if size.ws_row > 0 { rows = Int(size.ws_row) }
        }
        if columns <= 0, let text = environment["COLUMNS"], let value = Int(text), value > 0 { columns = value }
        if columns <= 0 { columns = 80 }
        let color: Bool
        switch choice {
        case .always: color = true
        case .never: color = false
        case .auto: color = terminal && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
        }
        return TerminalInfo(isTerminal: terminal, width: min(columns, maximumWidth), color: color, rows: rows)
    }
}
