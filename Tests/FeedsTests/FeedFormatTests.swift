import Foundation
import Testing
@testable import Feeds

/// One row per format fixture: what the first story and the feed must look like.
struct FormatCase: CustomStringConvertible, Sendable {
    var file: String
    var kind: DocumentKind
    var count: Int
    var feedTitle: String?
    var guid: String?
    var url: String?
    var title: String
    var published: String?
    var authors: [String] = []
    var categories: [String] = []
    var image: String?
    var textContains: String?
    var language: String?
    var description: String { file }
}

@Suite struct FeedFormatTests {
    static let cases: [FormatCase] = [
        FormatCase(file: "rss20.xml", kind: .rss, count: 3, feedTitle: "Example World News",
                   guid: "news-example-123456",
                   url: "https://news.example.com/world/2024/07/30/drone-attack?utm_source=rss&utm_medium=feed",
                   title: "Drone attack hits base near Baghdad", published: "2024-07-30T18:04:00Z",
                   authors: ["Jane Reporter"], categories: ["Middle East", "Iraq"],
                   image: "https://img.example.com/drone.jpg", textContains: "No group claimed responsibility.",
                   language: "en-gb"),
        FormatCase(file: "rss091.xml", kind: .rss, count: 1, feedTitle: "Old School News", guid: nil,
                   url: "http://oldschool.example.net/cafe.html", title: "Café opens — again",
                   textContains: "The café reopened today.", language: "en-us"),
        FormatCase(file: "rss092.xml", kind: .rss, count: 1, feedTitle: "Ninety-Two", title: "Enclosure story",
                   categories: ["World"], image: "http://92.example.org/photo.jpg"),
        FormatCase(file: "rdf.xml", kind: .rdf, count: 1, feedTitle: "RDF Site Summary", guid: "https://rdf.example.jp/a/1",
                   url: "https://rdf.example.jp/a/1", title: "地震情報", published: "2024-07-30T00:00:00Z",
                   authors: ["気象担当"], categories: ["防災"], textContains: "震度3", language: "ja"),
        FormatCase(file: "atom10.xml", kind: .atom, count: 2, feedTitle: "Beispiel Blog", guid: "tag:blog.example.de,2024:wahl",
                   url: "https://blog.example.de/posts/wahl", title: "Wahl in Sachsen", published: "2024-07-30T08:00:00Z",
                   authors: ["Max Muster", "Erika Muster"], categories: ["Politik"],
                   image: "https://blog.example.de/img/wahl.png", textContains: "Erster Absatz.\nZweiter Absatz.",
                   language: "de"),
        FormatCase(file: "atom03.xml", kind: .atom, count: 1, feedTitle: "Atom Zero Three", guid: "tag:atom03.example.com,2004:1",
                   url: "http://atom03.example.com/entry1", title: "Old format entry", published: "2004-01-01T17:00:00Z",
                   authors: ["Old Timer"], textContains: "Escaped content", language: "en"),
        FormatCase(file: "jsonfeed10.json", kind: .json, count: 2, feedTitle: "JSON One", guid: "1001",
                   url: "https://json.example.org/a", title: "First JSON item", published: "2024-07-30T22:04:00Z",
                   authors: ["Feed Author"], categories: ["one", "two"], image: "https://json.example.org/a.png",
                   textContains: "Hello JSON"),
        FormatCase(file: "jsonfeed11.json", kind: .json, count: 1, feedTitle: "JSON Eleven", guid: "x1",
                   url: "https://json11.example.org/x1", title: "Élection à Paris", published: "2024-07-30T18:04:00Z",
                   authors: ["Claire", "Paul"], textContains: "Texte complet.", language: "fr-FR"),
        FormatCase(file: "news-sitemap.xml", kind: .sitemap, count: 2, feedTitle: nil,
                   url: "https://www.example-times.com/2024/07/30/world/iraq-strike.html",
                   title: "Strike in Iraq Kills Militia Commander", published: "2024-07-30T22:04:00Z",
                   categories: ["Iraq", "Militias", "Drones"], image: "https://static.example-times.com/iraq.jpg",
                   language: "en"),
        FormatCase(file: "sitemap.xml", kind: .sitemap, count: 2, feedTitle: nil, url: "https://www.example.org/", title: ""),
    ]

    @Test(arguments: cases)
    func format(_ c: FormatCase) throws {
        let doc = try FeedFixture.parse(c.file)
        #expect(doc.kind == c.kind)
        #expect(doc.stories.count == c.count)
        #expect(doc.feed.title == c.feedTitle)
        let s = try #require(doc.stories.first)
        if let guid = c.guid { #expect(s.guid == guid) } else { #expect(s.guid.hasPrefix("urn:newsalert:")) }
        #expect(s.url == c.url)
        #expect(s.title == c.title)
        #expect(s.published?.rfc3339 == c.published)
        #expect(s.authors == c.authors)
        #expect(s.categories == c.categories)
        #expect(s.image == c.image)
        if let t = c.textContains { #expect(s.text.contains(t), "text was: \(s.text)") }
        #expect(s.language == c.language)
        #expect(doc.warnings.isEmpty, "\(doc.warnings)")
    }

    @Test func rssChannelFacts() throws {
        let doc = try FeedFixture.parse("rss20.xml")
        #expect(doc.feed.link == "https://news.example.com/world")
        #expect(doc.feed.ttlMinutes == 15)
        #expect(doc.feed.skipHours == [1, 2, 0])
        #expect(doc.feed.hub == "https://pubsubhubbub.appspot.com/")
        #expect(doc.feed.selfURL == "https://news.example.com/world/rss.xml")
        let first = doc.stories[0]
        #expect(first.canonicalURL == "https://news.example.com/world/2024/07/30/drone-attack")
        #expect(first.summary == "A drone attack struck a base near Baghdad on Tuesday.")
        #expect(first.html?.contains("<script") == false)
        #expect(first.html?.contains("officials said") == true)
        let second = doc.stories[1]
        #expect(second.title == "Markets rally & oil falls")
        // Relative links resolve against the feed's own URL (RFC 3986 §5.1.3: the retrieval URI).
        #expect(second.url == "https://feeds.example.net/business/markets-rally")
        #expect(second.authors == ["Business Desk"])
        #expect(second.published?.rfc3339 == "2024-07-31T07:15:00Z")
        #expect(second.image == "https://img.example.com/markets.jpg")
        let third = doc.stories[2]
        #expect(third.summary == "Our weekly round-up.")
        #expect(third.image == "https://img.example.com/pod.jpg")
        #expect(third.published?.rfc3339 == "2024-08-01T05:00:00Z")
        #expect(third.categories == ["Podcasts"])
    }

    @Test func atomBaseLanguageAndUpdated() throws {
        let doc = try FeedFixture.parse("atom10.xml")
        #expect(doc.feed.hub == "https://websub.example.de/")
        #expect(doc.feed.selfURL == "https://blog.example.de/atom.xml")
        #expect(doc.feed.language == "de")
        let first = doc.stories[0]
        #expect(first.updated?.rfc3339 == "2024-07-30T09:30:00.250Z")
        #expect(first.summary == "Kurz: die Wahl & ihre Folgen.")
        #expect(first.html?.contains("href=\"https://blog.example.de/links\"") == true)
        let second = doc.stories[1]
        #expect(second.url == "https://other.example.de/sub/page.html")
        #expect(second.language == "en")
        #expect(second.published?.rfc3339 == "2024-07-29T08:00:00Z")
        #expect(second.text == "Escaped HTML body")
    }

    @Test func jsonFeedFacts() throws {
        let doc = try FeedFixture.parse("jsonfeed11.json")
        #expect(doc.feed.hub == "https://hub.example.org/")
        #expect(doc.feed.language == "fr")
        #expect(doc.stories[0].summary == "Résumé court")
        let plain = try FeedFixture.parse("jsonfeed10.json").stories[1]
        #expect(plain.text == "Plain text only.\nSecond line.")
        #expect(plain.html == nil)
        #expect(plain.updated?.rfc3339 == "2024-07-31T00:00:00Z")
    }

    @Test func sitemapIndexListsChildren() throws {
        let doc = try FeedFixture.parse("sitemap-index.xml", url: "https://www.example.org/sitemap.xml")
        #expect(doc.kind == .sitemap)
        #expect(doc.stories.isEmpty)
        #expect(doc.feed.sitemaps == ["https://www.example.org/sitemap-news.xml", "https://www.example.org/sitemap-2024-07.xml"])
    }

    @Test func plainSitemapUsesLastmodAsUpdated() throws {
        let doc = try FeedFixture.parse("sitemap.xml")
        #expect(doc.stories[0].updated?.rfc3339 == "2024-07-30T00:00:00Z")
        #expect(doc.stories[1].updated?.rfc3339 == "2024-07-01T10:00:00Z")
    }

    @Test(arguments: [
        ("  \n{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}", DocumentKind.json),
        ("\u{FEFF}<?xml version=\"1.0\"?><!-- c --><rss version=\"2.0\"><channel/></rss>", .rss),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE feed [ <!ENTITY x \"y\"> ]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", .atom),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><channel/></rdf:RDF>", .rdf),
        ("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"/>", .sitemap),
    ])
    func sniffsFromBytes(_ input: String, _ kind: DocumentKind) throws {
        let doc = try DocumentParser.parse(Data(input.utf8), url: URL(string: "https://x.example/page.html"),
                                           contentType: "text/html")
        #expect(doc.kind == kind)
    }

    @Test func unknownXMLIsAClearError() {
        #expect(throws: FeedError.self) {
            try FeedFixture.parse(xml: "<note><body>hi</body></note>")
        }
    }

    @Test func storyWithoutLinkOrIdGetsStableGuid() throws {
        let xml = "<rss><channel><item><title>Same</title></item><item><title>Same</title></item><item><title>Other</title></item></channel></rss>"
        let a = try FeedFixture.parse(xml: xml).stories
        let b = try FeedFixture.parse(xml: xml).stories
        #expect(a.map(\.guid) == b.map(\.guid))
        #expect(a[0].guid == a[1].guid)
        #expect(a[0].guid != a[2].guid)
        let linked = try FeedFixture.parse(xml: "<rss><channel><item><link>https://A.example/x?utm_source=y#top</link></item></channel></rss>")
        let same = try FeedFixture.parse(xml: "<rss><channel><item><link>https://a.example/x</link></item></channel></rss>")
        #expect(linked.stories[0].guid == same.stories[0].guid)
    }
}
