import Feeds
import Foundation
import GRDB
import Testing
@testable import Store

/// The in-memory dedup window (schema v7): stories enter when their poll commits, follow their
/// edits, leave once fetched more than `DedupWindow.span` ago, a rolled-back poll leaves no
/// trace, another writer's stories are seen, and an older database upgrades in place.
@Suite struct WindowTests {
    static func entry(_ store: Store, _ story: Int64) -> WindowEntry? {
        store.window.state.withLock { $0.index.entry(story) }
    }

    @Test func aStoryLeavesTheWindowOnceFetchedLongerAgoThanTheSpan() throws {
        let t = try TempStore()
        let a = try t.store.recordPollResult(poll("wire", [longStory("a", title: "Floods close the river port at dawn", seed: "port")]))
        let id = a.inserted[0].id
        #expect(Self.entry(t.store, id)?.long == true)
        let span = DedupWindow.span(t.store.dedup)
        try t.store.recordPollResult(poll("portal", at: t0.addingTimeInterval(span - 60), []))
        #expect(Self.entry(t.store, id) != nil)
        let later = try t.store.recordPollResult(poll("portal", at: t0.addingTimeInterval(span + 60),
                                                      [longStory("b", title: "Council votes on the new budget", seed: "budget",
                                                                 published: t0.addingTimeInterval(span + 60))]))
        #expect(Self.entry(t.store, id) == nil)
        #expect(Self.entry(t.store, later.inserted[0].id) != nil)
        #expect(t.store.window.count == 1)
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
        let entry = try #require(Self.entry(t.store, id))
        #expect(entry.titleKey == new.titleKey && old.titleKey != new.titleKey)
        #expect(entry.cluster == first.inserted[0].clusterID && entry.fetched == t0.timeIntervalSince1970)
        #expect(try t.store.nearDuplicates(of: new.fingerprint, around: t0).map(\.storyID) == [id])
        #expect(try t.store.nearDuplicates(of: old.fingerprint, around: t0).isEmpty)
    }

    /// A feed listing one guid twice, the second time edited: the window holds the edit.
    @Test func aStoryEditedWithinItsOwnPollIsIndexedByItsEdit() throws {
        let t = try TempStore()
        let story = longStory("g1", title: "Strike hits militia depot in Babil", seed: "babil")
        var edited = story
        edited.title = "Drone strike hits weapons depot near Hilla overnight"
        edited.text = longStory("g1", title: edited.title, seed: "hilla").text
        let outcome = try t.store.recordPollResult(poll("wire", [story, edited]))
        #expect(outcome.inserted.count == 1 && outcome.updated == 1)
        let entry = try #require(Self.entry(t.store, outcome.inserted[0].id))
        #expect(entry.titleKey == DedupKeys(story: edited, fetched: t0, policy: t.store.dedup).titleKey)
        #expect(t.store.window.count == 1)
    }

    @Test func aRolledBackPollLeavesNoTraceInTheWindow() throws {
        struct Boom: Error {}
        let t = try TempStore()
        let story = longStory("g1", title: "Strike hits militia depot in Babil", seed: "babil")
        #expect(throws: Boom.self) {
            try t.store.recordPollResult(poll("wire", [story])) { _, _ in throw Boom() }
        }
        #expect(t.store.window.count == 0)
        #expect(try t.store.nearDuplicates(of: DedupKeys(story: story, fetched: t0, policy: t.store.dedup).fingerprint,
                                            around: t0).isEmpty)
        // The same story again is new, and the next copy joins it.
        let a = try t.store.recordPollResult(poll("wire", [story]))
        var copy = story
        copy.guid = "agg-1"
        let b = try t.store.recordPollResult(poll("aggregator", at: t0.addingTimeInterval(60), [copy]))
        #expect(b.decisions == [.joined(a.inserted[0].clusterID, via: .simHash(distance: 0))])
    }

    @Test func storiesAnotherWriterRecordedAreFound() throws {
        let t = try TempStore()
        let other = try Store(path: t.store.path)
        defer { try? other.close() }
        try t.store.recordPollResult(poll("portal", [longStory("p", title: "Ferry service resumes after the storm", seed: "ferry")]))
        let story = longStory("g1", title: "Strike hits militia depot in Babil", seed: "babil")
        let a = try other.recordPollResult(poll("wire", at: t0.addingTimeInterval(30), [story]))
        var copy = story
        copy.guid = "agg-1"
        let b = try t.store.recordPollResult(poll("aggregator", at: t0.addingTimeInterval(60), [copy]))
        #expect(b.decisions.first?.clusterID == a.inserted[0].clusterID)
    }

    /// What polls built step by step is what a rebuild from the rows holds.
    @Test func theWindowAfterPollsEqualsARebuild() throws {
        let t = try TempStore()
        let span = DedupWindow.span(t.store.dedup)
        for i in 0..<12 {
            let at = t0.addingTimeInterval(Double(i) * span / 4)
            var stories = [longStory("s\(i)", title: "Story number \(i) of the test week", seed: "s\(i)", published: at)]
            if i % 3 == 1 {  // an edit of the previous poll's story, and a copy of it
                var edited = longStory("s\(i - 1)", title: "Story number \(i - 1) of the test week, updated", seed: "e\(i)",
                                       published: at)
                edited.summary = "edited"
                stories.append(edited)
            }
            try t.store.recordPollResult(poll(i % 2 == 0 ? "wire" : "portal", at: at, stories))
        }
        let live = t.store.window.state.withLock { $0.index.inOrder }
        let rebuilt = try t.store.pool.read { try DedupWindow.load($0, span: span).inOrder }
        #expect(!live.isEmpty && live.count < 12)
        #expect(Set(live.map(\.story)) == Set(rebuilt.map(\.story)))
        #expect(live.sorted { $0.story < $1.story } == rebuilt.sorted { $0.story < $1.story })
    }

    @Test func aVersion3DatabaseUpgradesInPlace() throws {
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
        let names = try store.pool.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master") }
        #expect(!names.contains { $0.hasPrefix("dedup_") || $0.hasPrefix("stories_band") || $0 == "stories_title_key" })
        #expect(names.contains("stories_window"))
        #expect(try store.rebuildDedupWindow() == 1)
        #expect(Self.entry(store, 1) == nil && Self.entry(store, 2) != nil)
        // The recent story is found by a copy recorded after the upgrade; the stale one is not.
        var copy = recent
        copy.guid = "agg-1"
        copy.title += " - Daily Courier"
        let joined = try store.recordPollResult(poll("aggregator", at: t0.addingTimeInterval(3600), [copy]))
        #expect(joined.decisions.first?.clusterID == 2)
    }
}
