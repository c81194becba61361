import Foundation

/// What a fetched or local document turned out to be.
public enum DocumentKind: String, Sendable, Codable {
    case rss, rdf, atom, json, sitemap, article
    /// An HTML page that is not an article: only its advertised feeds are of use.
    case page
}

/// Feed-level facts, including what the scheduler needs (ttl, skipHours, WebSub hub).
public struct FeedInfo: Sendable, Equatable, Codable {
    public var title: String?
    public var link: String?
    public var language: String?
    /// RSS `<ttl>` in minutes.
    public var ttlMinutes: Int?
    /// RSS `<skipHours>` (0–23, GMT).
    public var skipHours: [Int]
    /// WebSub hub (`<link rel="hub">`) and self URL, when advertised.
    public var hub: String?
    public var selfURL: String?
    /// Feeds advertised by an HTML page (`<link rel="alternate">`), absolute URLs.
    public var discoveredFeeds: [String]
    /// Child sitemaps of a sitemap index.
    public var sitemaps: [String]

    public init(
        title: String? = nil, link: String? = nil, language: String? = nil, ttlMinutes: Int? = nil,
        skipHours: [Int] = [], hub: String? = nil, selfURL: String? = nil,
        discoveredFeeds: [String] = [], sitemaps: [String] = []
    ) {
        self.title = title
        self.link = link
        self.language = language
        self.ttlMinutes = ttlMinutes
        self.skipHours = skipHours
        self.hub = hub
        self.selfURL = selfURL
        self.discoveredFeeds = discoveredFeeds
        self.sitemaps = sitemaps
    }
}

/// The result of parsing one document: its kind, feed facts, stories, and what was
/// recovered from (warnings name the line where the parser knows it).
public struct ParsedDocument: Sendable, Equatable {
    public var kind: DocumentKind
    public var feed: FeedInfo
    public var stories: [Story]
    public var warnings: [String]

    public init(kind: DocumentKind, feed: FeedInfo = FeedInfo(), stories: [Story] = [], warnings: [String] = []) {
        self.kind = kind
        self.feed = feed
        self.stories = stories
        self.warnings = warnings
    }
}
