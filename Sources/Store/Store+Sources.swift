import Feeds
import Foundation
import GRDB

extension Store {
    /// Stores the configured sources: new ones are due at once, known ones keep their fetch
    /// state (a changed URL clears the redirect, the gone flag, the validators and the learned
    /// poll interval). With `deactivateOthers`, sources no longer in the config stop being
    /// polled; their stories stay.
    public func upsertSources(_ specs: [SourceSpec], now: Date = Date(), deactivateOthers: Bool = false) throws {
        try write { db in
            for spec in specs {
                try db.execute(sql: """
                    INSERT INTO sources (name, url, region, next_due, created) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET
                        active = 1,
                        region = excluded.region,
                        redirected_to = CASE WHEN url = excluded.url THEN redirected_to END,
                        gone = CASE WHEN url = excluded.url THEN gone ELSE 0 END,
                        etag = CASE WHEN url = excluded.url THEN etag END,
                        last_modified = CASE WHEN url = excluded.url THEN last_modified END,
                        poll_interval = CASE WHEN url = excluded.url THEN poll_interval END,
                        url = excluded.url
                    """, arguments: [spec.name, spec.url, spec.region, now.timeIntervalSince1970, now.timeIntervalSince1970])
            }
            if deactivateOthers {
                let names = specs.map(\.name)
                try db.execute(sql: "UPDATE sources SET active = 0 WHERE name NOT IN (SELECT value FROM json_each(?))",
                               arguments: [Self.json(names)])
            }
        }
    }

    /// Every active source with its fetch state, by name.
    public func sources() throws -> [SourceState] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sources WHERE active = 1 ORDER BY name").map(Self.sourceState)
        }
    }

    /// Takes up to `limit` sources whose poll is due, earliest first, and leases them: their
    /// due time moves to `now + lease`, so another worker does not take them and a crashed
    /// worker's sources come due again. `recordPollResult` sets the real next due time.
    public func claimDueSources(now: Date, limit: Int, lease: TimeInterval = 300) throws -> [SourceState] {
        try write { db in
            let t = now.timeIntervalSince1970
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM sources WHERE active = 1 AND gone = 0 AND next_due <= ?
                ORDER BY next_due LIMIT ?
                """, arguments: [t, limit])
            let states = rows.map(Self.sourceState)
            for s in states {
                try db.execute(sql: "UPDATE sources SET next_due = ? WHERE id = ?", arguments: [t + lease, s.id])
            }
            return states
        }
    }

    /// Per-source health for `newsalert sources`: fetch state and how many stories are stored.
    public func sourcesHealth() throws -> [SourceHealth] {
        try read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT source_id, count(*) FROM stories INDEXED BY stories_source_guid GROUP BY source_id") {
                counts[row[0]] = row[1]
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM sources WHERE active = 1 ORDER BY name").map { row in
                let s = Self.sourceState(row)
                return SourceHealth(name: s.name, url: s.url, lastStatus: s.lastStatus, lastFetch: s.lastFetch,
                                    nextFetch: s.gone ? nil : s.nextDue, errorStreak: s.errorStreak,
                                    lastError: s.lastError, stories: counts[s.id] ?? 0, gone: s.gone,
                                    redirectedTo: s.redirectedTo)
            }
        }
    }

    static func sourceState(_ row: Row) -> SourceState {
        let configured: String = row["url"]
        let redirected: String? = row["redirected_to"]
        return SourceState(
            id: row["id"], name: row["name"], url: redirected ?? configured, configuredURL: configured,
            region: row["region"], etag: row["etag"], lastModified: row["last_modified"],
            lastStatus: row["last_status"], lastFetch: date(row["last_fetch"]),
            nextDue: Date(timeIntervalSince1970: row["next_due"]), errorStreak: row["error_streak"],
            lastError: row["last_error"], redirectedTo: redirected, gone: row["gone"],
            failingSince: date(row["failing_since"]), pollInterval: row["poll_interval"])
    }

    static func date(_ t: Double?) -> Date? { t.map(Date.init(timeIntervalSince1970:)) }

    static func json<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "[]"
    }
}

/// One line of `newsalert sources` (`sources --json` in DESIGN.md).
public struct SourceHealth: Sendable, Equatable, Encodable {
    public var name: String
    public var url: String
    public var lastStatus: Int?
    public var lastFetch: Date?
    public var nextFetch: Date?
    public var errorStreak: Int
    public var lastError: String?
    public var stories: Int
    public var gone: Bool
    public var redirectedTo: String?

    enum CodingKeys: String, CodingKey {
        case name, url, stories, gone
        case lastStatus = "last_status", lastFetch = "last_fetch", nextFetch = "next_fetch"
        case errorStreak = "error_streak", lastError = "last_error", redirectedTo = "redirected_to"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(url, forKey: .url)
        try c.encode(lastStatus, forKey: .lastStatus)
        try c.encode(lastFetch.map(RFC3339.string), forKey: .lastFetch)
        try c.encode(nextFetch.map(RFC3339.string), forKey: .nextFetch)
        try c.encode(errorStreak, forKey: .errorStreak)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(stories, forKey: .stories)
        try c.encode(gone, forKey: .gone)
        try c.encode(redirectedTo, forKey: .redirectedTo)
    }
}
