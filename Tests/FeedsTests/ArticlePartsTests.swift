import Foundation
import Testing
@testable import Feeds

/// The pieces of the article extractor, one table each.
@Suite struct ArticlePartsTests {
    static let now = Date(timeIntervalSince1970: 1_717_000_000)

    @Test(arguments: [
        ("5 hours ago", -5 * 3600.0),
        ("AP · 5 hours ago", -5 * 3600),
        ("an hour ago", -3600),
        ("Updated 3h ago", -3 * 3600),
        ("30 mins ago", -30 * 60),
        ("2 days ago", -2 * 86_400),
        ("yesterday", -86_400),
        ("just now", 0),
        ("1 week ago", -604_800),
    ] as [(String, Double)])
    func relativeTimesResolveAgainstTheFetchTime(text: String, offset: Double) {
        #expect(ArticleExtractor.ArticleDates.relative(text, now: Self.now) == Self.now.addingTimeInterval(offset))
    }

    @Test(arguments: ["ago", "five hours ago in the making of a very long headline that goes on and on forever more", "3 apples ago", "hours"])
    func notRelativeTimes(text: String) {
        #expect(ArticleExtractor.ArticleDates.relative(text, now: Self.now) == nil)
    }

    @Test(arguments: [
        ("2024-03-18T13:42:00Z", "2024-03-18T13:42:00Z"),
        ("2024-03-18T09:42:00-04:00", "2024-03-18T13:42:00Z"),
        ("2024-03-18T15:12:00+0130", "2024-03-18T13:42:00Z"),
        ("2024-03-18 13:42:07.123Z", "2024-03-18T13:42:07Z"),
        ("2024-03-18T13:42", "2024-03-18T13:42:00Z"),
        ("2024-03-18", "2024-03-18T00:00:00Z"),
        ("Mon, 18 Mar 2024 13:42:00 GMT", "2024-03-18T13:42:00Z"),
        ("Mon, 18 Mar 2024 15:42:00 +0200", "2024-03-18T13:42:00Z"),
        ("March 18, 2024", "2024-03-18T00:00:00Z"),
        ("1710769320", "2024-03-18T13:42:00Z"),
    ] as [(String, String)])
    func absoluteDates(raw: String, expected: String) {
        #expect(ArticleExtractor.ArticleDates.parse(raw) == ISO8601DateFormatter().date(from: expected))
    }

    @Test(arguments: ["", "not a date", "2024-13-45", "yesterday-ish", ":", "12 : 30 March", "Mar ::: 2024"])
    func unparseableDates(raw: String) {
        #expect(ArticleExtractor.ArticleDates.parse(raw) == nil)
    }

    @Test(arguments: [
        ([0xEF, 0xBB, 0xBF] + Array("<meta charset=koi8-r>".utf8), "text/html; charset=iso-8859-2", "utf-8", .bom),
        (Array("<meta charset=koi8-r>".utf8), "text/html; charset=\"ISO-8859-2\"", "iso-8859-2", .http),
        (Array("<meta charset=koi8-r>".utf8), nil, "koi8-r", .meta),
        (Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">".utf8), nil, "shift_jis", .meta),
        (Array("<meta charset=\"utf-16\">".utf8), nil, "utf-8", .meta),
        (Array("<meta charset=latin1>".utf8), "text/html", "windows-1252", .meta),
        (Array("<p>caf\u{e9}</p>".utf8), nil, "utf-8", .sniffed),
        (Array("<meta charset=gb2312><p>\u{4E2D}\u{6587}</p>".utf8), "text/html; charset=iso-8859-1", "utf-8", .sniffed),
        (Array("<p>plain ascii</p>".utf8), nil, "utf-8", .fallback),
        ([0x3C, 0x70, 0x3E, 0x63, 0x61, 0x66, 0xE9], nil, "windows-1252", .fallback),
        (Array("<meta charset=x-klingon>".utf8), nil, "utf-8", .fallback),
        (Array(("<!--" + String(repeating: "x", count: 2000) + "--><meta charset=koi8-r>").utf8), nil, "koi8-r", .meta),
    ] as [([UInt8], String?, String, Charset.Source)])
    func pageCharsetPrecedence(bytes: [UInt8], contentType: String?, encoding: String, source: Charset.Source) {
        let decoded = Charset.decode(Data(bytes), contentType: contentType, markup: .html)
        #expect(decoded.encoding == encoding)
        #expect(decoded.source == source)
    }

    static func page(_ body: String, head: String = "", contentType: String? = nil, url: String = "https://example.org/news/story") throws -> ParsedDocument {
        let html = "<!doctype html><html><head>\(head)</head><body>\(body)</body></html>"
        return try ArticleExtractor.parse(Data(html.utf8), url: URL(string: url), contentType: contentType, fetchedAt: now)
    }

    static let paragraphs = (1...4).map {
        "<p>Paragraph \($0) of the report, long enough to count as prose, tells what happened in the city, who said what, and why it matters to readers today.</p>"
    }.joined()

    @Test func decodesLegacyEncodings() throws {
        var bytes = Array("<html><head><meta charset=windows-1252><title>Caf".utf8) + [0xE9]
        bytes += Array(" society</title></head><body><article>".utf8)
        for _ in 0..<4 {
            bytes += Array("<p>The caf".utf8) + [0xE9, 0x92] + Array("s owners said the new rules, which take effect in May, would cost them customers, staff and money.</p>".utf8)
        }
        bytes += Array("</article></body></html>".utf8)
        let document = try ArticleExtractor.parse(Data(bytes), url: nil, contentType: nil, fetchedAt: Self.now)
        let story = try #require(document.stories.first)
        #expect(story.title == "Café society")
        #expect(story.text.hasPrefix("The café’s owners said"))
        let koi8 = Data([0x3C, 0x70, 0x3E, 0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x3C, 0x2F, 0x70, 0x3E])
        let russian = try ArticleExtractor.parse(koi8, url: nil, contentType: "text/html; charset=koi8-r", fetchedAt: Self.now)
        #expect(russian.kind == .article)
        #expect(russian.stories.first?.text == "Привет")
        // A byte Shift_JIS cannot decode is replaced; the text after it survives.
        let broken = Data(Array("<p>".utf8) + [0x93, 0xFA, 0x96, 0x7B, 0xFF, 0xFF] + Array(" after</p>".utf8))
        let japanese = try ArticleExtractor.parse(broken, url: nil, contentType: "text/html; charset=Shift_JIS", fetchedAt: Self.now)
        #expect(japanese.stories.first?.text == "日本\u{FFFD}\u{FFFD} after")
    }

    @Test func sanitizedHTMLKeepsNoScriptHandlersOrJavascriptURLs() throws {
        let body = """
            <article><p onclick="steal()">First <a href="javascript:alert(1)">bad</a> and <a href="/ok" onmouseover="x()">good</a> links, with enough words to be a paragraph of the story.</p>
            <script>alert(1)</script><style>p{}</style>
            <p>Second paragraph <img src="/p.jpg" onerror="x()"> of the report, long enough to count as prose for the scorer, says more.</p>
            <p>Third paragraph <iframe src="https://evil.example/"></iframe> of the report, long enough to count as prose, ends the story here.</p></article>
            """
        let story = try #require(try Self.page(body).stories.first)
        let html = try #require(story.html)
        for banned in ["<script", "<style", "onclick", "onmouseover", "onerror", "javascript:", "<iframe", "alert("] {
            #expect(!html.contains(banned), "html keeps \(banned)")
        }
        #expect(html.contains("<a href=\"https://example.org/ok\">good</a>"))
        #expect(html.contains("<img src=\"https://example.org/p.jpg\">"))
    }

    @Test func articleThatAdvertisesFeedsKeepsThem() throws {
        let head = """
            <meta property="og:type" content="article"><title>Story</title>
            <link rel="alternate" type="application/atom+xml" href="/feed.atom">
            <link rel="alternate" type="application/json" href="feed.json">
            <link rel="alternate stylesheet" type="text/css" href="/alt.css">
            """
        let document = try Self.page("<article>\(Self.paragraphs)</article>", head: head)
        #expect(document.kind == .article)
        #expect(document.feed.discoveredFeeds == ["https://example.org/feed.atom", "https://example.org/news/feed.json"])
        #expect(document.stories.first?.text.split(separator: "\n").count == 4)
    }

    @Test func statedArticleBodyRescuesAPageWhoseMarkupHidesTheText() throws {
        let sentences = (1...6).map { "Sentence \($0) of the stated article body explains the decision of the council in detail." }
        let json = #"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council decides","articleBody":"\#(sentences.joined(separator: "\\n"))"}"#
        let body = "<div class=\"teaser-list\">" + (1...12).map { "<div class=\"item\"><a href=\"/s/\($0)\">Other story \($0)</a></div>" }.joined() + "</div>"
        let document = try Self.page(body, head: "<script type=\"application/ld+json\">\(json)</script>")
        let story = try #require(document.stories.first)
        #expect(story.title == "Council decides")
        #expect(story.text == sentences.joined(separator: "\n"))
    }

    @Test(arguments: [
        ("US strikes militias | Newsfeed Daily", "Newsfeed Daily", "US strikes militias"),
        ("Newsfeed Daily - US strikes militias", "Newsfeed Daily", "US strikes militias"),
        ("US strikes militias", "Newsfeed Daily", "US strikes militias"),
        ("Newsfeed Daily", "Newsfeed Daily", "Newsfeed Daily"),
    ] as [(String, String, String)])
    func siteNameSuffixIsDropped(title: String, site: String, expected: String) {
        #expect(ArticleExtractor.Titles.stripSiteName(title, siteName: site) == expected)
    }

    @Test(arguments: [
        ("By Jane Doe", "Jane Doe"),
        ("Story by Lolita C. Baldor · 5 hours ago", "Lolita C. Baldor"),
        ("BY: JOHN ROE, Updated 10:42 AM", "JOHN ROE"),
        ("Written by Ana Ruiz |  Staff", "Ana Ruiz"),
    ] as [(String, String)])
    func bylinesLoseTheirDecoration(raw: String, expected: String) {
        #expect(ArticleExtractor.Bylines.clean(raw) == expected)
    }

    @Test(arguments: [Data(), Data("   ".utf8), Data([0, 0, 0, 0]), Data("{\"version\": 1}".utf8)])
    func emptyOrForeignBytesNeverCrash(data: Data) {
        let result = Result { () throws(FeedError) -> ParsedDocument in
            try ArticleExtractor.parse(data, url: nil, contentType: nil, fetchedAt: Self.now)
        }
        if case .success(let document) = result { #expect(document.stories.allSatisfy { !$0.guid.isEmpty }) }
    }

    @Test func hostileNestingFinishes() throws {
        let deep = String(repeating: "<div>", count: 20_000) + "text" + String(repeating: "</div>", count: 20_000)
        let start = Date()
        _ = try? ArticleExtractor.parse(Data(deep.utf8), url: nil, contentType: nil, fetchedAt: Self.now)
        #expect(Date().timeIntervalSince(start) < 30)
    }
}
