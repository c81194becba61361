import Feeds
import Foundation

/// The plain-text listings a person reads at a glance.
enum Listing {
    static func document(_ doc: ParsedDocument, input: String) -> String {
        var out: [String] = []
        let title = doc.feed.title.map { " \"\($0)\"" } ?? ""
        out.append("\(input): \(doc.kind.rawValue)\(title), \(doc.stories.count) \(doc.stories.count == 1 ? "story" : "stories")")
        for feed in doc.feed.discoveredFeeds { out.append("  feed: \(feed)") }
        for map in doc.feed.sitemaps { out.append("  sitemap: \(map)") }
        for story in doc.stories {
            let when = story.published.map(shortDate) ?? "(no date)       "
            out.append("  \(when)  \(story.title.isEmpty ? "(untitled)" : story.title)")
            if let url = story.url { out.append("                    \(url)") }
            var facts: [String] = []
            if !story.authors.isEmpty { facts.append("by " + story.authors.joined(separator: ", ")) }
            if !story.regions.isEmpty {
                facts.append("regions " + story.regions.prefix(4).map { "\($0.code) \(String(format: "%.2f", $0.weight))" }.joined(separator: ", "))
            }
            let words = story.text.split { $0 == " " || $0 == "\n" }.count
            if words > 0 { facts.append("\(words) words") }
            if !facts.isEmpty { out.append("                    " + facts.joined(separator: " · ")) }
        }
        for w in doc.warnings { out.append("  warning: \(w)") }
        return out.joined(separator: "\n")
    }

    static func shortDate(_ d: Date) -> String {
        let s = RFC3339.string(d)
        return String(s.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
