import Foundation

/// HTML pages: article extraction (title, byline, time, canonical URL, lead image, language,
/// main text) or, for pages that are not articles, feed discovery.
public enum ArticleExtractor {
    public static func parse(
        _ data: Data, url: URL?, contentType: String?, fetchedAt: Date
    ) throws(FeedError) -> ParsedDocument {
        throw FeedError("feeds: \(url?.absoluteString ?? "input"): HTML pages are not supported yet")
    }
}
