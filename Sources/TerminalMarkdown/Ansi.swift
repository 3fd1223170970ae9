/// Minimal ANSI styling. Each style is closed with its own "off" code rather than a full reset,
/// so styles nest: bold text inside a cyan span stays cyan after the bold ends.
///
/// With `enabled == false` every function returns its text unchanged, so callers can style
/// unconditionally and still produce output without a single escape byte.
public struct Ansi {
    public let enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func bold(_ s: String) -> String { sgr(s, on: "1", off: "22") }
    public func dim(_ s: String) -> String { sgr(s, on: "2", off: "22") }
    public func italic(_ s: String) -> String { sgr(s, on: "3", off: "23") }
    public func underline(_ s: String) -> String { sgr(s, on: "4", off: "24") }
    public func red(_ s: String) -> String { sgr(s, on: "31", off: "39") }
    public func green(_ s: String) -> String { sgr(s, on: "32", off: "39") }
    public func yellow(_ s: String) -> String { sgr(s, on: "33", off: "39") }
    public func blue(_ s: String) -> String { sgr(s, on: "34", off: "39") }
    public func magenta(_ s: String) -> String { sgr(s, on: "35", off: "39") }
    public func cyan(_ s: String) -> String { sgr(s, on: "36", off: "39") }

    /// An OSC 8 hyperlink: terminals that support it make `text` clickable, others show just `text`.
    /// Disabled, the URL is written out instead, so it is never lost: `text (url)`, or `url` alone
    /// when the text already is the URL.
    public func link(_ text: String, url: String) -> String {
        guard enabled else {
            return text == url || url.isEmpty ? text : "\(text) (\(url))"
        }
        let target = Ansi.printable(url)
        return "\u{1B}]8;;\(target)\u{1B}\\\(text)\u{1B}]8;;\u{1B}\\"
    }

    private func sgr(_ s: String, on: String, off: String) -> String {
        guard enabled, !s.isEmpty else { return s }
        return "\u{1B}[\(on)m\(s)\u{1B}[\(off)m"
    }

    /// A URL inside an OSC sequence must not contain control characters: one would end the
    /// sequence early and the rest of the URL would be printed as garbage.
    static func printable(_ url: String) -> String {
        String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }))
    }
}
