import Foundation
import Testing
@testable import Feeds

/// The pages of `Fixtures/articles/`, modelled on real news sites, with what must come out.
@Suite struct ArticleFixtureTests {
    static let fetchedAt = Date(timeIntervalSince1970: 1_717_000_000)

    static func parse(_ name: String, url: String, contentType: String? = nil) throws -> ParsedDocument {
        let file = try #require(Bundle.module.url(forResource: name, withExtension: "html", subdirectory: "Fixtures/articles"))
        return try ArticleExtractor.parse(try Data(contentsOf: file), url: URL(string: url), contentType: contentType, fetchedAt: fetchedAt)
    }

    /// The case that started the project: an aggregator's copy of a wire story.
    @Test func aggregatorCopyOfAWireStory() throws {
        let document = try Self.parse("aggregator-wire-story", url: "https://www.newsfeed-daily.example/en-us/news/world/ar-AA1oXq7Z?ocid=msedgntp")
        #expect(document.kind == .article)
        let story = try #require(document.stories.first)
        #expect(story.text == """
            WASHINGTON (AP) — U.S. military fighter jets struck two sites used by Iran-backed militias in Iraq's Babil province early Tuesday, hours after a drone attack wounded several American service members at an air base in the west of the country, U.S. officials said.
            The strikes hit a command center and a weapons storage facility near Jurf al-Sakhar, south of Baghdad, according to two defense officials who spoke on condition of anonymity to discuss military operations.
            Defense Secretary Lloyd Austin said the strikes were "necessary and proportionate" and were ordered by President Joe Biden to protect U.S. personnel. "The president and I will not hesitate to take further action to defend our forces," Austin said in a statement.
            The Islamic Resistance in Iraq, an umbrella group of Iran-backed militias, has claimed dozens of attacks on bases housing U.S. troops in Iraq and Syria since October, most of them with drones and rockets that caused little damage.
            Iraq's government condemned the strikes as a violation of its sovereignty, while also calling on the militias to stop targeting foreign forces. A spokesman for Prime Minister Mohammed Shia al-Sudani said the government would open an investigation.
            About 2,500 U.S. troops remain in Iraq on a mission to advise and assist local forces fighting the remnants of the Islamic State group. Officials in Baghdad and Washington have been negotiating the future of that mission for months.
            Abdul-Zahra reported from Baghdad. Associated Press writer Tara Copp contributed to this report.
            """)
        #expect(story.published == Self.fetchedAt.addingTimeInterval(-5 * 3600))
        #expect(story.title == "US strikes Iran-backed militia sites in Iraq after drone attack on base")
        #expect(story.authors == ["Lolita C. Baldor", "Qassim Abdul-Zahra"])
        let canonical = "https://www.newsfeed-daily.example/en-us/news/world/us-strikes-iran-backed-militia-sites-in-iraq/ar-AA1oXq7Z"
        #expect(story.guid == canonical)
        #expect(story.url == canonical)
        #expect(story.image == "https://www.newsfeed-daily.example/img/2024/babil-strike-1200.jpg")
        #expect(story.language == "en-US")
        #expect(story.summary.hasPrefix("WASHINGTON (AP) — U.S. military fighter jets"))
        for furniture in ["Open in App", "Expand All", "Comments", "YOU MAY ALSO LIKE", "Hadi Mizban", "Local", "Advertisement", "5 hours ago"] {
            #expect(!story.text.contains(furniture), "text keeps \(furniture)")
            #expect(!(story.html ?? "").contains(furniture), "html keeps \(furniture)")
        }
    }

    @Test func wirePageWithJSONLD() throws {
        let document = try Self.parse("wire-jsonld", url: "https://wire.example.com/world/iraq-floods-basra-2024-03-18/?utm_source=rss")
        #expect(document.kind == .article)
        #expect(document.feed.discoveredFeeds == ["https://wire.example.com/feeds/world.rss"])
        let story = try #require(document.stories.first)
        #expect(story.title == "Flooding forces thousands from homes in southern Iraq")
        #expect(story.authors == ["Samya Kullab", "Ali Jabar"])
        #expect(story.published == ISO8601DateFormatter().date(from: "2024-03-18T13:42:00Z"))
        #expect(story.updated == ISO8601DateFormatter().date(from: "2024-03-18T15:10:00Z"))
        #expect(story.guid == "https://wire.example.com/world/iraq-floods-basra-2024-03-18/")
        #expect(story.image == "https://wire.example.com/photos/basra-floods.jpg")
        #expect(story.language == "en")
        #expect(story.categories == ["Iraq", "Floods", "Weather"])
        #expect(story.summary == "Heavy rains flooded parts of Basra and Dhi Qar provinces, forcing thousands of families to leave their homes.")
        let lines = story.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines.first?.hasPrefix("BAGHDAD (Wire) — Heavy rains") == true)
        #expect(lines.last == "The civil defense directorate urged residents to stay away from riverbanks as more rain was forecast for Tuesday.")
        for furniture in ["Related", "drought drives", "newsletter", "Subscribe", "Share", "Print", "Skip to"] {
            #expect(!story.text.contains(furniture), "text keeps \(furniture)")
        }
    }

    @Test func newspaperPageWithCommentsAndRelatedLinks() throws {
        let document = try Self.parse("newspaper-comments", url: "https://www.riverside-gazette.example/local/2024/05/tram-line/")
        #expect(document.kind == .article)
        let story = try #require(document.stories.first)
        #expect(story.text == """
            The city council voted 31 to 12 on Tuesday evening to build a new tram line connecting the northern districts with the central station, ending a debate that has lasted more than a decade.
            The line will run for 7.4 kilometers, with eleven stops, and is expected to cost about 240 million euros, two thirds of which will come from federal and state funds.
            Construction to start in 2026
            Work on the first section, between the central station and the university hospital, is to begin in spring 2026. The transport company expects the full line to open by the end of 2029.
            Opponents had argued that electric buses would be cheaper and faster to introduce. "We are building for the next fifty years, not the next five," the mayor said after the vote.
            """)
        #expect(story.authors == ["Maria Schneider"])
        #expect(story.published == ISO8601DateFormatter().date(from: "2024-05-14T04:30:00Z"))
        #expect(story.title == "City council approves new tram line")
        #expect(story.language == "de")
        #expect(document.feed.discoveredFeeds == [
            "https://www.riverside-gazette.example/rss/all.xml",
            "https://www.riverside-gazette.example/local/2024/05/tram-line/comments/feed/",
        ])
    }

    @Test func pageThatIsMostlyBoilerplate() throws {
        let document = try Self.parse("mostly-boilerplate", url: "https://coastalpost.example/news/local/port-reopens")
        #expect(document.kind == .article)
        let story = try #require(document.stories.first)
        #expect(story.text == """
            The harbour at Kingsmouth reopened to shipping on Thursday morning, three days after storm winds of up to 90 mph tore two cranes from their rails and sank a fishing boat at its mooring.
            The harbour master said divers had cleared the main channel overnight and that ferries to the islands would run to their normal timetable from Friday.
            Fishermen said it would take weeks to repair the damaged quay. “We lost a week of work already,” said one skipper, who asked not to be named.
            """)
        #expect(story.title == "Port reopens after storm")
        #expect(story.authors == ["Tom Harris", "Shipping Correspondent"] || story.authors == ["Tom Harris, Shipping Correspondent"])
        #expect(story.published == Self.fetchedAt.addingTimeInterval(-2 * 86_400))
        #expect(story.language == "en-GB")
        #expect(story.image == "https://coastalpost.example/images/port.jpg")
        #expect(story.guid == "https://coastalpost.example/news/local/port-reopens")
    }

    @Test func homePageIsAPageWithItsFeeds() throws {
        let document = try Self.parse("home-page", url: "https://news.harbour.example/")
        #expect(document.kind == .page)
        #expect(document.stories.isEmpty)
        #expect(document.feed.title == "Daily Harbour News")
        #expect(document.feed.discoveredFeeds == [
            "https://news.harbour.example/feeds/top.rss",
            "https://news.harbour.example/feeds/top.atom",
            "https://news.harbour.example/feeds/top.json",
        ])
    }
}
