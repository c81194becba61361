import Foundation
import Testing
@testable import Delivery

@Suite struct WebhookPayloadTests {
    private func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func nativeSingleMatchesDesign() throws {
        let json = try object(WebhookPayload.body(for: AlertFixtures.single, format: .native))
        #expect(json["type"] as? String == "story.matched")
        #expect(json["owner"] as? String == "alice")
        #expect(json["rule"] as? String == "iraq-strikes")
        let story = try #require(json["story"] as? [String: Any])
        #expect(Set(story.keys) == ["title", "url", "source", "published", "summary", "regions", "matched", "also_reported_by"])
        #expect(story["published"] as? String == "2024-07-30T18:04:00Z")
        #expect(story["regions"] as? [String] == ["IQ", "IQ-BB"])
        #expect(story["summary"] as? String == AlertFixtures.story.summary)
        let also = try #require(story["also_reported_by"] as? [[String: String]])
        #expect(also[1] == ["source": "Zeitung für Köln", "url": "https://zeitung.example.de/artikel/9"])
    }

    @Test func nativeDigestListsStoriesWithRules() throws {
        let json = try object(WebhookPayload.body(for: AlertFixtures.digest, format: .native))
        #expect(json["type"] as? String == "digest")
        #expect(json["rule"] == nil)
        let stories = try #require(json["stories"] as? [[String: Any]])
        #expect(stories.map { $0["rule"] as? String } == ["iraq-strikes", "region-digest"])
        #expect(stories[1]["published"] is NSNull)
    }

    /// Every output prints a date as `inspect --json` does (Feeds' `RFC3339`): milliseconds
    /// when the feed gave a fraction, none otherwise, always UTC.
    @Test(arguments: [
        (1_722_362_640.0, "2024-07-30T18:04:00Z"),
        (1_722_362_640.25, "2024-07-30T18:04:00.250Z"),
    ])
    func publishedIsPrintedAsEverywhere(_ t: Double, _ expected: String) throws {
        var story = AlertFixtures.story
        story.published = Date(timeIntervalSince1970: t)
        let content = AlertContent(key: "1", owner: "o", kind: .matched(rule: "r", story: story))
        let json = try object(WebhookPayload.body(for: content, format: .native))
        #expect((json["story"] as? [String: Any])?["published"] as? String == expected)
    }

    @Test func bodyBytesAreStable() {
        #expect(WebhookPayload.body(for: AlertFixtures.single, format: .native) == WebhookPayload.body(for: AlertFixtures.single, format: .native))
    }

    @Test func controlCharactersAreEscaped() throws {
        var story = AlertFixtures.story
        story.title = "line\nbreak\u{01}tab\t\"q\" back\\slash"
        let content = AlertContent(key: "1", owner: "o", kind: .matched(rule: "r", story: story))
        let json = try object(WebhookPayload.body(for: content, format: .native))
        #expect((json["story"] as? [String: Any])?["title"] as? String == story.title)
    }

    @Test func slackHasTextAndEscapedBlocks() throws {
        let json = try object(WebhookPayload.body(for: AlertFixtures.single, format: .slack))
        let text = try #require(json["text"] as? String)
        #expect(text.contains("iraq-strikes"))
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        let section = try #require(blocks.first { $0["type"] as? String == "section" })
        let mrkdwn = try #require((section["text"] as? [String: Any])?["text"] as? String)
        #expect(mrkdwn.hasPrefix("*<https://news.example.org/world/2024/07/30/hillah-drone-attack?utm_source=rss|Drone attack"))
        #expect(mrkdwn.contains("&lt;in a statement&gt; &amp; more"))
        #expect(!mrkdwn.contains("<in a statement>"))
    }

    @Test func slackDigestStaysUnderBlockLimit() throws {
        let stories = (0..<120).map { i in MessageStory(title: "Story \(i)", url: "https://e.example/\(i)", source: "s") }
        let content = AlertContent(key: "d", owner: "bob", kind: .digest(stories: stories))
        let json = try object(WebhookPayload.body(for: content, format: .slack))
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.count <= 50)
        #expect(String(describing: blocks.last).contains("and 96 more"))
    }

    @Test func discordHasContentEmbedsAndNoMentions() throws {
        let json = try object(WebhookPayload.body(for: AlertFixtures.digest, format: .discord))
        #expect((json["content"] as? String)?.contains("2 stories") == true)
        let embeds = try #require(json["embeds"] as? [[String: Any]])
        #expect(embeds.count == 2)
        #expect(embeds[0]["timestamp"] as? String == "2024-07-30T18:04:00Z")
        #expect(embeds[0]["url"] as? String == AlertFixtures.story.url)
        #expect((json["allowed_mentions"] as? [String: Any])?["parse"] as? [Any] != nil)
    }

    @Test func discordLimitsEmbedsAndLengths() throws {
        let long = String(repeating: "x", count: 5000)
        let stories = (0..<14).map { i in MessageStory(title: long, url: "https://e.example/\(i)", source: "s", summary: long) }
        let json = try object(WebhookPayload.body(for: AlertContent(key: "d", owner: "o", kind: .digest(stories: stories)), format: .discord))
        let embeds = try #require(json["embeds"] as? [[String: Any]])
        #expect(embeds.count == 10)
        #expect((embeds[0]["title"] as? String)?.count == 256)
        #expect((embeds[0]["description"] as? String)?.count == 4096)
    }
}
