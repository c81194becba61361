import Foundation
import Testing
@testable import NewsAlert

struct OPMLImportTests {
    static let opml = """
    <?xml version="1.0" encoding="UTF-8"?>
    <opml version="2.0"><head><title>Subscriptions</title></head><body>
      <outline text="News" title="News">
        <outline type="rss" text="BBC News - World" title="BBC News - World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news"/>
        <outline type="rss" text="Al Jazeera" xmlUrl="https://www.aljazeera.com/xml/rss/all.xml"/>
        <outline type="rss" text="Al Jazeera" xmlUrl="https://www.aljazeera.com/xml/rss/sport.xml"/>
      </outline>
      <outline type="rss" text="Le Monde — International" xmlUrl="https://www.lemonde.fr/international/rss_full.xml"/>
      <outline type="link" text="Not a feed" url="https://example.org/"/>
    </body></opml>
    """

    @Test func readsEveryFeedWithUniqueNames() throws {
        let feeds = try OPMLImport.feeds(Data(Self.opml.utf8), path: "subs.opml")
        #expect(feeds.map(\.name) == ["bbc-news-world", "al-jazeera", "al-jazeera-2", "le-monde-international"])
        #expect(feeds.first?.url == "https://feeds.bbci.co.uk/news/world/rss.xml")
    }

    @Test func addsToTheSourcesListKeepingTheRestOfTheFile() throws {
        let config = """
        # my config
        rules: ./rules
        sources:
          - { name: bbc-world, url: "https://feeds.bbci.co.uk/news/world/rss.xml" }   # keep me

        # delivery below
        webhooks:
          allow_private: []
        """
        let feeds = try OPMLImport.feeds(Data(Self.opml.utf8), path: "subs.opml")
        let (text, added) = try OPMLImport.add(feeds, toConfig: config, path: "c.yaml")
        #expect(added.count == 3, "the BBC feed is already there")
        #expect(text.contains("# keep me") && text.contains("# delivery below"))
        let parsed = try ConfigLoader.parse(text, path: "c.yaml", origin: "c.yaml")
        #expect(parsed.sources.map(\.name) == ["bbc-world", "al-jazeera", "al-jazeera-2", "le-monde-international"])
        #expect(parsed.webhooks.allowPrivate.isEmpty)
        let (again, none) = try OPMLImport.add(feeds, toConfig: text, path: "c.yaml")
        #expect(none.isEmpty && again == text, "importing twice adds nothing")
    }

    @Test(arguments: ["rules: ./rules\n", "rules: ./rules\nsources: []\n"])
    func startsASourcesListWhenThereIsNone(config: String) throws {
        let (text, added) = try OPMLImport.add([.init(name: "a", url: "https://a.example/feed")], toConfig: config, path: "c.yaml")
        #expect(added.count == 1)
        #expect(try ConfigLoader.parse(text, path: "c.yaml", origin: "c.yaml").sources.map(\.url) == ["https://a.example/feed"])
    }

    @Test func notOPMLIsAClearError() {
        #expect(throws: OPMLImport.Failure.self) { try OPMLImport.feeds(Data("<rss/>".utf8), path: "x.opml") }
        #expect(throws: OPMLImport.Failure.self) { try OPMLImport.feeds(Data("<opml><body><outline".utf8), path: "x.opml") }
    }
}
