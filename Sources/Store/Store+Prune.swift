import Foundation
import GRDB

/// What a retention pass removed.
public struct PruneReport: Sendable, Equatable {
    public var clusters = 0
    public var stories = 0
    public var alerts = 0
    /// Pages handed back to the file system by the incremental vacuum.
    public var freedPages = 0
}

extension Store {
    /// Default retention (issue 4): stories are kept 30 days.
    public static let defaultRetention: TimeInterval = 30 * 86400

    static let memberIDsSQL = "SELECT id FROM stories WHERE cluster_id = ?"

    /// Removes clusters with no story fetched for `olderThan`, with their stories, matches,
    /// sent alerts and delivery log, except clusters an undelivered (pending or failed) alert
    /// still needs. Works in batches so a poll never waits long for the writer, then returns
    /// free pages to the file system (`auto_vacuum = INCREMENTAL`), so the file does not grow
    /// without bound.
    @discardableResult
    public func prune(olderThan age: TimeInterval = Store.defaultRetention, now: Date = Date(), batch: Int = 500) throws -> PruneReport {
        let cutoff = now.timeIntervalSince1970 - age
        var report = PruneReport()
        while true {
            let done: Bool = try write { db in
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT id FROM clusters c WHERE last_seen < ?
                    AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.cluster_id = c.id AND a.status != 'sent')
                    ORDER BY last_seen LIMIT ?
                    """, arguments: [cutoff, batch])
                if !ids.isEmpty { try window.begin(db, policy: dedup) }
                for id in ids {
                    // Stories still in the dedup window (a window longer than the retention) leave it with the commit.
                    let members = try Int64.fetchAll(db.cachedStatement(sql: Self.memberIDsSQL), arguments: [id])
                    window.stageRemoval(members.filter { window.entry($0) != nil })
                    try db.cachedStatement(sql: "DELETE FROM alerts WHERE cluster_id = ?").execute(arguments: [id])
                    report.alerts += db.changesCount
                    try db.cachedStatement(sql: "DELETE FROM stories WHERE cluster_id = ?").execute(arguments: [id])
                    report.stories += db.changesCount
                    try db.cachedStatement(sql: "DELETE FROM clusters WHERE id = ?").execute(arguments: [id])
                }
                report.clusters += ids.count
                return ids.count < batch
            }
            if done { break }
        }
        do {
            report.freedPages = try pool.writeWithoutTransaction { db in
                let before = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                try db.execute(sql: "PRAGMA incremental_vacuum")
                let after = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                return before - after
            }
        } catch {
            throw StoreError.database(path, error)
        }
        return report
    }
}
