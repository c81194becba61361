import Foundation
import GRDB

/// A channel whose alerts have gone undelivered for a while (for "channel failing" notices).
public struct FailingChannel: Sendable, Equatable {
    public var owner: String
    public var channel: String
    /// Creation time of the oldest alert still undelivered after an attempt.
    public var since: Date
    public var lastError: String?
}

extension Store {
    /// Channels with an alert created before `cutoff` that was tried and is still not sent.
    public func failingChannels(before cutoff: Date) throws -> [FailingChannel] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT owner, channel, min(created) AS since,
                       (SELECT last_error FROM alerts b WHERE b.owner = a.owner AND b.channel = a.channel
                          AND b.last_error IS NOT NULL ORDER BY b.id DESC LIMIT 1) AS last_error
                FROM alerts a
                WHERE status != 'sent' AND attempts > 0 AND created < ?
                GROUP BY owner, channel ORDER BY owner, channel
                """, arguments: [cutoff.timeIntervalSince1970]).map {
                FailingChannel(owner: $0["owner"], channel: $0["channel"],
                               since: Date(timeIntervalSince1970: $0["since"]), lastError: $0["last_error"])
            }
        }
    }

    /// Whether the notice `key` already went to `owner`.
    public func noticeSent(key: String, owner: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM notices WHERE key = ? AND owner = ?", arguments: [key, owner]) ?? false
        }
    }

    /// Records that the notice `key` reached `owner`, so it is not sent again.
    public func recordNotice(key: String, owner: String, at: Date) throws {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO notices (key, owner, sent) VALUES (?, ?, ?)",
                           arguments: [key, owner, at.timeIntervalSince1970])
        }
    }
}
