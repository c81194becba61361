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
        throw FeedError.unrecognized(url?.absoluteString ?? "input")
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
