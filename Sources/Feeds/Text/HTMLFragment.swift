/// HTML fragments from feeds (descriptions, content:encoded, Atom html content) turned into
/// what the rest of newsalert needs: plain text for matching and summaries, and a sanitized
/// HTML body for email templates.
public enum HTMLFragment {
    /// Elements that end a paragraph in plain text.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "blockquote", "section", "article", "header", "footer", "pre", "figure", "figcaption",
        "hr", "dd", "dt", "dl", "aside", "nav", "main", "address", "details", "summary", "td", "th",
    ]

    /// Elements whose content is never text a reader sees.
    static let hidden: Set<String> = [
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
        "head", "title", "select", "textarea", "button", "form", "noembed", "noframes", "canvas",
    ]

    /// Plain text: tags stripped, entities decoded, whitespace collapsed, one paragraph per line.
    public static func plainText(_ html: String) -> String {
        // Titles, authors and categories are mostly plain single-spaced ASCII already.
        if isPlainLine(html) { return html }
        let html = unescapeIfDoubleEscaped(html)
        guard html.hasAnyByte(0x3C, 0x26) else {
            return normalizeWhitespace(html)
        }
        return String(decoding: HTMLRender(html, sanitize: false, baseURL: nil).text, as: UTF8.self)
    }

    /// The plain text and the sanitized HTML of one fragment from a single tokenizer pass;
    /// `richMarkup` as in `sanitizeReportingMarkup`.
    static func render(_ html: String, baseURL: String?) -> (text: String, html: String, richMarkup: Bool) {
        let r = HTMLRender(unescapeIfDoubleEscaped(html), sanitize: true, baseURL: baseURL)
        return (String(decoding: r.text, as: UTF8.self),
                String(decoding: r.html, as: UTF8.self).trimmedFeedText, r.richMarkup)
    }

    /// Printable ASCII, single-spaced, no markup or entity: what `plainText` returns unchanged.
    static func isPlainLine(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            SWAR.isNormalizedLine(b) && SWAR.firstOf(0x3C, 0x26, 0x3C, in: b.baseAddress!, from: 0, count: b.count) == b.count
        }
    }

    /// Collapses runs of whitespace (including U+00A0 and the other Unicode spaces) into one
    /// space and trims; newlines too.
    public static func normalizeWhitespace(_ s: String) -> String {
        var s = s
        return s.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            appendNormalizedLine(b, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Byte length of the whitespace character at `i` (0 if none): ASCII whitespace, U+0085,
    /// U+00A0, U+1680, U+2000–U+200B, U+2028/9, U+202F, U+205F, U+3000, U+FEFF.
    static func whitespaceWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        let n = b.count
        if c == 0xC2, i + 1 < n { return b[i + 1] == 0xA0 || b[i + 1] == 0x85 ? 2 : 0 }
        guard i + 2 < n else { return 0 }
        let c1 = b[i + 1], c2 = b[i + 2]
        switch c {
        case 0xE2:
            if c1 == 0x80 && (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            if c1 == 0x81 && c2 == 0x9F { return 3 }
        case 0xE3: if c1 == 0x80 && c2 == 0x80 { return 3 }
        case 0xE1: if c1 == 0x9A && c2 == 0x80 { return 3 }
        case 0xEF: if c1 == 0xBB && c2 == 0xBF { return 3 }
        default: break
        }
        return 0
    }

    /// Text escaped twice ("&lt;p&gt;Hello&lt;/p&gt;" with no real tag) is unescaped once,
    /// as feedparser and gofeed do for descriptions that went through two encoders.
    public static func unescapeIfDoubleEscaped(_ s: String) -> String {
        guard !s.hasByte(0x3C), s.hasByte(0x26) else { return s }
        var str = s
        let escaped = str.withUTF8 { b -> Bool in
            var i = 0
            while i + 4 < b.count {
                if b[i] == 0x26, b[i + 1] == 0x6C, b[i + 2] == 0x74, b[i + 3] == 0x3B {
                    var j = i + 4
                    if j < b.count, b[j] == 0x2F { j += 1 }
                    let start = j
                    while j < b.count, j - start < 12, isASCIIAlnum(b[j]) { j += 1 }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<j]), as: UTF8.self).lowercased()
                    if escapedTagNames.contains(name) { return true }
                    i = j
                } else {
                    i += 1
                }
            }
            return false
        }
        return escaped ? HTMLEntities.decode(s) : s
    }

    static func isASCIIAlnum(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39)
    }

    /// Tags whose escaped form signals escaped HTML rather than prose about angle brackets.
    static let escapedTagNames: Set<String> = [
        "p", "br", "a", "b", "i", "u", "em", "strong", "div", "span", "img", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table", "tr",
        "td", "pre", "code", "hr", "iframe", "script", "style", "small", "sup", "sub",
    ]
}
