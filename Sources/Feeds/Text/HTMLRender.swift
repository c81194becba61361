/// One tokenizer pass over a feed's HTML fragment that yields both forms the story keeps:
/// the plain text (one paragraph per line) and, when asked, the sanitized HTML. Both are
/// built as UTF-8 bytes and turned into a `String` once; per-paragraph strings, entity
/// decoding into new strings and `String +=` were most of the per-item cost of feed parsing
/// (Benchmarks/FeedBench/RESULTS.md).
struct HTMLRender {
    private(set) var text: [UInt8] = []
    private(set) var html: [UInt8] = []
    private(set) var richMarkup = false
    private let sanitizing: Bool
    private let baseURL: String?
    private var line: [UInt8] = []
    private var scratch: [UInt8] = []
    private var hiddenDepth = 0
    private var open: [String] = []

    /// Renders `fragment` (already unescaped once if it was double-escaped).
    init(_ fragment: String, sanitize: Bool, baseURL: String?) {
        sanitizing = sanitize
        self.baseURL = baseURL
        text.reserveCapacity(fragment.utf8.count)
        if sanitize { html.reserveCapacity(fragment.utf8.count + 64) }
        var tokenizer = HTMLTokenizer(fragment)
        while let token = tokenizer.next() {
            switch token {
            case .text(let t): addText(t)
            case .start(let name, let attributes, let selfClosing): start(name, attributes, selfClosing)
            case .end(let name): end(name)
            }
        }
        breakLine()
        if sanitize { for n in open.reversed() { appendEndTag(n) } }
    }

    private mutating func addText(_ t: ArraySlice<UInt8>) {
        guard hiddenDepth == 0 else { return }
        line.append(contentsOf: t)
        guard sanitizing else { return }
        t.withUnsafeBufferPointer { t in
            guard HTMLEntities.hasAmpersand(t) else { return XMLEscape.appendText(t, to: &html) }
            scratch.removeAll(keepingCapacity: true)
            HTMLEntities.decode(t, into: &scratch)
            scratch.withUnsafeBufferPointer { XMLEscape.appendText($0, to: &html) }
        }
    }

    private mutating func start(_ name: String, _ attributes: [(name: String, value: String)], _ selfClosing: Bool) {
        let tag = TagClass.of(name)
        if tag.contains(.hidden) {
            if !selfClosing { hiddenDepth += 1 }
            return
        }
        if tag.contains(.block) { breakLine() }
        else if tag.contains(.image) { line.append(0x20) }
        guard sanitizing, hiddenDepth == 0, tag.contains(.allowed) else { return }
        if tag.contains(.rich) { richMarkup = true }
        html.append(0x3C)
        html.append(contentsOf: name.utf8)
        for (attr, value) in attributes where HTMLFragment.allowedAttributes.contains(attr) {
            var v = value
            if HTMLFragment.urlAttributes.contains(attr) {
                guard let safe = HTMLFragment.safeURL(value, base: baseURL) else { continue }
                v = safe
            } else if attr == "srcset" {
                v = HTMLFragment.safeSrcset(value, base: baseURL)
            }
            html.append(0x20)
            html.append(contentsOf: attr.utf8)
            html.append(contentsOf: [0x3D, 0x22])
            html.append(contentsOf: XMLEscape.attribute(v).utf8)
            html.append(0x22)
        }
        html.append(0x3E)
        if !tag.contains(.void) { open.append(name) }
    }

    private mutating func end(_ name: String) {
        let tag = TagClass.of(name)
        if tag.contains(.hidden) {
            hiddenDepth = max(0, hiddenDepth - 1)
            return
        }
        if tag.contains(.block) { breakLine() }
        guard sanitizing, hiddenDepth == 0, tag.contains(.allowed),
              !tag.contains(.void), let k = open.lastIndex(of: name) else { return }
        for n in open[k...].reversed() { appendEndTag(n) }
        open.removeSubrange(k...)
    }

    private mutating func appendEndTag(_ name: String) {
        html.append(contentsOf: [0x3C, 0x2F])
        html.append(contentsOf: name.utf8)
        html.append(0x3E)
    }

    /// Ends a paragraph: its entities decoded, whitespace collapsed, appended as one line.
    private mutating func breakLine() {
        guard !line.isEmpty else { return }
        line.withUnsafeBufferPointer { l in
            guard HTMLEntities.hasAmpersand(l) else { return HTMLFragment.appendNormalizedLine(l, to: &text) }
            scratch.removeAll(keepingCapacity: true)
            HTMLEntities.decode(l, into: &scratch)
            scratch.withUnsafeBufferPointer { HTMLFragment.appendNormalizedLine($0, to: &text) }
        }
        line.removeAll(keepingCapacity: true)
    }
}

extension HTMLFragment {
    /// Appends `b` with whitespace runs collapsed to one space and trimmed, preceded by a
    /// newline when `out` already holds a line; nothing when `b` is only whitespace.
    static func appendNormalizedLine(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Most paragraphs are already single-spaced printable ASCII: one bulk copy.
        if SWAR.isNormalizedLine(b) {
            if !out.isEmpty { out.append(0x0A) }
            out.append(contentsOf: b)
            return
        }
        appendNormalizedLineSlowly(b, to: &out)
    }

    /// `appendNormalizedLine` byte by byte, for any input.
    static func appendNormalizedLineSlowly(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let n = b.count
        guard n > 0 else { return }
        // Written through a pointer into room made up front: `append` per byte pays a
        // uniqueness check each time.
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: n + 1))
        let end = out.withUnsafeMutableBufferPointer { o -> Int in
            var k = start
            var pendingSpace = false
            var wrote = false
            var i = 0
            while i < n {
                let c = b[i]
                if !(c > 0x20 && c < 0x80) {
                    let w = whitespaceWidth(b, i)
                    if w > 0 {
                        pendingSpace = true
                        i += w
                        continue
                    }
                }
                if !wrote {
                    if start > 0 { o[k] = 0x0A; k += 1 }
                    wrote = true
                } else if pendingSpace {
                    o[k] = 0x20
                    k += 1
                }
                pendingSpace = false
                o[k] = c
                k += 1
                i += 1
                // The rest of a printable ASCII run needs no other test.
                while i < n, b[i] > 0x20, b[i] < 0x80 {
                    o[k] = b[i]
                    k += 1
                    i += 1
                }
            }
            return k
        }
        out.removeSubrange(end...)
    }

    static func safeSrcset(_ value: String, base: String?) -> String {
        value.split(separator: ",").compactMap { candidate -> String? in
            let parts = candidate.split(separator: " ", maxSplits: 1)
            guard let first = parts.first, let u = safeURL(String(first), base: base) else { return nil }
            return parts.count > 1 ? u + " " + parts[1] : u
        }.joined(separator: ", ")
    }
}
