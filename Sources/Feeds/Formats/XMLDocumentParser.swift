import Foundation

/// The XML formats: decode (RFC 7303), stream through `XMLTreeReader`, adapt each record as
/// it closes, then read the feed-level facts from what remains of the tree.
enum XMLDocumentParser {
    static func parse(_ data: Data, format: FormatSniffer.Format, url: URL?, contentType: String?,
                      location: String) throws(FeedError) -> ParsedDocument {
        let choice = Charset.choose(data, contentType: contentType, markup: .xml)
        if choice.passThrough {
            let result: Result<ParsedDocument, FeedError> = data.withUnsafeBytes { raw in
                Result { () throws(FeedError) in
                    try parse(raw.bindMemory(to: UInt8.self), choice: choice, format: format, url: url, location: location)
                }
            }
            return try result.get()
        }
        let utf8 = Charset.convert([UInt8](data)[choice.bomLength...], from: choice.encoding)
        let result: Result<ParsedDocument, FeedError> = utf8.withUnsafeBufferPointer { buf in
            Result { () throws(FeedError) in try parse(buf, choice: choice, format: format, url: url, location: location) }
        }
        return try result.get()
    }

    /// Parses UTF-8 bytes (no BOM) after the encoding decision.
    private static func parse(_ utf8: UnsafeBufferPointer<UInt8>, choice: Charset.Choice, format: FormatSniffer.Format,
                              url: URL?, location: String) throws(FeedError) -> ParsedDocument {
        let repaired = XMLRepair.repair(utf8)
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
        let result = repaired.bytes.map { fixed in fixed.withUnsafeBufferPointer { reader.parse($0) } }
            ?? reader.parse(utf8)
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
                              warnings: choice.warnings + repairWarnings + result.warnings + assembler.warnings)
    }
}
