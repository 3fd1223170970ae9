extension Harness {
    /// Text in quotes for a message, with CR, LF and quotes written out, so a learner sees
    /// exactly which line endings arrived. Walks scalars: "\r\n" is one Character in Swift.
    /// Text longer than `abbreviatingOver` scalars is cut, with its byte count shown.
    static func quoted(_ text: String, abbreviatingOver limit: Int? = nil) -> String {
        var shown = text
        var suffix = ""
        if let limit, text.unicodeScalars.count > limit {
            shown = String(String.UnicodeScalarView(text.unicodeScalars.prefix(max(0, limit - 10))))
            suffix = "…(\(text.utf8.count) bytes)"
        }
        var out = "\""
        for scalar in shown.unicodeScalars {
            switch scalar {
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + suffix + "\""
    }
}
