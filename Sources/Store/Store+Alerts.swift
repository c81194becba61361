import Foundation
import GRDB

extension Store {
    /// Writes a match and its outbox rows, one per channel; `INSERT OR IGNORE` on the unique
    /// (owner, rule, channel, cluster) key is what keeps a copy or a re-poll from alerting twice.
    func enqueue(_ db: Database, _ draft: AlertDraft, _ record: StoryRecord, now: Double) throws -> [Int64] {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO matches (story_id, owner, rule, matched, created) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [record.id, draft.owner, draft.rule, JSONText.strings(draft.matched), now])
        var ids: [Int64] = []
        let due = max(draft.notBefore?.timeIntervalSince1970 ?? now, now)
        for channel in draft.channels {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO alerts (owner, rule, channel, cluster_id, story_id, next_attempt, digest, payload, created)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [draft.owner, draft.rule, channel, record.clusterID, record.id, due,
                                         draft.digest, draft.payload, now])
            if db.changesCount > 0 { ids.append(db.lastInsertedRowID) }
        }
        return ids
    }

    /// Takes up to `limit` pending alerts that are due, oldest due first, and leases them:
    /// their next attempt moves to `now + lease`, so a crashed worker's alerts come due again
    /// and are delivered after restart (at least once). `recordAttempt` ends the lease.
    public func claimDueAlerts(now: Date, limit: Int, lease: TimeInterval = 120) throws -> [AlertRecord] {
        try write { db in
            let t = now.timeIntervalSince1970
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM alerts WHERE status = 'pending' AND next_attempt <= ? ORDER BY next_attempt LIMIT ?
                """, arguments: [t, limit])
            for id in ids {
                try db.cachedStatement(sql: "UPDATE alerts SET next_attempt = ? WHERE id = ?").execute(arguments: [t + lease, id])
            }
            return try ids.map { try alertRecord(db, id: $0)! }
        }
    }

    /// Records one delivery attempt and moves the alert on: delivered → sent; retry → pending
    /// until `nextAttempt`; failed → failed with the error kept, visible and retryable.
    public func recordAttempt(alertID: Int64, at: Date, outcome: AttemptOutcome, statusCode: Int? = nil,
                              error: String? = nil, duration: TimeInterval, nextAttempt: Date? = nil) throws {
        try write { db in
            try applyAttempt(db, AttemptReport(alertID: alertID, at: at, outcome: outcome, statusCode: statusCode,
                                               error: error, duration: duration, nextAttempt: nextAttempt))
        }
    }

    /// Moves pending alerts to a later time without counting an attempt (quiet hours, a
    /// rate cap rolling alerts into the next digest).
    public func deferAlerts(_ ids: [Int64], until: Date) throws {
        try write { db in
            for id in ids {
                try db.execute(sql: "UPDATE alerts SET next_attempt = ? WHERE id = ? AND status = 'pending'",
                               arguments: [until.timeIntervalSince1970, id])
            }
        }
    }

    /// Alerts sent to `owner` through `channel` since a time (for the per-channel rate cap).
    public func sentCount(owner: String, channel: String, since: Date) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE status = 'sent' AND owner = ? AND channel = ? AND sent >= ?",
                             arguments: [owner, channel, since.timeIntervalSince1970]) ?? 0
        }
    }

    /// The outbox for `newsalert alerts`, newest first; all statuses when `status` is nil.
    public func alerts(status: AlertStatus? = nil, limit: Int = 1000) throws -> [AlertRecord] {
        try read { db in
            let ids: [Int64]
            if let status {
                ids = try Int64.fetchAll(db, sql: "SELECT id FROM alerts WHERE status = ? ORDER BY id DESC LIMIT ?",
                                         arguments: [status.rawValue, limit])
            } else {
                ids = try Int64.fetchAll(db, sql: "SELECT id FROM alerts ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return try ids.compactMap { try alertRecord(db, id: $0) }
        }
    }

    /// The delivery log of one alert, oldest first.
    public func attempts(alertID: Int64) throws -> [DeliveryAttempt] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM delivery_attempts WHERE alert_id = ? ORDER BY at, id", arguments: [alertID]).map {
                DeliveryAttempt(alertID: $0["alert_id"], at: Date(timeIntervalSince1970: $0["at"]),
                                outcome: AttemptOutcome(rawValue: $0["outcome"]) ?? .failed, statusCode: $0["status_code"],
                                error: $0["error"], duration: $0["duration"])
            }
        }
    }

    /// `newsalert alerts retry ID`: a failed (or pending) alert is due again now.
    public func retry(alertID: Int64, now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "UPDATE alerts SET status = 'pending', next_attempt = ? WHERE id = ? AND status != 'sent'",
                           arguments: [now.timeIntervalSince1970, alertID])
            if db.changesCount == 0 {
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM alerts WHERE id = ?", arguments: [alertID]) ?? false
                if !exists { throw StoreError.unknownAlert(alertID) }
            }
        }
    }

    /// `newsalert alerts retry --failed`: every failed alert is due again now. Returns how many.
    @discardableResult
    public func retryFailed(now: Date = Date()) throws -> Int {
        try write { db in
            try db.execute(sql: "UPDATE alerts SET status = 'pending', next_attempt = ? WHERE status = 'failed'",
                           arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }

    func alertRecord(_ db: Database, id: Int64) throws -> AlertRecord? {
        guard let a = try Row.fetchOne(db, sql: "SELECT * FROM alerts WHERE id = ?", arguments: [id]) else { return nil }
        let clusterID: Int64 = a["cluster_id"]
        var story: AlertStory?
        var matched: [String] = []
        if let storyID: Int64 = a["story_id"],
           let s = try Row.fetchOne(db, sql: """
               SELECT s.id, s.guid, s.title, s.url, s.summary, s.published, s.regions, src.name AS source
               FROM stories s JOIN sources src ON src.id = s.source_id WHERE s.id = ?
               """, arguments: [storyID]) {
            story = AlertStory(id: s["id"], source: s["source"], guid: s["guid"], title: s["title"], url: s["url"],
                               summary: s["summary"], published: Self.date(s["published"]),
                               regions: JSONText.decodeRegions(s["regions"]).map(\.code))
            matched = JSONText.decodeStrings(try String.fetchOne(db, sql: "SELECT matched FROM matches WHERE story_id = ? AND owner = ? AND rule = ?",
                                                                 arguments: [storyID, a["owner"] as String, a["rule"] as String]))
        }
        let others = try Row.fetchAll(db, sql: """
            SELECT src.name, s.url FROM stories s JOIN sources src ON src.id = s.source_id
            WHERE s.cluster_id = ? AND s.id IS NOT ? ORDER BY s.seen, s.id
            """, arguments: [clusterID, story?.id]).map { AlsoReported(source: $0[0], url: $0[1]) }
        return AlertRecord(
            id: a["id"], owner: a["owner"], rule: a["rule"], channel: a["channel"], clusterID: clusterID,
            status: AlertStatus(rawValue: a["status"]) ?? .pending, attempts: a["attempts"],
            nextAttempt: Date(timeIntervalSince1970: a["next_attempt"]), lastError: a["last_error"],
            digest: a["digest"], payload: a["payload"], created: Date(timeIntervalSince1970: a["created"]),
            sent: Self.date(a["sent"]), story: story, matched: matched, alsoReportedBy: others)
    }
}
