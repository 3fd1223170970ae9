/// Text that came from learner code (what it printed, a crash message, a check message that
/// quotes its values), made safe to show on a terminal: every control character except
/// newline and tab is shown in caret notation (ESC as `^[`, as `cat -v` does; C1 controls
/// as `<U+009B>`), so nothing it prints can move the cursor, clear the screen or recolour
/// the verdict. JSON needs none of this: its encoder escapes control characters itself.
public enum VisibleText {
    public static func of(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { out += shown(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// The same for raw bytes streamed as they come (a demo's output): C0 controls and DEL,
    /// byte by byte, so a chunk boundary cannot split an escape.
    public static func of(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { needsEscape(Unicode.Scalar($0)) && $0 < 0x80 }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            if byte < 0x80, needsEscape(Unicode.Scalar(byte)) { out += Array(shown(Unicode.Scalar(byte)).utf8) } else { out.append(byte) }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        default: return false
        }
    }

    static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x1F: return "^" + String(Unicode.Scalar(UInt8(scalar.value + 0x40)))
        case 0x7F: return "^?"
        default: return "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + ">"
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
