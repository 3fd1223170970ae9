import CCmark

/// A parsed Markdown document: owns cmark's tree and frees it when done.
/// Nodes handed out by `root` are only valid while the document is alive.
final class CmarkDocument {
    private let tree: OpaquePointer?

    init(_ markdown: String) {
        // Pass an explicit length: the text may contain NUL, which a C string would end at.
        var bytes = Array(markdown.utf8)
        if bytes.isEmpty { bytes = [0] }
        let length = markdown.utf8.count
        tree = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                // CMARK_OPT_DEFAULT: no smart punctuation, so the text stays as the author typed it.
                cmark_parse_document($0, length, CMARK_OPT_DEFAULT)
            }
        }
    }

    deinit {
        if let tree { cmark_node_free(tree) }
    }

    var root: CmarkNode? { tree.map(CmarkNode.init) }
}

/// A read-only view of one cmark node.
struct CmarkNode {
    enum Kind {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
        case unknown
    }

    let pointer: OpaquePointer

    var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return .unknown
        }
    }

    var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock, .paragraph, .heading, .thematicBreak:
            return true
        default:
            return false
        }
    }

    var children: [CmarkNode] {
        var result: [CmarkNode] = []
        var child = cmark_node_first_child(pointer)
        while let node = child {
            result.append(CmarkNode(pointer: node))
            child = cmark_node_next(node)
        }
        return result
    }

    /// Text of text, code, code block and HTML nodes, made safe to print (see `SafeText`).
    var literal: String { SafeText.clean(cmark_node_get_literal(pointer)) }
    /// A code block's text with its tabs, which the code block lays out itself.
    var codeLiteral: String { SafeText.clean(cmark_node_get_literal(pointer), keepTabs: true) }
    var url: String { SafeText.clean(cmark_node_get_url(pointer)) }
    var fenceInfo: String { SafeText.clean(cmark_node_get_fence_info(pointer)) }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
    var usesParenDelimiter: Bool { cmark_node_get_list_delim(pointer) == CMARK_PAREN_DELIM }
    var listStart: Int { Int(cmark_node_get_list_start(pointer)) }
    var isTightList: Bool { cmark_node_get_list_tight(pointer) != 0 }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }

    /// Visits this node's subtree in document order without recursion (cmark's iterator),
    /// so arbitrarily deep trees cannot overflow the stack.
    func walk(_ visit: (_ node: CmarkNode, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { break }
            visit(CmarkNode(pointer: node), event == CMARK_EVENT_ENTER)
        }
    }
}

/// Text from the document must never carry terminal control codes of its own: an ESC smuggled
/// in (say, as `&#27;`) would let a lesson restyle or retitle the learner's terminal, and plain
/// output promises no escape byte at all. Control characters become U+FFFD, tabs become spaces
/// (a tab's width depends on where it lands, which wrapping cannot know).
enum SafeText {
    static func clean(_ cString: UnsafePointer<CChar>?, keepTabs: Bool = false) -> String {
        guard let cString else { return "" }
        // String(cString:) replaces invalid UTF-8 with U+FFFD.
        return clean(String(cString: cString), keepTabs: keepTabs)
    }

    static func clean(_ s: String, keepTabs: Bool = false) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return s }
        var scalars = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x0A: scalars.append(scalar)
            case 0x09: scalars.append(keepTabs ? scalar : " ")
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
