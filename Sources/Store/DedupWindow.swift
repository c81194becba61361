import Foundation
import GRDB
import Synchronization

/// The near-duplicate window (schema v7): the stories fetched within `span` of the newest
/// poll, held in memory as a banded index (`DedupIndex`), rebuilt from the stories table
/// through the append-only `stories_window` index the first time a store needs it.
///
/// Why memory and not tables: the window tables of v4 put four band entries and two key
/// entries of every new story in random leaves of two B-trees, each a WAL frame and a
/// checkpoint write; that was most of the cost of an ingest at 1M stories (the plain-SQL
/// anchor went from 1,009 to 5,319 stories/s without them; Benchmarks/StoreBench/RESULTS.md).
/// The window is derived data: everything in it is in the story rows, so losing it costs
/// one rebuild.
///
/// A poll's changes are staged (`Pending`) and reach the shared index only when its
/// transaction commits, inside the writer's queue (GRDB `afterNextTransaction`), so a rolled
/// back poll leaves no trace and the next poll always sees the previous one. Another
/// connection writing stories (another process, another `Store` on the same file) changes the
/// writer's `PRAGMA data_version`, and the index is rebuilt before the next poll uses it.
final class DedupWindow: Sendable {
    /// How long a story stays indexed: twice the window plus the hour of clock skew `seen`
    /// allows, so a story published up to one window before it was fetched still finds every
    /// copy seen within the window of it (a copy counts as seen at most an hour after it was
    /// fetched, so it was fetched no earlier than `seen − window − 1 h`).
    static func span(_ policy: DedupPolicy) -> TimeInterval { 2 * policy.window + 3600 }

    /// What one write transaction changes, applied to the index when it commits. The stories
    /// one poll adds are few (its batch), so they are kept as a list.
    struct Pending: Sendable {
        var added: [WindowEntry] = []
        /// Stories whose committed entry no longer counts (edited, or deleted by retention).
        var removed: Set<Int64> = []
        var expireBefore = -Double.infinity
    }

    struct State: Sendable {
        var index = DedupIndex()
        var loaded = false
        /// The writer connection's `PRAGMA data_version` when the index was last in step.
        var dataVersion = 0
        var pending: Pending?
    }

    let state = Mutex(State())

    static let newestSQL = "SELECT max(fetched) FROM stories"
    static let countSQL = "SELECT count(*) FROM stories WHERE fetched >= ?"
    /// The covering index the window is rebuilt from; new rows land at its right edge.
    static let loadSQL = """
        SELECT id, fetched, seen, cluster_id, fingerprint, band0 IS NOT NULL, title_key, lead_key, lead2_key
        FROM stories WHERE fetched >= ? ORDER BY fetched
        """

    /// Opens the window for changes in the current write transaction: reloads it if it was
    /// never loaded or another connection wrote since, and registers the commit hook once per
    /// transaction. Call before the transaction writes stories.
    func begin(_ db: Database, policy: DedupPolicy) throws {
        let version = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
        let (stale, open) = state.withLock { ($0.loaded == false || $0.dataVersion != version, $0.pending != nil) }
        if stale {
            let index = try Self.load(db, span: Self.span(policy))
            state.withLock {
                $0.index = index
                $0.loaded = true
                $0.dataVersion = version
            }
        }
        if !open {
            state.withLock { $0.pending = Pending() }
            db.afterNextTransaction(onCommit: { [self] _ in
                state.withLock { s in
                    guard let p = s.pending else { return }
                    for story in p.removed { s.index.remove(story) }
                    for e in p.added { s.index.add(e) }
                    s.index.expire(fetchedBefore: p.expireBefore)
                    s.pending = nil
                }
            }, onRollback: { [self] _ in
                state.withLock { $0.pending = nil }
            })
        }
    }

    /// Reads the stories fetched within `span` of the newest one.
    static func load(_ db: Database, span: TimeInterval) throws -> DedupIndex {
        guard let newest = try Double.fetchOne(db, sql: newestSQL) else { return DedupIndex() }
        let count = try Int.fetchOne(db, sql: countSQL, arguments: [newest - span]) ?? 0
        var index = DedupIndex(capacity: count)
        let rows = try Row.fetchCursor(db, sql: loadSQL, arguments: [newest - span])
        while let row = try rows.next() {
            index.add(WindowEntry(story: row[0], fetched: row[1], seen: row[2], cluster: row[3],
                                  fingerprint: UInt64(bitPattern: row[4]), long: row[5],
                                  titleKey: row[6], leadKey: row[7], lead2Key: row[8]))
        }
        return index
    }

    /// Stages a story entering the window (or its edited keys replacing its entry).
    func stage(_ entry: WindowEntry) {
        state.withLock { s in
            // Only a committed entry needs hiding; lookups then skip no new story's id.
            if s.index.contains(entry.story) { s.pending?.removed.insert(entry.story) }
            s.pending?.added.removeAll { $0.story == entry.story }
            s.pending?.added.append(entry)
        }
    }

    /// Stages stories leaving the window (deleted by retention).
    func stageRemoval(_ stories: [Int64]) {
        state.withLock { s in
            for story in stories {
                s.pending?.removed.insert(story)
                s.pending?.added.removeAll { $0.story == story }
            }
        }
    }

    /// Stages the expiry of the stories fetched before `cutoff`; until the commit, lookups
    /// skip them.
    func stageExpiry(fetchedBefore cutoff: Double) {
        state.withLock { s in
            if let p = s.pending { s.pending!.expireBefore = max(p.expireBefore, cutoff) }
        }
    }

    /// The committed entry of a story, with this transaction's changes applied.
    func entry(_ story: Int64) -> WindowEntry? {
        state.withLock { s in
            if let p = s.pending {
                if let staged = p.added.first(where: { $0.story == story }) { return staged }
                if p.removed.contains(story) { return nil }
            }
            return s.index.entry(story)
        }
    }
}

extension Store {
    /// Rebuilds the in-memory near-duplicate window from the stored stories, for the window
    /// the store was opened with (after stories were loaded in bulk without the store, or to
    /// pay the load before the first poll). Returns how many stories it holds.
    @discardableResult
    public func rebuildDedupWindow() throws -> Int {
        let span = DedupWindow.span(dedup)
        return try write { db in
            let index = try DedupWindow.load(db, span: span)
            let version = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            window.state.withLock {
                $0.index = index
                $0.loaded = true
                $0.dataVersion = version
            }
            return index.count
        }
    }

    /// Loads the window if this store never did (a reader-only store's first lookup).
    func loadDedupWindowIfNeeded() throws {
        if !window.state.withLock({ $0.loaded }) { try rebuildDedupWindow() }
    }
}
