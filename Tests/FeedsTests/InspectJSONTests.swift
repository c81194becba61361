import Foundation
import Testing
@testable import Feeds

@Suite struct InspectJSONTests {
    @Test func matchesTheDesignContract() throws {
        let story = Story(guid: "g1", url: "https://x.example/a", title: "T \"q\"", summary: "s", text: "line1\nline2",
                          authors: ["A"], published: Date(timeIntervalSince1970: 1_722_362_640), categories: ["c"],
                          language: "en", image: nil, regions: [RegionScore(code: "IQ", name: "Iraq", weight: 0.92)],
                          fingerprint: 0x9f3a_0c00_0000_0001)
        let doc = ParsedDocument(kind: .rss, feed: FeedInfo(title: "F", link: "https://x.example/", language: "en"),
                                 stories: [story], warnings: ["line 12: mismatched tag; recovered"])
        let line = InspectJSON.object(for: doc, input: "feed.xml")
        #expect(!line.contains("\n"))
        let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(o["input"] as? String == "feed.xml")
        #expect(o["kind"] as? String == "rss")
        let s = try #require((o["stories"] as? [[String: Any]])?.first)
        #expect(s["published"] as? String == "2024-07-30T18:04:00Z")
        #expect(s["updated"] is NSNull)
        #expect(s["fingerprint"] as? String == "9f3a0c0000000001")
        #expect(s["title"] as? String == "T \"q\"")
        #expect(s["text"] as? String == "line1\nline2")
        let region = try #require((s["regions"] as? [[String: Any]])?.first)
        #expect(region["code"] as? String == "IQ")
        #expect(region["weight"] as? Double == 0.92)
        #expect(o["warnings"] as? [String] == ["line 12: mismatched tag; recovered"])
        #expect(line.hasPrefix("{\"input\":\"feed.xml\",\"kind\":\"rss\",\"feed\":{"))
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (-1.0, "1969-12-31T23:59:59Z"), (951_782_400.5, "2000-02-29T00:00:00.500Z"),
    ])
    func rfc3339(_ t: Double, _ expected: String) {
        #expect(RFC3339.string(Date(timeIntervalSince1970: t)) == expected)
    }
}
