import Curl
import Feeds
import Foundation
import Logging

extension Pipeline {
    /// At most this many article pages are fetched per poll of a `full_text` source.
    static let fullTextPerPoll = 20

    /// `full_text: true`: fetches the page of each new item (under the same per-domain
    /// politeness as feeds) and uses the extracted article when it says more than the feed.
    /// A failed fetch or extraction keeps the feed's text; it is logged, never fatal.
    func fetchFullText(_ stories: inout [Story], newerThan lastFetch: Date?, now: Date, meta: Logger.Metadata) async {
        let candidates = stories.indices.filter { i in
            guard stories[i].url != nil else { return false }
            guard let last = lastFetch else { return true }
            return (stories[i].published ?? now) > last
        }.prefix(Self.fullTextPerPoll)
        await withTaskGroup(of: (Int, Story?).self) { group in
            for i in candidates {
                let story = stories[i]
                group.addTask {
                    guard let url = story.url, let host = URL(string: url)?.host else { return (i, nil) }
                    let fetched = await self.limiter.withPermit(host: host) { await self.client.fetch(url) }
                    guard case let .modified(page) = fetched.outcome else {
                        self.logger.debug("full text: \(fetched.message); keeping the feed's text", metadata: meta)
                        return (i, nil)
                    }
                    guard let doc = try? DocumentParser.parse(page.body, url: URL(string: fetched.finalURL), contentType: page.contentType, fetchedAt: now),
                          doc.kind == .article, let article = doc.stories.first else {
                        self.logger.debug("full text: \(url): no article found on the page; keeping the feed's text", metadata: meta)
                        return (i, nil)
                    }
                    return (i, Self.merge(story, article))
                }
            }
            for await (i, merged) in group {
                if let merged { stories[i] = merged }
            }
        }
    }

    /// The feed item keeps its identity (guid, url, title, dates); the article supplies the
    /// body and what the feed left out.
    static func merge(_ item: Story, _ article: Story) -> Story {
        var s = item
        guard article.text.count > item.text.count else { return s }
        s.text = article.text
        s.html = article.html ?? s.html
        if s.summary.isEmpty { s.summary = article.summary }
        if s.authors.isEmpty { s.authors = article.authors }
        if s.image == nil { s.image = article.image }
        if s.language == nil { s.language = article.language }
        if s.published == nil { s.published = article.published }
        s.fingerprint = SimHash.fingerprint(title: s.title, text: s.text)
        return s
    }
}
