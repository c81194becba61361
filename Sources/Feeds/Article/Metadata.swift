import Foundation

extension ArticleExtractor {
    /// Facts about the page read from its `<head>`, JSON-LD and byline markup, before the
    /// content scorer reshapes the tree.
    struct Metadata {
        var title = ""
        var authors: [String] = []
        var published: Date?
        var publishedIsRelative = false
        var updated: Date?
        var canonical: String?
        var image: String?
        var language: String?
        var description: String?
        var siteName: String?
        var ogType: String?
        var categories: [String] = []
        var linkedData = LinkedData()
        var warnings: [String] = []

        init(root: Node, base: URL?, httpLanguage: String?, fetchedAt: Date) {
            let meta = MetaTags(root: root)
            let scripts = root.descendants(["script"])
                .filter { ($0.attribute("type") ?? "").lowercased().contains("ld+json") }
                .map(\.textContent)
            linkedData = LinkedData(scripts: scripts)
            siteName = meta["og:site_name"] ?? linkedData.publisher
            ogType = meta["og:type"]?.lowercased()
            title = Titles.choose(root: root, meta: meta, linkedData: linkedData, siteName: siteName)
            authors = Bylines.fromMetadata(meta: meta, linkedData: linkedData)
            description = meta.first(["description", "og:description", "twitter:description"]) ?? linkedData.description
            categories = linkedData.keywords
            if categories.isEmpty, let section = meta["article:section"] { categories = [section] }

            let resolver = Resolver(base: base, root: root)
            canonical = resolver.resolve(root.descendants(["link"]).first { Rel.has($0, "canonical") }?.attribute("href"))
                ?? resolver.resolve(meta["og:url"]) ?? resolver.resolve(linkedData.url)
            let imageLink = root.descendants(["link"]).first { Rel.has($0, "image_src") }?.attribute("href")
            let imageMeta = meta.first(["og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"])
            image = resolver.resolve(imageMeta ?? linkedData.image ?? imageLink)
            language = Self.language(root: root, meta: meta, linkedData: linkedData, httpLanguage: httpLanguage)

            let publishedKeys = [
                "article:published_time", "datepublished", "publishdate", "pubdate", "publish-date",
                "article.published", "og:published_time", "dc.date.issued", "dc.date", "dcterms.created",
                "date", "sailthru.date", "parsely-pub-date",
            ]
            let publishedRaw = meta["article:published_time"] ?? linkedData.datePublished
                ?? meta.first(publishedKeys) ?? Self.timeElement(root)
            if let publishedRaw {
                published = ArticleDates.parse(publishedRaw)
                if published == nil { warnings.append("unparseable publication date \"\(publishedRaw.prefix(60))\"; left empty") }
            }
            if published == nil, let relative = Self.relativeDate(root, now: fetchedAt) {
                published = relative
                publishedIsRelative = true
            }
            if let raw = meta["article:modified_time"] ?? linkedData.dateModified
                ?? meta.first(["og:updated_time", "datemodified"]) {
                updated = ArticleDates.parse(raw)
            }
        }

        /// `<html lang>`, then og:locale, Content-Language (meta, then HTTP), JSON-LD inLanguage.
        private static func language(root: Node, meta: MetaTags, linkedData: LinkedData, httpLanguage: String?) -> String? {
            let html = root.first(["html"])
            let candidates: [String?] = [
                html?.attribute("lang"), html?.attribute("xml:lang"), meta["og:locale"],
                meta["content-language"], meta["language"], httpLanguage, linkedData.language,
            ]
            for candidate in candidates {
                guard let raw = candidate?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces),
                      !raw.isEmpty else { continue }
                let parts = raw.replacingOccurrences(of: "_", with: "-").split(separator: "-")
                guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy(\.isLetter) else { continue }
                var tag = primary.lowercased()
                if parts.count > 1 { tag += "-" + (parts[1].count == 2 ? parts[1].uppercased() : String(parts[1])) }
                return tag
            }
            return nil
        }

        /// `itemprop=datePublished`, else `<time pubdate>`, else the first `<time datetime>`.
        private static func timeElement(_ root: Node) -> String? {
            let dated = root.descendants().filter { $0.attribute("itemprop") == "datePublished" }
            if let node = dated.first {
                return node.attribute("content") ?? node.attribute("datetime") ?? node.innerText
            }
            let times = root.descendants(["time"]).filter { $0.attribute("datetime") != nil }
            return (times.first { $0.attribute("pubdate") != nil } ?? times.first)?.attribute("datetime")
        }

        /// The first short text in the page that is a relative time ("5 hours ago").
        private static func relativeDate(_ root: Node, now: Date) -> Date? {
            var stack: [Node] = [root]
            while let node = stack.popLast() {
                if ["script", "style", "noscript", "template"].contains(node.tag) { continue }
                if node.isText {
                    let text = node.text
                    if text.count <= 80, let date = ArticleDates.relative(text, now: now) { return date }
                    continue
                }
                stack.append(contentsOf: node.children.reversed())
            }
            return nil
        }
    }

    /// `<meta>` values by lowercased `property`, `name`, `itemprop` or `http-equiv`; the first wins.
    struct MetaTags {
        private var values: [String: String] = [:]

        init(root: Node) {
            for meta in root.descendants(["meta"]) {
                guard let content = meta.attribute("content").map(Whitespace.collapse), !content.isEmpty else { continue }
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    guard let names = meta.attribute(key) else { continue }
                    for name in names.lowercased().split(separator: " ") where values[String(name)] == nil {
                        values[String(name)] = content
                    }
                }
            }
        }

        subscript(_ key: String) -> String? { values[key] }

        /// The value of the first key present.
        func first(_ keys: [String]) -> String? {
            for key in keys { if let value = values[key] { return value } }
            return nil
        }
    }

    enum Rel {
        static func has(_ node: Node, _ value: String) -> Bool {
            (node.attribute("rel") ?? "").lowercased().split(separator: " ").contains { $0 == value }
        }
    }

    /// Resolves links against `<base href>` (itself resolved against the page URL), HTML §2.4.
    struct Resolver {
        let base: URL?

        init(base page: URL?, root: Node) {
            if let href = root.descendants(["base"]).first(where: { $0.attribute("href") != nil })?.attribute("href"),
               let resolved = URL(string: href.trimmingCharacters(in: .whitespaces), relativeTo: page)?.absoluteURL,
               resolved.scheme != nil {
                base = resolved
            } else {
                base = page
            }
        }

        func resolve(_ raw: String?) -> String? {
            guard let raw = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
            let lower = raw.lowercased()
            if lower.hasPrefix("javascript:") || lower.hasPrefix("data:") || lower.hasPrefix("vbscript:") { return nil }
            let encoded = raw.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? raw
            guard let url = URL(string: encoded, relativeTo: base)?.absoluteURL else { return nil }
            guard let scheme = url.scheme?.lowercased() else { return base == nil ? raw : nil }
            return ["http", "https"].contains(scheme) || base == nil ? url.absoluteString : nil
        }

        private static let allowed = CharacterSet.urlFragmentAllowed.union(.urlQueryAllowed)
            .union(.urlPathAllowed).union(CharacterSet(charactersIn: "#%"))
    }
}
