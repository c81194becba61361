import Foundation
import Testing
@testable import Feeds

@Suite struct MalformedFeedTests {
    @Test func oneBrokenEntityKeepsTheOtherItems() throws {
        let doc = try FeedFixture.parse("malformed-entity-50.xml")
        #expect(doc.stories.count == 50)
        #expect(doc.stories[16].title == "Story 17 entity")
        #expect(doc.stories[49].url == "https://broken.example.org/50")
        #expect(doc.warnings.contains { $0.hasPrefix("line 19: ") && $0.contains("bogus") })
    }

    @Test func mismatchedTagRecoversAndKeepsEntities() throws {
        let doc = try FeedFixture.parse("malformed-mismatched.xml")
        #expect(doc.stories.count == 11)
        #expect(doc.stories.map(\.guid).contains("g10"))
        #expect(doc.stories.last?.title == "After & error")
        #expect(doc.warnings.contains { $0.contains("line 6") && $0.contains("mismatch") })
    }

    @Test func truncatedFeedKeepsCompleteItems() throws {
        let doc = try FeedFixture.parse("malformed-truncated.xml")
        #expect(Array(doc.stories.prefix(3).map(\.title)) == ["T1", "T2", "T3"])
        #expect(!doc.warnings.isEmpty)
    }

    @Test func controlCharactersAreReplaced() throws {
        let doc = try FeedFixture.parse("malformed-controls.xml")
        #expect(doc.stories.first?.title == "Bell and vertical")
        #expect(doc.warnings.contains("3 control characters replaced by spaces"))
    }

    @Test func undeclaredPrefixesStillMeanTheirNamespace() throws {
        let doc = try FeedFixture.parse("malformed-undeclared-prefix.xml")
        #expect(doc.stories.first?.authors == ["Undeclared Prefix"])
        #expect(doc.stories.first?.text == "Body")
    }

    @Test func bareAmpersandsAreText() throws {
        let doc = try FeedFixture.parse(xml: "<rss><channel><item><title>AT&T and Q&A &amp; more</title><link>https://x.example/?a=1&b=2</link></item></channel></rss>")
        #expect(doc.stories.first?.title == "AT&T and Q&A & more")
        #expect(doc.stories.first?.url == "https://x.example/?a=1&b=2")
    }

    @Test(arguments: ["attack-billion-laughs.xml", "attack-quadratic.xml"])
    func entityExpansionAttacksStopFastWithAClearError(_ file: String) throws {
        let start = ContinuousClock.now
        #expect {
            try FeedFixture.parse(file)
        } throws: { error in
            let message = (error as? FeedError)?.description ?? ""
            return message.hasPrefix("feeds: ") && message.contains("entit")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let doc = try FeedFixture.parse("attack-xxe.xml")
        #expect(doc.stories.first?.title == "Secret:")
        #expect(doc.stories.first?.text.contains("root:") == false)
    }

    @Test func deepNestingIsBounded() throws {
        let start = ContinuousClock.now
        let doc = try FeedFixture.parse("attack-deep.xml")
        #expect(doc.stories.first?.title == "ok")
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func internalEntitiesExpand() throws {
        let doc = try FeedFixture.parse("internal-entity.xml")
        #expect(doc.feed.title == "Example Site News")
        #expect(doc.stories.first?.title == "From Example Site")
    }

    @Test(arguments: ["", "   ", "not a feed at all", "{\"foo\": 1}", "<", "{"])
    func garbageIsAnErrorNotACrash(_ input: String) {
        #expect(throws: FeedError.self) {
            try DocumentParser.parse(Data(input.utf8), url: nil)
        }
    }

    @Test func htmlEntitiesInRSSAreDecoded() throws {
        let doc = try FeedFixture.parse("rss091.xml")
        #expect(doc.stories.first?.title == "Café opens — again")
        #expect(doc.warnings.isEmpty)
    }

    @Test func doubleEscapedHTMLIsUnescapedOnce() throws {
        let doc = try FeedFixture.parse(xml: "<rss><channel><item><title>t</title><description>&amp;lt;p&amp;gt;Double &amp;amp; escaped&amp;lt;/p&amp;gt;</description></item></channel></rss>")
        #expect(doc.stories.first?.summary == "Double & escaped")
    }
}
