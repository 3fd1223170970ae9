/// Renders the inline children of a paragraph, heading or table cell into one styled string.
/// Hard line breaks come out as "\n"; wrapping to a width is the caller's job (`TextWrap`).
///
/// Styles are kept on a stack and every span ends with a full reset followed by the styles still
/// open around it. Closing codes alone would not do: a bold span inside a bold heading would
/// switch the heading's bold off, and a code span inside a link would lose the link's colour.
struct InlineRenderer {
    let options: RenderOptions

    /// Deeper inline nesting than this (think `*` repeated thousands of times) is written as plain
    /// text, so recursion stays shallow whatever the input.
    static let maximumDepth = 40

    /// SGR parameters; used only when colour is on.
    enum Style: String {
        case bold = "1", dim = "2", italic = "3", underline = "4"
        case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36"
    }

    /// Inline content of `node`, with `base` styles applied to all of it.
    func render(_ node: CmarkNode, base: [Style] = []) -> String {
        var output = Output(color: options.color, stack: base)
        output.open(base)
        for child in node.children { append(child, to: &output, depth: 0) }
        output.closeAll()
        return output.text
    }

    private func append(_ node: CmarkNode, to out: inout Output, depth: Int) {
        if depth > InlineRenderer.maximumDepth {
            out.write(PlainText.inline(node))
            return
        }
        switch node.kind {
        case .text:
            out.write(node.literal)
        case .softBreak:
            out.write(" ")
        case .lineBreak:
            out.write("\n")
        case .code:
            if options.color {
                out.styled([.yellow]) { $0.write(node.literal) }
            } else {
                out.write("`\(node.literal)`")
            }
        case .htmlInline:
            // Raw HTML means nothing on a terminal; its tags are dropped (text between them stays).
            break
        case .emphasis:
            out.styled([.italic]) { self.appendChildren(of: node, to: &$0, depth: depth) }
        case .strong:
            out.styled([.bold]) { self.appendChildren(of: node, to: &$0, depth: depth) }
        case .link:
            appendLink(node, to: &out, depth: depth)
        case .image:
            appendImage(node, to: &out)
        default:
            appendChildren(of: node, to: &out, depth: depth)
        }
    }

    private func appendChildren(of node: CmarkNode, to out: inout Output, depth: Int) {
        for child in node.children { append(child, to: &out, depth: depth + 1) }
    }

    private func appendLink(_ node: CmarkNode, to out: inout Output, depth: Int) {
        let url = node.url
        let text = PlainText.inline(node)
        // Autolinks (<https://…>, <me@example.com>) already show their URL as the text.
        let textIsURL = text == url || "mailto:" + text == url || url.isEmpty
        let showsText = !text.isEmpty

        if options.color && options.hyperlinks && !url.isEmpty {
            out.raw(InlineRenderer.openHyperlink(url))
            // OSC 8 links do not nest: an image inside must not open (and then close) its own.
            out.insideHyperlink = true
            out.styled([.blue, .underline]) {
                if showsText { self.appendChildren(of: node, to: &$0, depth: depth) } else { $0.write(url) }
            }
            out.insideHyperlink = false
            out.raw("\u{1B}]8;;\u{1B}\\")
            return
        }
        out.styled([.blue, .underline]) {
            if showsText { self.appendChildren(of: node, to: &$0, depth: depth) } else { $0.write(url) }
        }
        if showsText && !textIsURL {
            out.write(" ")
            out.styled([.dim]) { $0.write("(\(url))") }
        }
    }

    /// OSC 8 with an `id` made from the URL: a link that wraps over several lines is closed and
    /// re-opened on each (so prefixes stay out of it), and the id makes the terminal treat the
    /// parts as one link (hovered and opened as one).
    static func openHyperlink(_ url: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs, unlike hashValue
        for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\u{1B}]8;id=\(String(hash, radix: 36));\(Ansi.printable(url))\u{1B}\\"
    }

    private func appendImage(_ node: CmarkNode, to out: inout Output) {
        let alt = PlainText.inline(node)
        let url = node.url
        let label = alt.isEmpty ? "[image]" : "[image: \(alt)]"
        if out.insideHyperlink {
            out.styled([.magenta]) { $0.write(label) }
            return
        }
        if options.color && options.hyperlinks && !url.isEmpty {
            out.raw(InlineRenderer.openHyperlink(url))
            out.styled([.magenta]) { $0.write(label) }
            out.raw("\u{1B}]8;;\u{1B}\\")
            return
        }
        out.styled([.magenta]) { $0.write(label) }
        if !url.isEmpty {
            out.write(" ")
            out.styled([.dim]) { $0.write("(\(url))") }
        }
    }

    /// Styled text under construction, with the stack of styles currently open.
    struct Output {
        let color: Bool
        var stack: [Style]
        var text = ""
        var insideHyperlink = false
        /// After a span's reset, the styles around it are re-opened only when more text comes,
        /// so `**a *b***` does not end in a burst of open-and-close codes.
        private var reopenPending = false

        init(color: Bool, stack: [Style]) {
            self.color = color
            self.stack = stack
        }

        mutating func write(_ s: String) {
            guard !s.isEmpty else { return }
            if reopenPending {
                reopenPending = false
                open(stack)
            }
            text += s
        }

        mutating func raw(_ s: String) { if color { text += s } }

        mutating func open(_ styles: [Style]) {
            guard color, !styles.isEmpty else { return }
            text += "\u{1B}[\(styles.map(\.rawValue).joined(separator: ";"))m"
        }

        mutating func styled(_ styles: [Style], _ body: (inout Output) -> Void) {
            guard color else { body(&self); return }
            let saved = stack
            let opening = reopenPending ? stack + styles : styles
            reopenPending = false
            stack += styles
            open(opening)
            body(&self)
            // Already reset if the last thing inside was a span's end.
            if !reopenPending { text += "\u{1B}[0m" }
            stack = saved
            reopenPending = !stack.isEmpty
        }

        mutating func closeAll() {
            if color && !stack.isEmpty && !reopenPending { text += "\u{1B}[0m" }
            reopenPending = false
        }
    }
}
