/// The bare text of a subtree, without styling: for image alt text, for comparing a link's text
/// with its URL, and as the fallback for trees nested too deeply to lay out.
enum PlainText {
    /// Inline text of `node`, breaks as spaces.
    static func inline(_ node: CmarkNode) -> String {
        var text = ""
        node.walk { child, entering in
            guard entering else { return }
            switch child.kind {
            case .text, .code: text += child.literal
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }

    /// Text of a whole subtree, one line per block. Walks with cmark's iterator, so any depth is fine.
    static func blocks(_ node: CmarkNode) -> String {
        var text = ""
        node.walk { child, entering in
            switch child.kind {
            case .text, .code:
                if entering { text += child.literal }
            case .codeBlock:
                if entering { text += child.literal + "\n" }
            case .softBreak, .lineBreak:
                if entering { text += " " }
            case .link:
                if !entering, !child.url.isEmpty { text += " (\(child.url))" }
            default:
                if child.isBlock && !entering && !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            }
        }
        return text
    }
}
