import Synchronization
import TerminalMarkdown

/// Demos print lines laid out for 80 columns. On a narrower terminal the terminal itself
/// would cut them wherever the edge falls, mid-word (mid-syllable in Korean); so each line
/// wider than the screen is wrapped at spaces by display columns instead, keeping its indent,
/// with two more columns for the lines it continues onto. Output arrives in chunks as the
/// demo runs: whole lines go out at once, a partial line waits for its end (or `finish`).
final class DemoLineWrapper: Sendable {
    private let width: Int
    private let pending = Mutex<(stdout: [UInt8], stderr: [UInt8])>(([], []))

    init(width: Int) { self.width = max(20, width) }

    /// What can be shown of `bytes` now: the complete lines among them, wrapped.
    func feed(_ bytes: [UInt8], stderr: Bool) -> [UInt8] {
        pending.withLock { buffers in
            var buffer = stderr ? buffers.stderr : buffers.stdout
            buffer += bytes
            var out: [UInt8] = []
            if let lastNewline = buffer.lastIndex(of: 0x0A) {
                for line in buffer[...lastNewline].split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
                    out += wrapped(Array(line)) + [0x0A]
                }
                buffer.removeSubrange(...lastNewline)
            }
            if stderr { buffers.stderr = buffer } else { buffers.stdout = buffer }
            return out
        }
    }

    /// The partial lines still held, wrapped, once the demo has ended.
    func finish() -> (stdout: [UInt8], stderr: [UInt8]) {
        pending.withLock { buffers in
            defer { buffers = ([], []) }
            return (buffers.stdout.isEmpty ? [] : wrapped(buffers.stdout), buffers.stderr.isEmpty ? [] : wrapped(buffers.stderr))
        }
    }

    private func wrapped(_ line: [UInt8]) -> [UInt8] {
        let text = String(decoding: line, as: UTF8.self)
        guard TextWidth.columns(text) > width else { return line }
        let body = text.drop { $0 == " " }
        let indent = String(repeating: " ", count: text.count - body.count)
        // A line that is all indent and one long word is left to the terminal: nothing to break.
        guard indent.count + 2 < width / 2 else { return line }
        let pieces = TextWrap.wrap(String(body), width: width - indent.count - 2)
        let lines = pieces.enumerated().map { index, piece in (index == 0 ? indent : indent + "  ") + piece }
        return Array(lines.joined(separator: "\n").utf8)
    }
}
