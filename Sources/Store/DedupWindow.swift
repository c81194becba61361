import Foundation
import GRDB

/// The near-duplicate index of the recent stories only (schema v4): the four SimHash bands in
/// `dedup_bands`, the title and lead keys in `dedup_keys`, both WITHOUT ROWID tables keyed by
/// the value looked up, each row carrying what the clusterer compares (seen, cluster,
/// fingerprint), so a lookup never reads a story row.
///
/// Why a window table and not indexes on `stories`: the six random-key indexes on a table of a
/// million stories were B-trees of a million entries each, far larger than the page cache, and
/// every poll dirtied a leaf of each of them per story. Copies are only looked for within
/// `DedupPolicy.window` (issue 4), so only stories that can still be found need an entry; the
/// tables stay the size of the window however many stories are kept.
///
/// Stories enter when recorded and leave in id order (the order they were fetched) once fetched
/// more than `span` before the current poll; `dedup_window.oldest_story` is the first story
/// id still indexed.
enum DedupWindow {
    /// How long a story stays indexed: twice the window plus the hour of clock skew `seen`
    /// allows, so a story published up to one window before it was fetched still finds every
    /// copy seen within the window of it (a copy counts as seen at most an hour after it was
    /// fetched, so it was fetched no earlier than `seen − window − 1 h`).
    static func span(_ policy: DedupPolicy) -> TimeInterval { 2 * policy.window + 3600 }

    /// At most this many stories leave the window per poll: keeps each poll's transaction short
    /// after a pause, while staying ahead of a poll's own additions.
    static let pruneBatch = 200

    /// Band `i` of a fingerprint as stored: the band number in bits 16–17, so one
    /// `band IN (…)` search covers all four bands.
    static func bandKey(_ index: Int, _ value: Int64) -> Int64 { Int64(index) << 16 | value }

    enum Kind: Int64 { case title = 0, lead = 1 }

    static let insertBandSQL = "INSERT INTO dedup_bands (band, story_id, seen, cluster_id, fingerprint) VALUES (?, ?, ?, ?, ?)"
    static let insertKeySQL = """
        INSERT INTO dedup_keys (kind, key, story_id, seen, cluster_id, fingerprint, long, other) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let deleteBandSQL = "DELETE FROM dedup_bands WHERE band = ? AND story_id = ?"
    static let deleteKeySQL = "DELETE FROM dedup_keys WHERE kind = ? AND key = ? AND story_id = ?"
    /// The oldest indexed stories, with what is needed to find their entries.
    static let oldestSQL = """
        SELECT id, fetched, band0, band1, band2, band3, title_key, lead_key FROM stories
        WHERE id >= ? ORDER BY id LIMIT ?
        """

    /// The entries a story has: one per band when its body is long enough, its title key and
    /// its lead key when it has them.
    static func add(_ db: Database, story id: Int64, keys k: DedupKeys, cluster: Int64) throws {
        let fp = Int64(bitPattern: k.fingerprint)
        if let bands = k.bands {
            let statement = try db.cachedStatement(sql: insertBandSQL)
            for (i, band) in bands.enumerated() {
                try statement.execute(arguments: [bandKey(i, band), id, k.seen, cluster, fp])
            }
        }
        let long = k.bands != nil
        let statement = try db.cachedStatement(sql: insertKeySQL)
        if let title = k.titleKey {
            try statement.execute(arguments: [Kind.title.rawValue, title, id, k.seen, cluster, fp, long, k.leadKey])
        }
        if let lead = k.leadKey {
            try statement.execute(arguments: [Kind.lead.rawValue, lead, id, k.seen, cluster, fp, long, k.lead2Key])
        }
    }

    /// Removes a story's entries, given its stored row (`band0…3, title_key, lead_key` from
    /// column `from` on).
    static func remove(_ db: Database, story id: Int64, row: Row, from c: Int) throws {
        let bands = try db.cachedStatement(sql: deleteBandSQL)
        for i in 0..<4 {
            if let band = row[c + i] as Int64? { try bands.execute(arguments: [bandKey(i, band), id]) }
        }
        let keys = try db.cachedStatement(sql: deleteKeySQL)
        if let title = row[c + 4] as Int64? { try keys.execute(arguments: [Kind.title.rawValue, title, id]) }
        if let lead = row[c + 5] as Int64? { try keys.execute(arguments: [Kind.lead.rawValue, lead, id]) }
    }

    /// The first story id still indexed.
    static func oldest(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT oldest_story FROM dedup_window WHERE id = 1")) ?? 0
    }

    /// Takes out of the window the stories fetched before `cutoff`, oldest first, at most
    /// `limit` of them. Returns how many left.
    @discardableResult
    static func prune(_ db: Database, fetchedBefore cutoff: Double, limit: Int = pruneBatch) throws -> Int {
        let start = try oldest(db)
        // A cursor: stops reading at the first story still inside the span.
        let rows = try Row.fetchCursor(db.cachedStatement(sql: oldestSQL), arguments: [start, limit])
        var next = start
        var removed = 0
        while let row = try rows.next() {
            if (row[1] as Double) >= cutoff { break }
            let id: Int64 = row[0]
            try remove(db, story: id, row: row, from: 2)
            next = id + 1
            removed += 1
        }
        if next != start {
            try db.cachedStatement(sql: "UPDATE dedup_window SET oldest_story = ? WHERE id = 1").execute(arguments: [next])
        }
        return removed
    }

    /// Refills the window tables from the stories fetched within `span` of the newest one.
    /// Stories are stored in the order they are fetched, so the first id in the window is
    /// found by bisection over ids instead of a scan of every story.
    static func fill(_ db: Database, span: TimeInterval) throws {
        var lo = try Int64.fetchOne(db, sql: "SELECT min(id) FROM stories") ?? 1
        var hi = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM stories") ?? 0) + 1
        if hi > lo, let newest = try Double.fetchOne(db, sql: "SELECT fetched FROM stories WHERE id = ?", arguments: [hi - 1]) {
            let cutoff = newest - span
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                let row = try Row.fetchOne(db, sql: "SELECT id, fetched FROM stories WHERE id >= ? ORDER BY id LIMIT 1", arguments: [mid])
                if let row, (row[1] as Double) < cutoff { lo = (row[0] as Int64) + 1 } else { hi = mid }
            }
        }
        // One statement per call: GRDB hands the arguments to the first statement of a script.
        try db.execute(sql: "DELETE FROM dedup_bands")
        try db.execute(sql: "DELETE FROM dedup_keys")
        try db.execute(sql: """
            INSERT INTO dedup_bands (band, story_id, seen, cluster_id, fingerprint)
            SELECT b.i << 16 | CASE b.i WHEN 0 THEN band0 WHEN 1 THEN band1 WHEN 2 THEN band2 ELSE band3 END,
                   id, seen, cluster_id, fingerprint
            FROM stories, (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) b
            WHERE id >= ? AND band0 IS NOT NULL ORDER BY 1, 2
            """, arguments: [lo])
        try db.execute(sql: """
            INSERT INTO dedup_keys (kind, key, story_id, seen, cluster_id, fingerprint, long, other)
            SELECT 0, title_key, id, seen, cluster_id, fingerprint, band0 IS NOT NULL, lead_key
            FROM stories WHERE id >= :lo AND title_key IS NOT NULL
            UNION ALL
            SELECT 1, lead_key, id, seen, cluster_id, fingerprint, band0 IS NOT NULL, lead2_key
            FROM stories WHERE id >= :lo AND lead_key IS NOT NULL
            ORDER BY 1, 2, 3
            """, arguments: ["lo": lo])
        try db.execute(sql: "INSERT OR REPLACE INTO dedup_window (id, oldest_story) VALUES (1, ?)", arguments: [lo])
    }
}

extension Store {
    /// Rebuilds the near-duplicate window from the stored stories, for the window the store
    /// was opened with: after `DedupPolicy.window` changed, or after stories were loaded in
    /// bulk without the store.
    public func rebuildDedupWindow() throws {
        let span = DedupWindow.span(dedup)
        try write { db in try DedupWindow.fill(db, span: span) }
    }
}
