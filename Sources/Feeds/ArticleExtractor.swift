import Foundation

/// HTML pages: article extraction (title, byline, time, canonical URL, lead image, language,
/// main text) or, for pages that are not articles, feed discovery.
///
/// The pipeline: decode with `Charset` (HTML §13.2.3.2) → libxml2's recovering HTML parser →
/// metadata from `<head>`, JSON-LD and byline markup → a Readability-style content scorer
/// with its fallbacks → boilerplate removal → text and sanitized HTML. A page without
/// article markup and without prose is a `.page` whose `<link rel=alternate>` feeds are kept.
public enum ArticleExtractor {
    /// Pages below this many characters of main text get another attempt with fewer
    /// cleaning passes (Readability.js `DEFAULT_CHAR_THRESHOLD`).
    static let charThreshold = 500

    public static func parse(
        _ data: Data, url: URL?, contentType: String?, fetchedAt: Date
    ) throws(FeedError) -> ParsedDocument {
        let place = url?.absoluteString ?? "input"
        let decoded = Charset.decode(data, contentType: contentType, markup: .html)
        guard let root = HTMLTree.parse(Data(decoded.utf8), encoding: "UTF-8") else {
            throw FeedError("feeds: \(place): the HTML parser produced no document (empty or not HTML); check that the URL serves a web page")
        }
        var warnings = decoded.warnings
        var metadata = Metadata(root: root, base: url, httpLanguage: nil, fetchedAt: fetchedAt)
        warnings += metadata.warnings
        let resolver = Resolver(base: url, root: root)
        let feeds = FeedDiscovery.feeds(root, resolver: resolver)

        let body = root.first(["body"]) ?? root
        let pageLinkDensity = Measure.linkDensity(body)
        Preparation.prepare(root)
        let content = MainContent.extract(body: body, title: metadata.title, linkedData: metadata.linkedData)
        if metadata.authors.isEmpty, let byline = content.byline {
            metadata.authors = Bylines.split(Bylines.clean(byline))
        }

        var info = FeedInfo(title: metadata.siteName, link: url?.absoluteString, language: metadata.language,
                            discoveredFeeds: feeds)
        let isArticle = PageKind.isArticle(metadata: metadata, text: content.text, pageLinkDensity: pageLinkDensity)
        guard isArticle else {
            info.title = metadata.siteName ?? (metadata.title.isEmpty ? nil : metadata.title)
            return ParsedDocument(kind: .page, feed: info, stories: [], warnings: warnings)
        }
        let link = metadata.canonical ?? url?.absoluteString
        let summary = metadata.description
            ?? content.text.split(separator: "\n").first { Sentence.looksLikeProse(String($0)) }.map(String.init)
            ?? ""
        let story = Story(
            guid: link ?? "urn:newsalert:article:" + StableHash.hex(metadata.title + "\n" + content.text.prefix(500)),
            url: link, canonicalURL: metadata.canonical, title: metadata.title, summary: summary,
            text: content.text, html: Render.html(content.node, resolver: resolver), authors: metadata.authors,
            published: metadata.published, updated: metadata.updated, categories: metadata.categories,
            language: metadata.language, image: metadata.image
        )
        return ParsedDocument(kind: .article, feed: info, stories: [story], warnings: warnings)
    }
}

extension ArticleExtractor {
    /// FNV-1a, 64 bits: a stable id for pages that name no URL at all.
    enum StableHash {
        static func hex(_ text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return String(hash, radix: 16)
        }
    }

    /// Article or not: article markup (og:type article, a schema.org Article) decides; without
    /// it, a page is an article when its main text holds a body of long lines (paragraphs,
    /// not headline lists) or the page is mostly unlinked text, unless links dominate the page and that body is small — the mark
    /// of a home or section page whose teasers the scorer picked up.
    enum PageKind {
        static func isArticle(metadata: Metadata, text: String, pageLinkDensity: Double) -> Bool {
            if text.isEmpty { return false }
            if metadata.linkedData.isArticle || metadata.ogType == "article" { return true }
            if pageLinkDensity < 0.3 { return true }
            let paragraphMass = text.split(separator: "\n").filter { $0.count >= 60 }.reduce(0) { $0 + $1.count }
            return paragraphMass >= 300 && (pageLinkDensity < 0.5 || paragraphMass >= 1500)
        }
    }
}
