import Foundation

extension ArticleExtractor {
    /// Turns the cleaned article container into `text` (one paragraph per line) and into
    /// sanitized HTML for e-mail templates.
    enum Render {
        static let lineBreaking: Set<String> = [
            "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "section",
            "article", "figure", "ul", "ol", "table", "dd", "dt", "dl", "header", "footer", "main", "hr",
            "address", "details", "summary", "aside", "form", "fieldset", "center", "caption",
        ]
        static let skipped: Set<String> = [
            "script", "style", "noscript", "template", "figcaption", "button", "select", "textarea",
            "svg", "math", "iframe", "object", "embed", "video", "audio", "canvas", "head", "title",
        ]

        static func text(_ root: Node) -> String {
            var lines: [String] = []
            var current = ""
            func flush() {
                let line = Whitespace.collapse(current)
                if !line.isEmpty { lines.append(line) }
                current = ""
            }
            func walk(_ node: Node) {
                if node.isText { current += node.text; return }
                if skipped.contains(node.tag) { return }
                if node.tag == "br" { flush(); return }
                if node.tag == "td" || node.tag == "th" { current += " " }
                let breaks = lineBreaking.contains(node.tag)
                if breaks { flush() }
                for child in node.children { walk(child) }
                if breaks { flush() }
            }
            walk(root)
            flush()
            return lines.joined(separator: "\n")
        }

        static let allowedTags: Set<String> = [
            "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong",
            "b", "i", "u", "a", "img", "figure", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
            "caption", "br", "hr", "sup", "sub", "dl", "dt", "dd", "q", "cite", "abbr", "small", "mark",
            "del", "ins", "s", "picture", "time",
        ]
        static let voidTags: Set<String> = ["br", "hr", "img"]

        /// Allow-listed elements and attributes only: no script/style, no event handlers, no
        /// `javascript:` or other non-http(s) URLs; links and images made absolute.
        static func html(_ root: Node, resolver: Resolver) -> String {
            var out = ""
            func walk(_ node: Node) {
                if node.isText { out += escape(node.text, attribute: false); return }
                if skipped.contains(node.tag) { return }
                let tag = node.tag == "h1" ? "h2" : node.tag
                guard allowedTags.contains(tag) else {
                    let block = lineBreaking.contains(tag) && tag != "div"
                    if tag == "div" || block { out += "\n" }
                    for child in node.children { walk(child) }
                    return
                }
                var attributes = ""
                switch tag {
                case "a":
                    if let href = resolver.resolve(node.attribute("href")) {
                        attributes = " href=\"\(escape(href, attribute: true))\""
                    }
                case "img":
                    let source = node.attribute("src").flatMap { $0.hasPrefix("data:") ? nil : $0 }
                        ?? node.attribute("data-src") ?? node.attribute("data-original")
                    guard let src = resolver.resolve(source) else { return }
                    attributes = " src=\"\(escape(src, attribute: true))\""
                    if let alt = node.attribute("alt") { attributes += " alt=\"\(escape(alt, attribute: true))\"" }
                case "time":
                    if let datetime = node.attribute("datetime") {
                        attributes = " datetime=\"\(escape(datetime, attribute: true))\""
                    }
                case "td", "th":
                    for name in ["colspan", "rowspan"] {
                        if let value = node.attribute(name), Int(value) != nil { attributes += " \(name)=\"\(value)\"" }
                    }
                default:
                    break
                }
                out += "<\(tag)\(attributes)>"
                if voidTags.contains(tag) { return }
                for child in node.children { walk(child) }
                out += "</\(tag)>"
            }
            for child in root.children { walk(child) }
            return out
        }

        static func escape(_ text: String, attribute: Bool) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"" where attribute: out += "&quot;"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
    }

    /// Feeds a page advertises with `<link rel="alternate" type="…">` (RSS Board autodiscovery,
    /// RFC 4287 §5 practice, JSON Feed 1.1 "Discovery"). Comment feeds go last.
    enum FeedDiscovery {
        static let types: Set<String> = [
            "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
            "application/rdf+xml", "text/xml", "application/xml", "application/x.atom+xml",
            "application/x-atom+xml", "application/rss",
        ]

        static func feeds(_ root: Node, resolver: Resolver) -> [String] {
            var main: [String] = []
            var comments: [String] = []
            for link in root.descendants(["link", "a"]) where Rel.has(link, "alternate") {
                let type = (link.attribute("type") ?? "").lowercased().split(separator: ";").first
                    .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard types.contains(type), let href = resolver.resolve(link.attribute("href")) else { continue }
                let title = (link.attribute("title") ?? "").lowercased()
                let isComments = title.contains("comment") || href.lowercased().contains("/comments/feed")
                if main.contains(href) || comments.contains(href) { continue }
                if isComments { comments.append(href) } else { main.append(href) }
            }
            return main + comments
        }
    }
}
