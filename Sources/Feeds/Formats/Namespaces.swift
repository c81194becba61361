/// Namespace families of the formats and extensions newsalert reads, as bits. Each element
/// gets its family bit once, when the tree reader creates it (`NS.family(of:)`), so a child
/// lookup is a name comparison and a mask test; RSS's many historical namespaces all count
/// as "RSS". Before, every lookup hashed the child's namespace URI into a `Set<String?>`
/// (Benchmarks/FeedBench/RESULTS.md).
struct NSMask: OptionSet, Sendable {
    let rawValue: UInt32

    /// No namespace at all.
    static let none = NSMask(rawValue: 1 << 0)
    static let rssURI = NSMask(rawValue: 1 << 1)
    static let dcURI = NSMask(rawValue: 1 << 2)
    static let contentURI = NSMask(rawValue: 1 << 3)
    static let atomURI = NSMask(rawValue: 1 << 4)
    static let mediaURI = NSMask(rawValue: 1 << 5)
    static let itunesURI = NSMask(rawValue: 1 << 6)
    static let rdfURI = NSMask(rawValue: 1 << 7)
    static let syndicationURI = NSMask(rawValue: 1 << 8)
    static let sitemapURI = NSMask(rawValue: 1 << 9)
    static let newsURI = NSMask(rawValue: 1 << 10)
    static let imageURI = NSMask(rawValue: 1 << 11)
    static let xmlURI = NSMask(rawValue: 1 << 12)
    /// Any namespace newsalert does not read.
    static let otherURI = NSMask(rawValue: 1 << 13)
}

enum NS {
    static let rss: NSMask = [.none, .rssURI]
    static let dc: NSMask = .dcURI
    static let content: NSMask = .contentURI
    static let atom: NSMask = .atomURI
    /// Atom documents without any namespace (seen in the wild) read as Atom too.
    static let atomOrNone: NSMask = [.atomURI, .none]
    static let media: NSMask = .mediaURI
    static let itunes: NSMask = .itunesURI
    static let rdf: NSMask = .rdfURI
    static let syndication: NSMask = .syndicationURI
    static let sitemap: NSMask = [.none, .sitemapURI]
    static let news: NSMask = .newsURI
    static let image: NSMask = .imageURI
    /// Any element, whatever its namespace.
    static let any = NSMask(rawValue: .max)

    /// The family bit of a namespace URI (`otherURI` for namespaces newsalert does not read).
    static func family(of uri: String?) -> NSMask {
        guard let uri else { return .none }
        return families[uri] ?? .otherURI
    }

    private static let families: [String: NSMask] = {
        var m: [String: NSMask] = [:]
        for u in ["http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2",
                  "http://blogs.law.harvard.edu/tech/rss", "http://backend.userland.com/rss"] { m[u] = .rssURI }
        for u in ["http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"] { m[u] = .dcURI }
        m["http://purl.org/rss/1.0/modules/content/"] = .contentURI
        for u in ["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"] { m[u] = .atomURI }
        for u in ["http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"] { m[u] = .mediaURI }
        for u in ["http://www.itunes.com/dtds/podcast-1.0.dtd", "https://www.itunes.com/dtds/podcast-1.0.dtd",
                  "http://www.itunes.com/DTDs/PodCast-1.0.dtd", "http://www.itunes.com/DTDs/Podcast-1.0.dtd"] { m[u] = .itunesURI }
        m["http://www.w3.org/1999/02/22-rdf-syntax-ns#"] = .rdfURI
        m["http://purl.org/rss/1.0/modules/syndication/"] = .syndicationURI
        for u in ["http://www.sitemaps.org/schemas/sitemap/0.9", "http://www.google.com/schemas/sitemap/0.84",
                  "https://www.sitemaps.org/schemas/sitemap/0.9"] { m[u] = .sitemapURI }
        for u in ["http://www.google.com/schemas/sitemap-news/0.9", "https://www.google.com/schemas/sitemap-news/0.9"] { m[u] = .newsURI }
        m["http://www.google.com/schemas/sitemap-image/1.1"] = .imageURI
        m[XMLNamespaces.xml] = .xmlURI
        return m
    }()

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
