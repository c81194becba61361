import Foundation

/// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/): 1.1's `authors` and
/// `language` with 1.0's `author` as fallback.
enum JSONFeedAdapter {
    static func parse(_ data: Data, base: String?, where location: String) throws(FeedError) -> (FeedInfo, [RawItem]) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw FeedError("feeds: \(location): invalid JSON (\(error.localizedDescription)); check that the source serves a JSON Feed")
        }
        guard let root = object as? [String: Any] else {
            throw FeedError("feeds: \(location): JSON document is not a JSON Feed object")
        }
        let version = root["version"] as? String ?? ""
        guard version.contains("jsonfeed.org") || root["items"] is [Any] else {
            throw FeedError("feeds: \(location): JSON without a jsonfeed.org version or items; not a JSON Feed")
        }
        var feed = FeedInfo()
        feed.title = string(root["title"]).map(StoryAssembler.inlineText)
        feed.link = string(root["home_page_url"]).flatMap { URLResolver.resolve($0, against: base) }
        feed.selfURL = string(root["feed_url"]).flatMap { URLResolver.resolve($0, against: base) }
        feed.language = string(root["language"])
        if let hubs = root["hubs"] as? [[String: Any]] {
            feed.hub = hubs.first { (string($0["type"]) ?? "").lowercased() == "websub" }.flatMap { string($0["url"]) }
                ?? hubs.first.flatMap { string($0["url"]) }
        }
        let feedAuthors = authors(root)
        var items: [RawItem] = []
        for case let o as [String: Any] in root["items"] as? [Any] ?? [] {
            var r = RawItem(base: base)
            r.id = string(o["id"])
            r.link = string(o["url"]) ?? string(o["external_url"])
            r.title = string(o["title"]).map(XMLEscape.text)
            r.contentHTML = string(o["content_html"])
            r.contentText = string(o["content_text"])
            r.summaryHTML = string(o["summary"]).map(XMLEscape.text)
            r.image = string(o["image"]) ?? string(o["banner_image"])
            r.published = string(o["date_published"])
            r.updated = string(o["date_modified"])
            r.authors = authors(o)
            if r.authors.isEmpty { r.authors = feedAuthors }
            r.categories = (o["tags"] as? [Any] ?? []).compactMap(string)
            r.language = string(o["language"]) ?? feed.language
            items.append(r)
        }
        return (feed, items)
    }

    private static func authors(_ o: [String: Any]) -> [String] {
        let list = (o["authors"] as? [[String: Any]]) ?? ((o["author"] as? [String: Any]).map { [$0] } ?? [])
        return list.compactMap { string($0["name"]) ?? string($0["url"]) }
    }

    /// Strings, and numbers where feeds put them for ids.
    private static func string(_ v: Any?) -> String? {
        switch v {
        case let s as String: return s.nonEmptyText
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }
}
