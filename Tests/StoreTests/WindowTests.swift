import Feeds
import Foundation
import GRDB
import Testing
@testable import Store

/// The dedup window tables (schema v4): stories enter when recorded, follow their edits,
/// leave once fetched more than `DedupWindow.span` ago, and an older database is upgraded
/// with its recent stories indexed.
@Suite struct WindowTests {
    /// Window rows per story: (bands, title and lead keys).
    static func entries(_ store: Store, story: Int64) throws -> (Int, Int) {
        try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM dedup_bands WHERE story_id = ?", arguments: [story])!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM dedup_keys WHERE story_id = ?", arguments: [story])!)
        }
    }

    @Test func aStoryLeavesTheWindowOnceFetchedLongerAgoThanTheSpan() throws {
        let t = try TempStore()
        let a = try t.store.recordPollResult(poll("wire", [longStory("a", title: "Floods close the river port at dawn", seed: "port")]))
        let id = a.inserted[0].id
        #expect(try Self.entries(t.store, story: id) == (4, 2))
        let span = DedupWindow.span(t.store.dedup)
        try t.store.recordPollResult(poll("portal", at: t0.addingTimeInterval(span - 60), []))
        #expect(try Self.entries(t.store, story: id) == (4, 2))
        let later = try t.store.recordPollResult(poll("portal", at: t0.addingTimeInterval(span + 60),
                                                      [longStory("b", title: "Council votes on the new budget", seed: "budget",
                                                                 published: t0.addingTimeInterval(span + 60))]))
        #expect(try Self.entries(t.store, story: id) == (0, 0))
        #expect(try Self.entries(t.store, story: later.inserted[0].id) == (4, 2))
        #expect(try t.store.pool.read { try Int64.fetchOne($0, sql: "SELECT oldest_story FROM dedup_window") } == id + 1)
        #expect(try t.store.storyCount() == 2)  // the story itself stays until retention
    }

    @Test func anEditedStoryIsFoundByItsNewKeysOnly() throws {
        let t = try TempStore()
        var story = longStory("g1", title: "Strike hits militia depot in Babil", seed: "babil")
        let first = try t.store.recordPollResult(poll("wire", [story]))
        let old = DedupKeys(story: story, fetched: t0, policy: t.store.dedup)
        story.title = "Drone strike hits weapons depot near Hilla overnight"
        story.text = longStory("g1", title: story.title, seed: "hilla").text
        try t.store.recordPollResult(poll("wire", at: t0.addingTimeInterval(600), [story]))
        let new = DedupKeys(story: story, fetched: t0, policy: t.store.dedup)
        let id = first.inserted[0].id
        #expect(try Self.entries(t.store, story: id) == (4, 2))
        let keys = try t.store.pool.read { try Int64.fetchAll($0, sql: "SELECT key FROM dedup_keys WHERE kind = 0") }
        #expect(keys == [new.titleKey!] && old.titleKey != new.titleKey)
        #expect(try t.store.nearDuplicates(of: new.fingerprint, around: t0).map(\.storyID) == [id])
        #expect(try t.store.nearDuplicates(of: old.fingerprint, around: t0).isEmpty)
    }

    @Test func aVersion3DatabaseUpgradesWithItsRecentStoriesInTheWindow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("storetests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("v3.db").path
        let policy = DedupPolicy()
        let stale = longStory("stale", title: "Old harbour story from weeks ago", seed: "stale",
                              published: t0.addingTimeInterval(-30 * 86400))
        let recent = longStory("recent", title: "Strike hits militia depot in Babil", seed: "babil")
        do {  // Two stories written the way the v1–v3 schema stored them: one old, one recent.
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v3-failing-since-notices")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO sources (id, name, url, created) VALUES (1, 'wire', 'https://w.example', 0)")
                try db.execute(sql: "INSERT INTO sources (id, name, url, created) VALUES (2, 'aggregator', 'https://a.example', 0)")
                for (i, story) in [stale, recent].enumerated() {
                    let fetched = story.published!
                    let k = DedupKeys(story: story, fetched: fetched, policy: policy)
                    let b = k.bands!
                    try db.execute(sql: "INSERT INTO clusters (id, title, first_seen, last_seen) VALUES (?, ?, ?, ?)",
                                   arguments: [i + 1, story.title, k.seen, k.seen])
                    try db.execute(sql: """
                        INSERT INTO stories (id, source_id, guid, title, summary, text, fetched, seen, fingerprint,
                            band0, band1, band2, band3, title_key, lead_key, lead2_key, content_hash, cluster_id)
                        VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [i + 1, story.guid, story.title, story.summary, story.text, fetched.timeIntervalSince1970,
                                         k.seen, Int64(bitPattern: k.fingerprint), b[0], b[1], b[2], b[3], k.titleKey,
                                         k.leadKey, k.lead2Key, k.contentHash, i + 1])
                }
            }
        }
        let store = try Store(path: path)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == Schema.version)
        #expect(try Self.entries(store, story: 1) == (0, 0))
        #expect(try Self.entries(store, story: 2) == (4, 2))
        #expect(try store.pool.read { try Int64.fetchOne($0, sql: "SELECT oldest_story FROM dedup_window") } == 2)
        let indexes = try store.pool.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        #expect(!indexes.contains { $0.hasPrefix("stories_band") || $0 == "stories_title_key" || $0 == "stories_lead_key" })
        // The recent story is found by a copy recorded after the upgrade; the stale one is not.
        var copy = recent
        copy.guid = "agg-1"
        copy.title += " - Daily Courier"
        let joined = try store.recordPollResult(poll("aggregator", at: t0.addingTimeInterval(3600), [copy]))
        #expect(joined.decisions.first?.clusterID == 2)
    }
}
