import CCmark

/// Display width of text in terminal columns.
///
/// Terminals lay text out in cells: Hangul and CJK take two, combining marks none. We ask the C
/// library (`wcwidth`) rather than keeping our own tables, so we agree with what most terminals do.
public enum TextWidth {
    /// Columns `s` occupies on a terminal. ANSI escape sequences (CSI and OSC) take no room.
    public static func columns(_ s: String) -> Int {
        var total = 0
        TerminalText.scan(s) { segment in
            if case .scalar(_, let width) = segment { total += width }
        }
        return total
    }

    /// Columns one Unicode scalar takes: 0 for control and combining characters.
    static func columns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Printable ASCII is by far the most common case; skip the C call for it.
        if value >= 0x20 && value < 0x7F { return 1 }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if localeIsUTF8 {
            let width = wcwidth(wchar_t(bitPattern: value))
            return width < 0 ? 0 : Int(width)
        }
        return fallbackColumns(value)
    }

    /// `wcwidth` only knows multibyte characters under a UTF-8 locale. Setting it is
    /// process-wide, so do it once, and only for LC_CTYPE (number formatting stays untouched).
    private static let localeIsUTF8: Bool = {
        if setlocale(LC_CTYPE, "C.UTF-8") != nil { return true }
        if setlocale(LC_CTYPE, "en_US.UTF-8") != nil { return true }
        return false
    }()

    /// Used only when no UTF-8 locale exists: the wide ranges that matter for our lessons
    /// (Hangul, CJK, full-width forms, common emoji), zero for combining marks, one otherwise.
    private static func fallbackColumns(_ v: UInt32) -> Int {
        switch v {
        case 0x0300...0x036F, 0x1160...0x11FF, 0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F:
            return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}

/// Splits terminal text into escape sequences and visible scalars. Shared by width measuring
/// and wrapping so both agree on what an escape sequence is.
enum TerminalText {
    enum Segment {
        case escape(String)
        case scalar(Unicode.Scalar, width: Int)
    }

    static let escapeScalar: Unicode.Scalar = "\u{1B}"

    static func scan(_ s: String, _ body: (Segment) -> Void) {
        let scalars = s.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == escapeScalar {
                let end = endOfEscape(scalars, from: index)
                body(.escape(String(scalars[index..<end])))
                index = end
            } else {
                body(.scalar(scalar, width: TextWidth.columns(of: scalar)))
                index = scalars.index(after: index)
            }
        }
    }

    /// End of the escape sequence starting at `start` (which holds ESC):
    /// CSI runs to its final byte (@ to ~), OSC to BEL or ST (ESC \), anything else is two scalars.
    private static func endOfEscape(_ scalars: String.UnicodeScalarView, from start: String.UnicodeScalarView.Index) -> String.UnicodeScalarView.Index {
        var index = scalars.index(after: start)
        guard index < scalars.endIndex else { return index }
        let introducer = scalars[index]
        index = scalars.index(after: index)
        switch introducer {
        case "[":
            while index < scalars.endIndex {
                let v = scalars[index].value
                index = scalars.index(after: index)
                if v >= 0x40 && v <= 0x7E { break }
            }
        case "]":
            while index < scalars.endIndex {
                let scalar = scalars[index]
                if scalar == "\u{07}" { return scalars.index(after: index) }
                if scalar == escapeScalar {
                    let next = scalars.index(after: index)
                    if next < scalars.endIndex && scalars[next] == "\\" { return scalars.index(after: next) }
                    return index
                }
                index = scalars.index(after: index)
            }
        default:
            break
        }
        return index
    }
}
