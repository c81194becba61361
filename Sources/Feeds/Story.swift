import Foundation

/// One news item, whatever format it came from. Every parser ends here (RSS, RDF, Atom,
/// JSON Feed, sitemaps, article pages); everything downstream sees only `Story`.
public struct Story: Sendable, Equatable, Codable {
    /// The feed's id/guid where present; else a stable hash of the canonical URL
    /// (plus the title when there is no link).
    public var guid: String
    /// The item's link, resolved to an absolute URL.
    public var url: String?
    /// The canonical form of `url` used for dedup (see `URLCanonicalizer`).
    public var canonicalURL: String?
    public var title: String
    /// Plain text: the feed's description/summary, tags stripped.
    public var summary: String
    /// Plain text of the fullest body known; one paragraph per line.
    public var text: String
    /// Sanitized HTML of the fullest body known, for email templates (no script, style,
    /// event handlers or `javascript:` URLs). Nil when the source gave only plain text, or
    /// HTML that is nothing but paragraphs and line breaks (`text` carries exactly that).
    public var html: String?
    public var authors: [String]
    public var published: Date?
    public var updated: Date?
    public var categories: [String]
    public var language: String?
    public var image: String?
    /// Places the story is about, most central first (filled by the Geo module).
    public var regions: [RegionScore]
    /// 64-bit SimHash of the normalized title and text (word shingles).
    public var fingerprint: UInt64

    public init(
        guid: String, url: String? = nil, canonicalURL: String? = nil, title: String = "",
        summary: String = "", text: String = "", html: String? = nil, authors: [String] = [],
        published: Date? = nil, updated: Date? = nil, categories: [String] = [],
        language: String? = nil, image: String? = nil, regions: [RegionScore] = [],
        fingerprint: UInt64 = 0
    ) {
        self.guid = guid
        self.url = url
        self.canonicalURL = canonicalURL
        self.title = title
        self.summary = summary
        self.text = text
        self.html = html
        self.authors = authors
        self.published = published
        self.updated = updated
        self.categories = categories
        self.language = language
        self.image = image
        self.regions = regions
        self.fingerprint = fingerprint
    }
}

/// A region a story is about, with how central it is (0…1).
public struct RegionScore: Sendable, Equatable, Codable {
    /// ISO 3166-1 alpha-2 or ISO 3166-2 code ("IQ", "IQ-BB").
    public var code: String
    public var name: String
    public var weight: Double

    public init(code: String, name: String, weight: Double) {
        self.code = code
        self.name = name
        self.weight = weight
    }
}
