import Foundation
import Testing
@testable import Feeds

/// The byte-level fast paths added for throughput must agree with the general code they
/// short-cut, input by input (Benchmarks/FeedBench/RESULTS.md).
@Suite struct FastPathTests {
    /// The general RFC 822 reader, without the fast path in front of it.
    static func general(_ s: String) -> Double? {
        var scanner = DateScanner(s)
        return RFC822Date.parse(&scanner)
    }

    @Test(arguments: [
        "Tue, 30 Jul 2024 18:04:00 GMT", "tue, 30 jul 2024 18:04:00 gmt", "TUE, 30 JUL 2024 18:04:00 UTC",
        "Sun, 01 Dec 2024 00:00:00 UT", "Wed, 31 Jan 2024 23:59:59 +0000", "Wed, 31 Jan 2024 23:59:59 -0530",
        "Thu, 29 Feb 2024 12:00:00 +1400", "Mon, 06 Jan 0999 01:02:03 GMT", "Fri, 28 Feb 2025 24:00:00 GMT",
        // Rejected by both, or left to the general reader.
        "Fri, 30 Feb 2024 10:00:00 GMT", "Fri, 00 Jan 2024 10:00:00 GMT", "Fri, 32 Jan 2024 10:00:00 GMT",
        "Xyz, 30 Jul 2024 18:04:00 GMT", "Tue, 30 Jly 2024 18:04:00 GMT", "Tue, 30 Jul 2024 18:64:00 GMT",
        "Tue, 30 Jul 2024 18:04:61 GMT", "Tue, 30 Jul 2024 25:04:00 GMT", "Tue, 30 Jul 2024 24:01:00 GMT",
        "Tue, 30 Jul 2024 18:04:00 EST", "Tue, 30 Jul 2024 18:04:00 +00:00", "Tue, 30 Jul 2024 18:04:00 Z",
        "Tue,  3 Jul 2024 18:04:00 GMT", "Tue, 30 Jul 2024 18:04 GMT", "Tue, 30 Jul 24 18:04:00 GMT",
        "Tue, 30 Jul 2024 18:04:00 GM1", "Tue, 30 Jul 2024 18:04:00 +0a00",
    ])
    func canonicalDatesMatchTheGeneralReader(_ s: String) {
        let fast = RFC822Date.canonical(s)
        if let fast { #expect(fast == Self.general(s)) }
        #expect(FeedDate.parse(s).map(\.timeIntervalSince1970) == Self.general(s))
    }

    /// The general reader as `FeedDate.parse` runs it for a string starting with a digit.
    static func generalISO(_ s: String) -> Double? {
        var scanner = DateScanner(s)
        guard let t = ISO8601Date.parse(&scanner) else { return nil }
        scanner.skipSpaces()
        return scanner.atEnd ? t : nil
    }

    @Test(arguments: [
        "2024-07-30T18:04:00Z", "2024-07-30t18:04:00z", "2024-07-30T23:00:00+02:00", "2024-07-30T00:30:00-05:30",
        "2024-02-29T24:00:00Z", "0001-01-01T00:00:00Z",
        // Rejected by both, or left to the general reader.
        "2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-07-30T18:60:00Z", "2024-07-30T24:01:00Z",
        "2024-07-30T18:04:00X", "2024-07-30T18:04:00+0200", "2024-07-30 18:04:00Z", "2024/07/30T18:04:00Z",
        "2024-07-30T18:04:00.5Z", "2024-07-30T18:04:00+02:0a",
    ])
    func canonicalISODatesMatchTheGeneralReader(_ s: String) {
        if let fast = ISO8601Date.canonical(s) { #expect(fast == Self.generalISO(s)) }
        #expect(FeedDate.parse(s).map(\.timeIntervalSince1970) == (Self.generalISO(s) ?? Self.general(s)))
    }

    @Test func theCanonicalFormTakesTheFastPath() {
        #expect(ISO8601Date.canonical("2024-07-30T20:04:00+02:00") == 1_722_362_640)
        #expect(RFC822Date.canonical("Tue, 30 Jul 2024 18:04:00 GMT") == 1_722_362_640)
        #expect(RFC822Date.canonical("Tue, 30 Jul 2024 20:04:00 +0200") == 1_722_362_640)
        #expect(RFC822Date.canonical("Tue, 30 Jul 2024 18:04:00 EST") == nil)
    }

    @Test(arguments: [
        ("HTTPS://News.Example.COM:443/a b/?utm_source=x&id=7&&FBCLID=2#frag", "https://news.example.com/a%20b/?id=7"),
        ("http://user:pw@Example.com.:8080", "http://user:pw@example.com:8080/"),
        ("http://example.com:80/?a=1&utm_medium=rss", "http://example.com/?a=1"),
        ("http://[::1]:8443/x?q=\"1\"", "http://[::1]:8443/x?q=%221%22"),
        ("http://./", "http:///"),
        ("mailto:jo@example.com", nil),
        ("1http://example.com/", nil),
        ("http://:80/", nil),
    ] as [(String, String?)])
    func canonicalURLs(_ url: String, _ expected: String?) {
        #expect(URLCanonicalizer.canonical(url) == expected)
    }

    /// A leaf's text is kept on the element until more content follows; mixed content must
    /// still serialize in document order.
    @Test func leafTextKeepsDocumentOrderInMixedContent() throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>A &amp; B</title><link>https://example.com/a</link>
            <description>Hi <b>bold</b> there <i>x</i></description></item></channel></rss>
            """
        let doc = try DocumentParser.parse(Data(xml.utf8), url: URL(string: "https://example.com/feed"))
        let story = try #require(doc.stories.first)
        #expect(story.title == "A & B")
        #expect(story.text == "Hi bold there x")
        #expect(story.html == "Hi <b>bold</b> there <i>x</i>")
    }

    @Test func childLookupsGoByNamespaceFamily() {
        let item = XMLNode(name: "item", family: .none, attributes: [], base: nil, lang: nil, line: 1)
        let other = XMLNode(name: "title", family: NS.family(of: "urn:x"), attributes: [], base: nil, lang: nil, line: 1)
        let dc = XMLNode(name: "title", family: NS.family(of: "http://purl.org/dc/terms/"), attributes: [], base: nil, lang: nil, line: 1)
        item.children = [XMLNode(text: "t"), other, dc]
        #expect(item.child("title", NS.dc) === dc)
        #expect(item.child("title", NS.rss) == nil)
        #expect(item.child("title") === other)
        #expect(item.children("title").count == 2)
    }
}
