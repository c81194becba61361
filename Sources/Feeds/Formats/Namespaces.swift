/// Namespace URIs of the formats and extensions newsalert reads. Element lookups go through
/// these sets so RSS's many historical namespaces all count as "RSS".
enum NS {
    static let rss: Set<String?> = [
        nil, "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
        "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss", "http://backend.userland.com/rss",
    ]
    static let dc: Set<String?> = ["http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"]
    static let content: Set<String?> = ["http://purl.org/rss/1.0/modules/content/"]
    static let atom: Set<String?> = ["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"]
    /// Atom documents without any namespace (seen in the wild) read as Atom too.
    static let atomOrNone: Set<String?> = atom.union([nil])
    static let media: Set<String?> = ["http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"]
    static let itunes: Set<String?> = [
        "http://www.itunes.com/dtds/podcast-1.0.dtd", "https://www.itunes.com/dtds/podcast-1.0.dtd",
        "http://www.itunes.com/DTDs/PodCast-1.0.dtd", "http://www.itunes.com/DTDs/Podcast-1.0.dtd",
    ]
    static let rdf: Set<String?> = ["http://www.w3.org/1999/02/22-rdf-syntax-ns#"]
    static let syndication: Set<String?> = ["http://purl.org/rss/1.0/modules/syndication/"]
    static let sitemap: Set<String?> = [
        nil, "http://www.sitemaps.org/schemas/sitemap/0.9", "http://www.google.com/schemas/sitemap/0.84",
        "https://www.sitemaps.org/schemas/sitemap/0.9",
    ]
    static let news: Set<String?> = ["http://www.google.com/schemas/sitemap-news/0.9", "https://www.google.com/schemas/sitemap-news/0.9"]
    static let image: Set<String?> = ["http://www.google.com/schemas/sitemap-image/1.1"]

    /// Conventional prefixes, for feeds that use them without declaring them: libxml2
    /// reports those elements under their qualified name and no namespace.
    static let conventionalPrefixes: [String: String] = [
        "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
        "content": "http://purl.org/rss/1.0/modules/content/", "atom": "http://www.w3.org/2005/Atom",
        "media": "http://search.yahoo.com/mrss/", "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "news": "http://www.google.com/schemas/sitemap-news/0.9",
        "image": "http://www.google.com/schemas/sitemap-image/1.1",
        "sy": "http://purl.org/rss/1.0/modules/syndication/",
    ]
}
