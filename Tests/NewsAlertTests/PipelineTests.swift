import Feeds
import Foundation
import Logging
import Store
import TestSupport
import Testing
@testable import NewsAlert

/// The pipeline end to end against a real nginx: fetch, parse, locate, store, dedup, match.
struct PipelineTests {
    static let wire = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
    <item><title>US strikes Iran-backed militia sites in Iraq's Babil province</title>
    <link>https://wire.example/world/us-strikes-militia-babil</link><guid>wire-1001</guid>
    <pubDate>Tue, 30 Jul 2024 18:04:00 GMT</pubDate>
    <description>HILLAH, Iraq (AP) — U.S. forces struck sites used by Iran-backed militias in Babil province on Tuesday after a drone attack on a base that houses American troops, officials said. The strikes hit weapons depots near the city of Hillah.</description></item>
    <item><title>Central bank holds rates steady</title><link>https://wire.example/business/rates</link><guid>wire-1002</guid>
    <pubDate>Tue, 30 Jul 2024 17:00:00 GMT</pubDate><description>The central bank left its benchmark rate unchanged on Tuesday.</description></item>
    </channel></rss>
    """

    static let aggregator = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Aggregator</title><link>https://agg.example/</link>
    <item><title>US strikes Iran-backed militia sites in Iraq's Babil province</title>
    <link>https://agg.example/story/ar-AA1?utm_source=rss&amp;ocid=feeds</link><guid>agg-77</guid>
    <pubDate>Tue, 30 Jul 2024 18:30:00 GMT</pubDate>
    <description>HILLAH, Iraq (AP) — U.S. forces struck sites used by Iran-backed militias in Babil province on Tuesday after a drone attack on a base that houses American troops, officials said.</description></item>
    </channel></rss>
    """

    static let rules = """
    owner: alice
    timezone: Europe/Berlin
    channels:
      ops: { webhook: "https://hooks.example.org/newsalert", secret_env: ALICE_HOOK_SECRET }
    rules:
      - name: iraq-strikes
        query: '(strike OR airstrike OR "drone attack") AND (militia* OR "Iran-backed")'
        regions: [IQ]
        notify: [ops]
      - name: rates-in-iraq
        query: 'rate*'
        regions: [IQ]
        notify: [ops]
    """

    @Test func newItemAlertsOnceAndSyndicatedCopyFoldsIn() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("newsalert-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("www"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.wire.write(to: dir.appendingPathComponent("www/wire.xml"), atomically: true, encoding: .utf8)
        try Self.aggregator.write(to: dir.appendingPathComponent("www/agg.xml"), atomically: true, encoding: .utf8)
        try Self.rules.write(to: dir.appendingPathComponent("rules/alice.yaml"), atomically: true, encoding: .utf8)

        let nginx = try await NginxServer.start(root: dir.appendingPathComponent("www").path)
        defer { nginx.stop() }
        let config = Config(
            database: dir.appendingPathComponent("db/newsalert.db").path, rules: dir.appendingPathComponent("rules").path,
            sources: [SourceConfig(name: "wire", url: nginx.url("/wire.xml")), SourceConfig(name: "aggregator", url: nginx.url("/agg.xml"))])
        let pipeline = try Pipeline(config: config, logger: Logger(label: "test"))
        defer { pipeline.client.shutdown() }

        let first = await pipeline.pollDue(all: true)
        #expect(first.polled == 2 && first.failed == 0)
        #expect(first.newStories == 3)
        let alerts = try pipeline.store.alerts()
        #expect(alerts.count == 1, "one alert for the story, none for its copy or the off-region story")
        #expect(alerts.first?.rule == "iraq-strikes" && alerts.first?.owner == "alice")
        #expect(alerts.first?.story?.regions.first == "IQ" || alerts.first?.story?.regions.contains("IQ-BB") == true)
        let clusters = try pipeline.store.clusters(since: .distantPast)
        let strike = clusters.first { $0.title.contains("Babil") }
        #expect(strike?.stories.count == 2, "the aggregator's copy joined the wire story's cluster")

        // Unchanged feeds: nginx answers 304, nothing new, no second alert.
        let second = await pipeline.pollDue(all: true)
        #expect(second.newStories == 0 && second.alerts == 0 && second.failed == 0)
        let health = try pipeline.store.sourcesHealth()
        #expect(health.allSatisfy { $0.lastStatus == 304 }, "\(health.map { ($0.name, $0.lastStatus) })")
        #expect(try pipeline.store.alerts().count == 1)

        // The wire feed gains an item (200): the two stories it already had are not located
        // again and keep their stored regions; the new one (rates in Iraq) is located and alerts.
        let newItem = """
            <item><title>Iraq's central bank raises its main interest rate</title><link>https://wire.example/business/iraq-rate</link>
            <guid>wire-1003</guid><pubDate>Wed, 31 Jul 2024 06:00:00 GMT</pubDate>
            <description>BAGHDAD (Reuters) — The Central Bank of Iraq raised its main interest rate to 7.5 percent on Wednesday to slow inflation, the bank said.</description></item>
            """
        try Self.wire.replacingOccurrences(of: "<item>", with: newItem + "<item>", options: [], range: Self.wire.range(of: "<item>"))
            .write(to: dir.appendingPathComponent("www/wire.xml"), atomically: true, encoding: .utf8)
        #expect(try pipeline.store.unchangedStories(source: "wire", Self.wireStories()).count == 2)
        let third = await pipeline.pollDue(all: true)
        #expect(third.newStories == 1 && third.alerts == 1, "\(third)")
        let all = try pipeline.store.alerts()
        #expect(all.count == 2 && all.allSatisfy { $0.story?.regions.contains("IQ") == true || $0.story?.regions.contains("IQ-BB") == true },
                "\(all.map { $0.story?.regions ?? [] })")
    }

    /// The wire feed's stories as the parser gives them (what a poll compares with the store).
    static func wireStories() throws -> [Story] {
        try DocumentParser.parse(Data(wire.utf8), url: URL(string: "https://wire.example/feed.xml"), contentType: "application/rss+xml", fetchedAt: Date()).stories
    }

    @Test func aFailingSourceDoesNotStopTheOthers() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("newsalert-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("www"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.wire.write(to: dir.appendingPathComponent("www/wire.xml"), atomically: true, encoding: .utf8)
        let nginx = try await NginxServer.start(root: dir.appendingPathComponent("www").path)
        defer { nginx.stop() }
        let config = Config(
            database: dir.appendingPathComponent("newsalert.db").path, rules: dir.appendingPathComponent("rules").path,
            sources: [SourceConfig(name: "missing", url: nginx.url("/missing.xml")), SourceConfig(name: "wire", url: nginx.url("/wire.xml"))])
        let pipeline = try Pipeline(config: config, logger: Logger(label: "test"))
        defer { pipeline.client.shutdown() }
        let report = await pipeline.pollDue(all: true)
        #expect(report.failed == 1 && report.newStories == 2)
        let missing = try pipeline.store.sourcesHealth().first { $0.name == "missing" }
        #expect(missing?.errorStreak == 1)
        #expect(missing?.lastError?.contains("404") == true)
        #expect(missing.flatMap(\.nextFetch).map { $0 > Date().addingTimeInterval(600) } == true, "backs off beyond the interval")
    }
}
