import Foundation

/// The XML formats: decode (RFC 7303), stream through `XMLTreeReader`, adapt each record as
/// it closes, then read the feed-level facts from what remains of the tree.
enum XMLDocumentParser {
    static func parse(_ data: Data, format: FormatSniffer.Format, url: URL?, contentType: String?,
                      location: String) throws(FeedError) -> ParsedDocument {
        let decoded = Charset.decode(data, contentType: contentType, markup: .xml)
        let repaired = XMLRepair.repair(decoded.utf8)
        var repairWarnings: [String] = []
        if repaired.escapedAmpersands > 0 {
            repairWarnings.append("\(repaired.escapedAmpersands) bare '&' read as text (should be &amp;)")
        }
        if repaired.replacedControls > 0 {
            repairWarnings.append("\(repaired.replacedControls) control characters replaced by spaces")
        }
        let base = url?.absoluteString
        var assembler = StoryAssembler()
        var stories: [Story] = []
        var sitemaps: [String] = []
        let records: Set<String>
        let adapt: (XMLNode) -> RawItem
        switch format {
        case .atom: (records, adapt) = (["entry"], AtomAdapter.item)
        case .urlset: (records, adapt) = (["url"], SitemapAdapter.item)
        case .sitemapindex: (records, adapt) = (["sitemap"], SitemapAdapter.item)
        default: (records, adapt) = (["item"], RSSAdapter.item)
        }
        let reader = XMLTreeReader(records: records, base: base) { node in
            if format == .sitemapindex {
                if let s = SitemapAdapter.childSitemap(node) { sitemaps.append(s) }
            } else if let story = assembler.story(from: adapt(node)) {
                stories.append(story)
            }
        }
        let result = reader.parse(repaired.bytes)
        if let fatal = result.fatal {
            throw FeedError("feeds: \(location): \(fatal); the document is refused")
        }
        guard let root = result.root else {
            throw FeedError("feeds: \(location): no XML element could be read (\(result.warnings.first ?? "empty document")); check that the source serves a feed")
        }
        var feed: FeedInfo
        let kind: DocumentKind
        switch format {
        case .atom: (feed, kind) = (AtomAdapter.feed(root), .atom)
        case .rdf: (feed, kind) = (RSSAdapter.feed(root), .rdf)
        case .urlset, .sitemapindex: (feed, kind) = (FeedInfo(), .sitemap)
        default: (feed, kind) = (RSSAdapter.feed(root), .rss)
        }
        feed.sitemaps = sitemaps
        if let lang = feed.language {
            for i in stories.indices where stories[i].language == nil { stories[i].language = lang }
        }
        return ParsedDocument(kind: kind, feed: feed, stories: stories,
                              warnings: decoded.warnings + repairWarnings + result.warnings + assembler.warnings)
    }
}
