import Foundation

/// Entry point of the Feeds module: bytes in, a `ParsedDocument` out.
/// The format is sniffed from the bytes (JSON first, then the first XML elements, then HTML),
/// never from the URL alone.
public enum DocumentParser {
    /// - Parameters:
    ///   - data: the raw bytes as fetched (not yet decoded).
    ///   - url: where they came from; the base for relative links.
    ///   - contentType: the HTTP Content-Type header, for its charset.
    ///   - fetchedAt: when the bytes were fetched; resolves relative times ("5 hours ago").
    public static func parse(
        _ data: Data, url: URL?, contentType: String? = nil, fetchedAt: Date = Date()
    ) throws(FeedError) -> ParsedDocument {
        let location = url?.absoluteString ?? "input"
        var sniffBytes = [UInt8](data.prefix(64 * 1024))
        if Charset.bom(sniffBytes)?.0.hasPrefix("utf-16") == true || Charset.sniffUTF16(sniffBytes) != nil {
            sniffBytes = Charset.decode(data.prefix(64 * 1024), contentType: nil, markup: .xml).utf8
        }
        let format = FormatSniffer.sniff(sniffBytes)
        switch format {
        case .json:
            return try JSONDocument.parse(data, url: url, location: location)
        case .rss, .rdf, .atom, .urlset, .sitemapindex:
            return try XMLDocumentParser.parse(data, format: format, url: url, contentType: contentType, location: location)
        case .html:
            var doc = try ArticleExtractor.parse(data, url: url, contentType: contentType, fetchedAt: fetchedAt)
            for i in doc.stories.indices {
                let s = doc.stories[i]
                doc.stories[i].canonicalURL = (s.canonicalURL ?? s.url).flatMap(URLCanonicalizer.canonical)
                doc.stories[i].fingerprint = storyFingerprint(title: s.title, text: s.text.isEmpty ? s.summary : s.text)
            }
            return doc
        case .unknownXML(let root):
            throw FeedError("feeds: \(location): XML document with root <\(root)> is not RSS, Atom, RDF or a sitemap; check the source URL")
        case .unknown:
            throw FeedError.unrecognized(location)
        }
    }
}

/// Why a document could not be parsed at all (recoverable problems are warnings instead).
public struct FeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    public static func unrecognized(_ where_: String) -> FeedError {
        FeedError("feeds: \(where_): not a feed, sitemap or HTML page (no RSS, Atom, RDF, JSON Feed, sitemap or <html> found)")
    }
}

enum JSONDocument {
    static func parse(_ data: Data, url: URL?, location: String) throws(FeedError) -> ParsedDocument {
        var payload = data
        if payload.starts(with: [0xEF, 0xBB, 0xBF]) { payload = payload.dropFirst(3) }
        let (feed, items) = try JSONFeedAdapter.parse(payload, base: url?.absoluteString, where: location)
        var assembler = StoryAssembler()
        let stories = items.compactMap { assembler.story(from: $0) }
        return ParsedDocument(kind: .json, feed: feed, stories: stories, warnings: assembler.warnings)
    }
}
