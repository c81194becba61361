/// Sitemaps (https://www.sitemaps.org/protocol.html), Google News sitemaps
/// (news: namespace: publication name and language, publication_date, title, keywords)
/// and sitemap indexes (their children go to `FeedInfo.sitemaps`).
enum SitemapAdapter {
    static func item(_ n: XMLNode) -> RawItem {
        var r = RawItem(base: n.base, line: n.line)
        r.link = n.child("loc", NS.sitemap)?.text.nonEmptyText
        if let news = n.child("news", NS.news) {
            r.title = news.child("title", NS.news)?.text
            r.published = news.child("publication_date", NS.news)?.text
            r.categories = (news.child("keywords", NS.news)?.text ?? "")
                .split(separator: ",").map { String($0).trimmedFeedText }.filter { !$0.isEmpty }
            r.language = news.child("publication", NS.news)?.child("language", NS.news)?.text.nonEmptyText
        }
        r.updated = n.child("lastmod", NS.sitemap)?.text
        r.image = n.child("image", NS.image)?.child("loc", NS.image)?.text.nonEmptyText
        return r
    }

    /// `<sitemap><loc>` of an index, resolved.
    static func childSitemap(_ n: XMLNode) -> String? {
        n.child("loc", NS.sitemap)?.text.nonEmptyText.flatMap { URLResolver.resolve($0, against: n.base) }
    }
}
