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
        let html = unescapeIfDoubleEscaped(html)
        guard html.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else {
            return normalizeWhitespace(html)
        }
        var lines: [String] = []
        var line: [UInt8] = []
        var hiddenDepth = 0
        var tokenizer = HTMLTokenizer(html)
        func breakLine() {
            let text = normalizeWhitespace(HTMLEntities.decode(String(decoding: line, as: UTF8.self)))
            if !text.isEmpty { lines.append(text) }
            line.removeAll(keepingCapacity: true)
        }
        while let token = tokenizer.next() {
            switch token {
            case .text(let t):
                if hiddenDepth == 0 { line.append(contentsOf: t) }
            case .start(let name, _, let selfClosing):
                if hidden.contains(name), !selfClosing { hiddenDepth += 1 }
                else if blocks.contains(name) { breakLine() }
                else if name == "img" || name == "td" { line.append(0x20) }
            case .end(let name):
                if hidden.contains(name) { hiddenDepth = max(0, hiddenDepth - 1) }
                else if blocks.contains(name) { breakLine() }
            }
        }
        breakLine()
        return lines.joined(separator: "\n")
    }

    /// Collapses runs of whitespace (including U+00A0) into one space and trims; newlines too.
    public static func normalizeWhitespace(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            if u.properties.isWhitespace || u == "\u{200B}" || u == "\u{FEFF}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
        }
        return String(out)
    }

    /// Text escaped twice ("&lt;p&gt;Hello&lt;/p&gt;" with no real tag) is unescaped once,
    /// as feedparser and gofeed do for descriptions that went through two encoders.
    public static func unescapeIfDoubleEscaped(_ s: String) -> String {
        guard !s.utf8.contains(0x3C) else { return s }
        var search = s[...]
        while let r = search.range(of: "&lt;") {
            var rest = search[r.upperBound...]
            if rest.first == "/" { rest = rest.dropFirst() }
            let name = rest.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) }).lowercased()
            if escapedTagNames.contains(name) { return HTMLEntities.decode(s) }
            search = search[r.upperBound...]
        }
        return s
    }

    /// Tags whose escaped form signals escaped HTML rather than prose about angle brackets.
    static let escapedTagNames: Set<String> = [
        "p", "br", "a", "b", "i", "u", "em", "strong", "div", "span", "img", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table", "tr",
        "td", "pre", "code", "hr", "iframe", "script", "style", "small", "sup", "sub",
    ]
}
