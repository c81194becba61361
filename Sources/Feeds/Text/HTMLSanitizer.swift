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
        let r = render(html, baseURL: baseURL)
        return (r.html, r.richMarkup)
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
