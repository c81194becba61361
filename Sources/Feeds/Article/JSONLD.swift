import Foundation

extension ArticleExtractor {
    /// The schema.org Article facts a page states in `<script type="application/ld+json">`
    /// (https://schema.org/NewsArticle). Publishers fill these for search engines, so they
    /// are usually the cleanest source of headline, authors and dates.
    struct LinkedData {
        var headline: String?
        var authors: [String] = []
        var datePublished: String?
        var dateModified: String?
        var description: String?
        var image: String?
        var url: String?
        var articleBody: String?
        var language: String?
        var publisher: String?
        var keywords: [String] = []
        var isArticle = false

        static let articleTypes: Set<String> = [
            "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
            "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
            "techarticle", "scholarlyarticle", "report", "advertisercontentarticle", "satiricalarticle",
        ]

        init() {}

        init(scripts: [String]) {
            for script in scripts {
                var source = script.trimmingCharacters(in: .whitespacesAndNewlines)
                if source.hasPrefix("<![CDATA[") { source = String(source.dropFirst(9).dropLast(3)) }
                guard let data = source.data(using: .utf8),
                      let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
                      let article = Self.findArticle(json, depth: 0) else { continue }
                fill(from: article)
                return
            }
        }

        private static func types(_ object: [String: Any]) -> [String] {
            if let type = object["@type"] as? String { return [type.lowercased()] }
            if let types = object["@type"] as? [Any] { return types.compactMap { ($0 as? String)?.lowercased() } }
            return []
        }

        private static func findArticle(_ json: Any, depth: Int) -> [String: Any]? {
            guard depth < 8 else { return nil }
            if let array = json as? [Any] {
                for element in array { if let found = findArticle(element, depth: depth + 1) { return found } }
                return nil
            }
            guard let object = json as? [String: Any] else { return nil }
            if types(object).contains(where: articleTypes.contains) { return object }
            if let graph = object["@graph"], let found = findArticle(graph, depth: depth + 1) { return found }
            if let entity = object["mainEntity"], let found = findArticle(entity, depth: depth + 1) { return found }
            return nil
        }

        private mutating func fill(from object: [String: Any]) {
            isArticle = true
            headline = Self.string(object["headline"]) ?? Self.string(object["name"])
            authors = Self.names(object["author"]) ?? Self.names(object["creator"]) ?? []
            datePublished = Self.string(object["datePublished"]) ?? Self.string(object["dateCreated"])
            dateModified = Self.string(object["dateModified"])
            description = Self.string(object["description"])
            image = Self.url(object["image"]) ?? Self.url(object["thumbnailUrl"])
            url = Self.string(object["url"]) ?? Self.url(object["mainEntityOfPage"])
            articleBody = Self.string(object["articleBody"])
            language = Self.string(object["inLanguage"]) ?? Self.name(object["inLanguage"])
            publisher = Self.name(object["publisher"])
            if let words = object["keywords"] as? [Any] {
                keywords = words.compactMap { Self.string($0) }
            } else if let words = Self.string(object["keywords"]) {
                keywords = words.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        }

        private static func string(_ value: Any?) -> String? {
            if let text = value as? String {
                let clean = Whitespace.collapse(text)
                return clean.isEmpty ? nil : clean
            }
            if let array = value as? [Any] { return array.lazy.compactMap { string($0) }.first }
            return nil
        }

        private static func name(_ value: Any?) -> String? {
            if let object = value as? [String: Any] { return string(object["name"]) }
            if let array = value as? [Any] { return array.lazy.compactMap { name($0) }.first }
            return string(value)
        }

        private static func names(_ value: Any?) -> [String]? {
            var out: [String] = []
            if let array = value as? [Any] {
                out = array.compactMap { name($0) }
            } else if let single = name(value) {
                out = [single]
            }
            out = out.filter { !$0.hasPrefix("http://") && !$0.hasPrefix("https://") }
            return out.isEmpty ? nil : out
        }

        private static func url(_ value: Any?) -> String? {
            if let object = value as? [String: Any] {
                return string(object["url"]) ?? string(object["@id"]) ?? string(object["contentUrl"])
            }
            if let array = value as? [Any] { return array.lazy.compactMap { url($0) }.first }
            return string(value)
        }
    }
}
