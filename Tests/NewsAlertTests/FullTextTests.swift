import Feeds
import Foundation
import Logging
import TestSupport
import Testing
@testable import NewsAlert

/// `full_text: true`: the item's page is fetched and its article replaces the feed's short text.
struct FullTextTests {
    static let page = """
    <!doctype html><html lang="en"><head><title>Strikes hit militia depots | Wire</title>
    <link rel="canonical" href="https://wire.example/world/strikes"></head><body>
    <nav><a href="/">Home</a> · <a href="/world">World</a> · <a href="/politics">Politics</a></nav>
    <article><h1>Strikes hit militia depots</h1>
    <p>HILLAH, Iraq (AP) — U.S. forces struck weapons depots used by Iran-backed militias in Babil province on Tuesday, officials said, hours after a drone attack on a base housing American troops.</p>
    <p>The strikes destroyed two warehouses near the city of Hillah, according to two Iraqi security officials who spoke on condition of anonymity because they were not authorized to brief reporters.</p>
    <p>The Pentagon said the targets were chosen to avoid civilian casualties and that the operation was over.</p>
    </article><aside><h2>YOU MAY ALSO LIKE</h2><a href="/x">Ten recipes</a></aside></body></html>
    """

    @Test func theArticleReplacesTheFeedsShortText() async throws {
        let dir = try TemporaryDirectory(prefix: "newsalert-fulltext")
        try Self.page.write(toFile: dir.file("strikes.html"), atomically: true, encoding: .utf8)
        let nginx = try await NginxServer.start(root: dir.path)
        defer { nginx.stop() }
        let pipeline = try Pipeline(config: Config(database: dir.file("db.sqlite"), rules: dir.file("rules")), logger: Logger(label: "test"))
        defer { pipeline.client.shutdown() }

        var stories = [
            Story(guid: "a", url: nginx.url("/strikes.html"), title: "Strikes hit militia depots", summary: "U.S. forces struck depots.", text: "U.S. forces struck depots."),
            Story(guid: "b", url: nginx.url("/missing.html"), title: "Other", text: "Short text stays."),
        ]
        await pipeline.fetchFullText(&stories, newerThan: nil, now: Date(), meta: [:])
        #expect(stories[0].text.contains("destroyed two warehouses near the city of Hillah"))
        #expect(!stories[0].text.contains("YOU MAY ALSO LIKE"))
        #expect(stories[0].guid == "a" && stories[0].title == "Strikes hit militia depots", "the item keeps its identity")
        #expect(stories[0].fingerprint != 0)
        #expect(stories[1].text == "Short text stays.", "a failed fetch keeps the feed's text")
    }
}
