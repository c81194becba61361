import Foundation

extension ArticleExtractor {
    /// The class/id vocabularies of Mozilla Readability (Readability.js `REGEXPS`), kept as
    /// substring lists: they are plain alternations, and `contains` on a lowercased string
    /// is far cheaper than a regex engine on every element of a page.
    enum Patterns {
        static let unlikelyCandidates = [
            "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
            "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
            "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
            "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
            // Aggregator chrome seen on MSN/Yahoo-style pages.
            "app-banner", "openinapp", "open-in-app", "newsletter", "recommend", "trending",
        ]
        static let maybeCandidate = ["and", "article", "body", "column", "content", "main", "mathjax", "shadow"]
        static let positive = [
            "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
            "post", "text", "blog", "story",
        ]
        static let negative = [
            "-ad-", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
            "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
            "skyscraper", "sponsor", "shopping", "tags", "widget", "hidden",
        ]
        static let byline = ["byline", "author", "dateline", "writtenby", "p-author"]

        static func matchesAny(_ haystack: String, _ needles: [String]) -> Bool {
            guard !haystack.isEmpty else { return false }
            var haystack = haystack
            return haystack.withUTF8 { bytes in
                needles.contains { needle in contains(bytes, needle) }
            }
        }

        /// Byte-wise substring search (the needles are ASCII), avoiding Foundation's
        /// locale-aware `range(of:)` on this hot path.
        private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
            let pattern = Array(needle.utf8)
            guard let first = pattern.first, bytes.count >= pattern.count else { return false }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == first {
                    var offset = 1
                    while offset < pattern.count && bytes[index + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                index += 1
            }
            return false
        }

        /// Readability's `negative` also matches the bare word "hid".
        static func isNegative(_ value: String) -> Bool {
            matchesAny(value, negative) || value.split(separator: " ").contains("hid")
        }

        /// `(\b|_)(share|sharedaddy)(\b|_)`: share as a word of a class name.
        static func isShareElement(_ value: String) -> Bool {
            value.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0 == "share" || $0 == "sharedaddy" }
        }

        static let unlikelyRoles: Set<String> = [
            "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
        ]

        static let blockElements: Set<String> = [
            "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "figure", "section",
            "article", "aside", "header", "footer", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
            "form", "hr", "li", "address", "main", "fieldset", "details",
        ]

        /// Elements that hold inline ("phrasing") content, HTML §3.2.5.2.5.
        static let phrasing: Set<String> = [
            "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn",
            "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript",
            "object", "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span",
            "strong", "sub", "sup", "textarea", "time", "var", "wbr", "a", "del", "ins", "u", "s",
            "font", "#text", "picture", "svg", "canvas", "iframe", "video", "map", "area", "tt", "big",
        ]

        static let tagsToScore: Set<String> = ["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"]

        /// Phrases that mark a block as page furniture rather than article text, whatever
        /// its markup. Matched against a block's whole, lowercased text (short blocks only).
        static let boilerplatePhrases = [
            "open in app", "expand all", "you may also like", "related stories", "related articles",
            "read more", "sign up for", "subscribe to our", "newsletter", "share this", "share on",
            "follow us", "advertisement", "comments /", "view comments", "continue reading",
            "recommended for you", "more from", "most read", "most popular", "trending now",
            "download the app", "get the app", "story continues below", "skip to", "all rights reserved",
            "click here", "sign in", "log in", "privacy policy", "terms of use", "cookie",
        ]
    }
}
