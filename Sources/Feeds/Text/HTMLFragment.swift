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
        guard !s.utf8.contains(0x3C), let r = s.range(of: "&lt;") else { return s }
        let after = s[r.upperBound...].first
        guard let c = after, c.isLetter || c == "/" || c == "!" else { return s }
        return HTMLEntities.decode(s)
    }
}
