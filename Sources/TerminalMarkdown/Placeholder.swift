// Temporary stand-in until the renderer lands (same public API).
public struct RenderOptions {
    public var width: Int
    public var color: Bool
    public var hyperlinks: Bool
    public init(width: Int = 80, color: Bool = false, hyperlinks: Bool = false) {
        self.width = width; self.color = color; self.hyperlinks = hyperlinks
    }
}
public struct MarkdownRenderer {
    public init(options: RenderOptions) {}
    public func render(_ markdown: String) -> String { markdown }
}
public enum TextWidth { public static func columns(_ s: String) -> Int { s.count } }
public struct Ansi {
    let enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }
    func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func red(_ s: String) -> String { wrap(s, "31") }
    public func green(_ s: String) -> String { wrap(s, "32") }
    public func yellow(_ s: String) -> String { wrap(s, "33") }
    public func cyan(_ s: String) -> String { wrap(s, "36") }
}
