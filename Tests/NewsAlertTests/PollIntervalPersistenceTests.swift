import Foundation
import Logging
import Store
import TestSupport
import Testing
@testable import NewsAlert

/// The adapted poll interval (issue 8, "Scheduling per source") is learned poll by poll and
/// must survive a restart: a new process resumes from it instead of starting over at `every:`.
struct PollIntervalPersistenceTests {
    static let feed = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Quiet County Gazette</title><link>https://gazette.example/</link>
    <item><title>Library extends weekend opening hours</title><link>https://gazette.example/library-hours</link>
    <guid>gazette-311</guid><pubDate>Tue, 30 Jul 2024 09:15:00 GMT</pubDate>
    <description>The county library will open on Sundays from September, the board said.</description></item>
    </channel></rss>
    """

    @Test func learnedIntervalSurvivesARestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("newsalert-interval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("www"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.feed.write(to: dir.appendingPathComponent("www/gazette.xml"), atomically: true, encoding: .utf8)
        let nginx = try await NginxServer.start(root: dir.appendingPathComponent("www").path)
        defer { nginx.stop() }
        let config = Config(
            database: dir.appendingPathComponent("newsalert.db").path, rules: dir.appendingPathComponent("rules").path,
            sources: [SourceConfig(name: "gazette", url: nginx.url("/gazette.xml"), every: 60)])

        // First process: one fetch with a new item (60 s), then two unchanged polls (304),
        // each stretching the interval by 1.25: 75 s, then 93.75 s.
        do {
            let pipeline = try Pipeline(config: config, logger: Logger(label: "test"))
            defer { pipeline.client.shutdown() }
            for _ in 0..<3 { _ = await pipeline.pollDue(all: true) }
            let learned = try #require(try pipeline.store.sources().first?.pollInterval)
            #expect(learned == 93.75)
            try pipeline.store.close()
        }

        // Restart: the new process reads 93.75 s back and keeps adapting from there.
        let restarted = try Pipeline(config: config, logger: Logger(label: "test"))
        defer { restarted.client.shutdown() }
        let before = try #require(try restarted.store.sources().first)
        #expect(before.pollInterval == 93.75, "the interval learned before the restart is kept")
        let report = await restarted.pollDue(all: true)
        #expect(report.polled == 1 && report.failed == 0)
        let after = try #require(try restarted.store.sources().first)
        #expect(after.lastStatus == 304)
        #expect(after.pollInterval == 117.1875, "93.75 × 1.25: adapted from the stored value, not from every: 60")
        let wait = after.nextDue.timeIntervalSince(try #require(after.lastFetch))
        #expect(wait >= 117.1875 * 0.9 - 0.01 && wait <= 117.1875 * 1.1 + 0.01, "the next poll follows the learned interval ± jitter")
        try restarted.store.close()

        // A new URL is a new publisher: what was learned about the old one no longer applies.
        var moved = config
        moved.sources = [SourceConfig(name: "gazette", url: nginx.url("/gazette.xml?edition=new"), every: 60)]
        let reconfigured = try Pipeline(config: moved, logger: Logger(label: "test"))
        defer { reconfigured.client.shutdown() }
        #expect(try reconfigured.store.sources().first?.pollInterval == nil)
    }

    @Test func aChangedEveryStillBoundsTheStoredInterval() {
        // A stored 93.75 s read back under a config that now says every: 5m starts at 300 s.
        let (_, state) = PollSchedule(every: 300).next(after: .notModified(freshFor: nil), state: .init(interval: 93.75),
                                                        now: Date(timeIntervalSince1970: 0), random: 0.5)
        #expect(state.interval == 375)
    }
}
