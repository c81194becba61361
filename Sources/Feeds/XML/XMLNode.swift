/// A small element tree built from SAX events, one record (item, entry, url) at a time.
/// Adapters read fields from it; records are dropped once adapted, so memory stays
/// proportional to one item, not to the whole feed.
final class XMLNode {
    enum Kind { case element, text }

    let kind: Kind
    /// Local name for elements; empty for text.
    let name: String
    /// The family bit of the element's namespace URI (`NS.family(of:)`), set once so lookups
    /// need no hashing. The URI and prefix themselves are not kept: nothing reads them, and
    /// two more strings per node were a retain and a release each per element.
    let family: NSMask
    var attributes: [XMLAttribute]
    @exclusivity(unchecked) var children: [XMLNode] = []
    /// The element's content while that is one text run and nothing else: most field
    /// elements (title, link, guid, dates) are such leaves, and keeping their text here saves
    /// a text node per field. Moved into `children` as a text node as soon as anything follows.
    @exclusivity(unchecked) private(set) var leafText: String?
    /// Text of a text node.
    let value: String
    /// The xml:base in effect at this element (XML Base §4.2), already absolute when the
    /// document had an absolute base.
    let base: String?
    /// The xml:lang in effect at this element.
    let lang: String?
    let line: Int

    init(name: String, family: NSMask, attributes: [XMLAttribute], base: String?, lang: String?, line: Int) {
        kind = .element
        self.name = name
        self.family = family
        self.attributes = attributes
        self.base = base
        self.lang = lang
        self.line = line
        value = ""
    }

    init(text: String) {
        kind = .text
        name = ""
        family = []
        attributes = []
        base = nil
        lang = nil
        line = 0
        value = text
    }

    /// A shared node for whitespace-only runs between elements: keeps word breaks in
    /// inline markup without allocating one node per indentation.
    nonisolated(unsafe) static let space = XMLNode(text: " ")

    /// The concatenated direct text content (text and CDATA), trimmed.
    var text: String {
        if let leafText { return leafText.trimmedFeedText }
        var single: XMLNode?
        var several = false
        for c in children where c.kind == .text {
            if single == nil { single = c } else { several = true; break }
        }
        guard let single else { return "" }
        guard several else { return single.value.trimmedFeedText }
        var joined = ""
        for c in children where c.kind == .text { joined += c.value }
        return joined.trimmedFeedText
    }

    /// Appends a child element or the shared space node, after the leaf text if there is one.
    func append(_ child: XMLNode) {
        // Records hold about ten fields: room for eight up front instead of growing 1, 2, 4, 8.
        if children.isEmpty { children.reserveCapacity(8) }
        if let t = leafText {
            children.append(XMLNode(text: t))
            leafText = nil
        }
        children.append(child)
    }

    /// Appends a text run: kept as `leafText` when it is the element's first content.
    func appendText(_ value: String) {
        if children.isEmpty && leafText == nil {
            leafText = value
        } else {
            append(XMLNode(text: value))
        }
    }

    /// Whether the last content appended is the shared space node.
    var endsWithSpace: Bool { leafText == nil && children.last === XMLNode.space }

    var hasElementChildren: Bool { children.contains { $0.kind == .element } }

    func attr(_ localName: String) -> String? {
        for a in attributes where a.name == localName { return a.value }
        return nil
    }

    /// First child element with this local name, in one of the given namespace families
    /// (`NS.any`: whatever its namespace). Text nodes have an empty family and never match.
    func child(_ localName: String, _ ns: NSMask = NS.any) -> XMLNode? {
        let length = localName.utf8.count
        for c in children where !c.family.isDisjoint(with: ns) && c.name.utf8.count == length && c.name == localName {
            return c
        }
        return nil
    }

    /// Whether this is an element with this local name in one of the namespace families
    /// (`child`'s test, for loops that collect without building an array per name).
    @inline(__always) func isElement(_ localName: String, _ ns: NSMask) -> Bool {
        !family.isDisjoint(with: ns) && name.utf8.count == localName.utf8.count && name == localName
    }

    func children(_ localName: String, _ ns: NSMask = NS.any) -> [XMLNode] {
        var out: [XMLNode] = []
        let length = localName.utf8.count
        for c in children where !c.family.isDisjoint(with: ns) && c.name.utf8.count == length && c.name == localName {
            out.append(c)
        }
        return out
    }

    /// The content serialized back to markup: for Atom `type="xhtml"` and for RSS
    /// descriptions that carry unescaped HTML elements.
    var innerXML: String {
        if let leafText { return XMLEscape.text(leafText) }
        var out = ""
        for c in children { c.serialize(into: &out) }
        return out
    }

    private func serialize(into out: inout String) {
        if kind == .text {
            out += XMLEscape.text(value)
            return
        }
        out += "<" + name
        for a in attributes { out += " \(a.name)=\"\(XMLEscape.attribute(a.value))\"" }
        if children.isEmpty && leafText == nil {
            out += "/>"
            return
        }
        out += ">"
        if let leafText { out += XMLEscape.text(leafText) }
        for c in children { c.serialize(into: &out) }
        out += "</\(name)>"
    }
}

struct XMLAttribute {
    let name: String
    let family: NSMask
    let value: String
}

enum XMLEscape {
    static func text(_ s: String) -> String {
        guard s.hasAnyByte(0x26, 0x3C, 0x3E) else { return s }
        var s = s
        return s.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 16)
            appendText(b, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `&`, `<` and `>` escaped, for bytes already on their way into a UTF-8 buffer.
    static func appendText(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count
        var copied = 0
        while true {
            let i = SWAR.firstOf(0x26, 0x3C, 0x3E, in: p, from: copied, count: n)
            out.append(contentsOf: UnsafeBufferPointer(start: p + copied, count: i - copied))
            guard i < n else { return }
            switch p[i] {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])
            default: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])
            }
            copied = i + 1
        }
    }

    static func attribute(_ s: String) -> String {
        let t = text(s)
        return t.hasByte(0x22) ? t.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "&quot;") : t
    }
}

extension String {
    /// Trims ASCII and Unicode whitespace (byte-level; see `HTMLFragment.whitespaceWidth`).
    var trimmedFeedText: String {
        // The ends read from the contiguous bytes: `utf8.last` steps a generic index back, and
        // a `var` copy for `withUTF8` costs a retain and release per call.
        let firstAndLast = { (b: UnsafeBufferPointer<UInt8>) -> (UInt8, UInt8)? in b.isEmpty ? nil : (b[0], b[b.count - 1]) }
        let ends = utf8.withContiguousStorageIfAvailable(firstAndLast) ?? { var copy = self; return copy.withUTF8(firstAndLast) }()
        guard let (f, l) = ends else { return self }
        if f < 0x80 && l < 0x80 && !Self.isSpace(f) && !Self.isSpace(l) && f != 0x0B && f != 0x0C { return self }
        var s = self
        return s.withUTF8 { b in
            var start = 0
            while start < b.count {
                let w = HTMLFragment.whitespaceWidth(b, start)
                if w == 0 { break }
                start += w
            }
            var end = b.count
            while end > start {
                // Step back over one character and test it.
                var k = end - 1
                while k > start, b[k] & 0xC0 == 0x80 { k -= 1 }
                if HTMLFragment.whitespaceWidth(b, k) == end - k { end = k } else { break }
            }
            if start == 0 && end == b.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
    }

    /// `lowercased()`, without building a new string when there is nothing to lower (the
    /// usual attribute value: "html", "alternate").
    var lowercasedIfNeeded: String {
        var copy = self
        let plain = copy.withUTF8 { b in !b.contains { $0 &- 0x41 < 26 || $0 >= 0x80 } }
        return plain ? self : lowercased()
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
