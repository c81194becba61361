/// The sanitized HTML body kept for email templates: an allowlist of elements and
/// attributes (the approach of OWASP's HTML sanitizers and bluemonday's UGCPolicy), with
/// scripts, styles, event handlers and `javascript:` URLs removed and relative links
/// resolved against the item's base URL.
extension HTMLFragment {
    static let allowedElements: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
        "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp",
        "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "time", "tr", "u", "ul", "audio", "video", "wbr",
    ]
    static let voidElements: Set<String> = ["br", "hr", "img", "source", "wbr"]
    static let allowedAttributes: Set<String> = [
        "href", "src", "srcset", "alt", "title", "width", "height", "cite", "datetime", "colspan",
        "rowspan", "lang", "dir", "controls", "poster", "type", "media",
    ]
    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster"]

    /// Allowlisted HTML with relative URLs made absolute against `baseURL`.
    public static func sanitize(_ html: String, baseURL: String?) -> String {
        sanitizeReportingMarkup(html, baseURL: baseURL).html
    }

    /// The sanitized HTML, and whether it holds any element besides `p`, `br` and `div`
    /// (see `Story.html`: paragraphs-only bodies are not kept beside `text`).
    static func sanitizeReportingMarkup(_ html: String, baseURL: String?) -> (html: String, richMarkup: Bool) {
        var rich = false
        let html = unescapeIfDoubleEscaped(html)
        var out = ""
        var hiddenDepth = 0
        var open: [String] = []
        var tokenizer = HTMLTokenizer(html)
        while let token = tokenizer.next() {
            switch token {
            case .text(let t):
                guard hiddenDepth == 0 else { continue }
                out += XMLEscape.text(HTMLEntities.decode(String(decoding: t, as: UTF8.self)))
            case .start(let name, let attributes, let selfClosing):
                if hidden.contains(name) {
                    if !selfClosing && !voidElements.contains(name) { hiddenDepth += 1 }
                    continue
                }
                guard hiddenDepth == 0, allowedElements.contains(name) else { continue }
                if name != "p" && name != "br" && name != "div" { rich = true }
                out += "<" + name
                for (attr, value) in attributes where allowedAttributes.contains(attr) {
                    var v = value
                    if urlAttributes.contains(attr) {
                        guard let safe = safeURL(value, base: baseURL) else { continue }
                        v = safe
                    } else if attr == "srcset" {
                        v = value.split(separator: ",").compactMap { candidate -> String? in
                            let parts = candidate.split(separator: " ", maxSplits: 1)
                            guard let first = parts.first, let u = safeURL(String(first), base: baseURL) else { return nil }
                            return parts.count > 1 ? u + " " + parts[1] : u
                        }.joined(separator: ", ")
                    }
                    out += " \(attr)=\"\(XMLEscape.attribute(v))\""
                }
                if voidElements.contains(name) {
                    out += ">"
                } else {
                    out += ">"
                    open.append(name)
                }
            case .end(let name):
                if hidden.contains(name) {
                    hiddenDepth = max(0, hiddenDepth - 1)
                    continue
                }
                guard hiddenDepth == 0, allowedElements.contains(name), !voidElements.contains(name),
                      let k = open.lastIndex(of: name) else { continue }
                for n in open[k...].reversed() { out += "</\(n)>" }
                open.removeSubrange(k...)
            }
        }
        for n in open.reversed() { out += "</\(n)>" }
        return (out.trimmedFeedText, rich)
    }

    /// Only http(s), mailto and fragment/relative references survive; `javascript:`,
    /// `vbscript:`, `data:` and the like are dropped, even when obfuscated with whitespace
    /// or control characters (browsers ignore those inside the scheme).
    static func safeURL(_ raw: String, base: String?) -> String? {
        let compact = String(raw.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }).lowercased()
        if let colon = compact.firstIndex(of: ":"), URLResolver.hasScheme(String(compact[...colon])) {
            let scheme = compact[..<colon]
            guard scheme == "http" || scheme == "https" || scheme == "mailto" else { return nil }
        }
        return URLResolver.resolve(raw, against: base)
    }
}
