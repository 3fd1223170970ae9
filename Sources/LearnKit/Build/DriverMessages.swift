import Foundation

/// Reads the driver's `-parseable-output` (messages `<length>\n<JSON>\n` on stderr) as it comes:
/// counts the compile jobs finished, for the harness build's progress line, and keeps what each
/// job printed (its diagnostics), which is what a plain compile would have shown.
final class DriverMessages {
    private var buffer: [UInt8] = []
    private var finishedCompiles = 0
    private var texts: [String] = []
    private let onCompileFinished: (Int) -> Void

    init(onCompileFinished: @escaping (Int) -> Void) { self.onCompileFinished = onCompileFinished }

    /// The jobs' output in the order they finished, and any text that was not a message.
    var output: String {
        let rest = String(decoding: buffer, as: UTF8.self)
        return (texts + (rest.isEmpty ? [] : [rest])).joined()
    }

    func take(_ bytes: [UInt8]) {
        buffer += bytes
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            guard let length = Int(String(decoding: buffer[..<newline], as: UTF8.self)) else {
                // Not a message: the driver's own words (an error before any job ran).
                texts.append(String(decoding: buffer[...newline], as: UTF8.self))
                buffer.removeSubrange(...newline)
                continue
            }
            let start = newline + 1
            guard buffer.count >= start + length else { return }
            let body = Data(buffer[start..<(start + length)])
            buffer.removeSubrange(..<(start + length))
            if buffer.first == UInt8(ascii: "\n") { buffer.removeFirst() }
            guard let message = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { continue }
            let kind = message["kind"] as? String
            if kind == "finished" || kind == "signalled", let text = message["output"] as? String { texts.append(text) }
            if kind == "finished", message["name"] as? String == "compile" {
                finishedCompiles += 1
                onCompileFinished(finishedCompiles)
            }
        }
    }
}
