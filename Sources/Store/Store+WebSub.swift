import Feeds
import Foundation
import GRDB

/// One source's WebSub subscription (W3C WebSub §5) as stored.
public struct WebSubSubscription: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        /// A subscription request is to be sent at `nextAction`.
        case pending
        /// The request went out; the hub's verification of intent (§5.3) is awaited.
        case requested
        /// Verified; pushes flow until `leaseExpires`; renewal is due at `nextAction`.
        case active
        /// Still active, and a renewal request went out (awaiting verification).
        case renewing
        /// An unsubscription request is to be sent at `nextAction`.
        case unsubscribe
        /// The unsubscription went out; the hub's verification is awaited.
        case unsubscribing
    }

    public var id: Int64
    public var source: String
    public var sourceID: Int64
    public var hub: String
    public var topic: String
    /// The last path segment of the callback URL; unguessable, so a URL names one subscription.
    public var callbackID: String
    /// The `hub.secret` the hub signs pushes with (WebSub §8).
    public var secret: String
    public var state: State
    public var leaseSeconds: Int?
    public var leaseExpires: Date?
    public var nextAction: Date
    public var errorStreak: Int
    public var lastError: String?
    public var lastPush: Date?

    /// Pushes are expected: verified and the lease has not run out.
    public func isLive(at now: Date) -> Bool {
        (state == .active || state == .renewing) && (leaseExpires.map { $0 > now } ?? false)
    }
}

/// What a fetched document's hub links changed in the stored subscription.
public enum WebSubDiscoveryChange: Sendable, Equatable {
    case unchanged
    /// A new subscription was planned.
    case added
    /// The source now names another hub or topic: a fresh subscription (new callback and secret) replaces the old.
    case moved(fromHub: String)
    /// The source stopped advertising a hub: the subscription is to be ended.
    case dropped
}

/// Work the maintenance loop claimed (see `claimWebSubActions`).
public struct WebSubAction: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case subscribe, renew, unsubscribe
        /// A request went out but the hub never verified it.
        case verificationTimedOut(WebSubSubscription.State)
    }
    public var kind: Kind
    public var subscription: WebSubSubscription
}

/// The answer to a hub's verification of intent (WebSub §5.3).
public enum WebSubVerification: Sendable, Equatable {
    /// Echo the challenge: the mode and topic match a request in flight.
    case confirmed(WebSubSubscription)
    /// Answer 404: no such request.
    case refused(String)
}

extension Store {
    /// Records the hub and topic a fetch of `source` advertised (nil hub: none), planning a
    /// subscription, a move to another hub, or an unsubscription. `makeSecret` and
    /// `makeCallbackID` are only called when a new subscription needs them.
    public func noteWebSubDiscovery(source: String, hub: String?, topic: String?, now: Date,
                                    makeSecret: () -> String, makeCallbackID: () -> String) throws -> WebSubDiscoveryChange {
        try write { db in
            guard let sourceID = try Int64.fetchOne(db, sql: "SELECT id FROM sources WHERE name = ?", arguments: [source]) else {
                throw StoreError.unknownSource(source)
            }
            let t = now.timeIntervalSince1970
            let existing = try Row.fetchOne(db, sql: "SELECT * FROM websub_subscriptions WHERE source_id = ?", arguments: [sourceID])
                .map { Self.subscription($0, source: source) }
            guard let hub, let topic else {
                guard let s = existing, s.state != .unsubscribe, s.state != .unsubscribing else { return .unchanged }
                if s.leaseExpires == nil {
                    try db.execute(sql: "DELETE FROM websub_subscriptions WHERE id = ?", arguments: [s.id])
                } else {
                    try db.execute(sql: "UPDATE websub_subscriptions SET state = 'unsubscribe', next_action = ?, error_streak = 0 WHERE id = ?",
                                   arguments: [t, s.id])
                }
                return .dropped
            }
            guard let s = existing else {
                try db.execute(sql: """
                    INSERT INTO websub_subscriptions (source_id, hub, topic, callback_id, secret, state, next_action, created)
                    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                    """, arguments: [sourceID, hub, topic, makeCallbackID(), makeSecret(), t, t])
                return .added
            }
            if s.hub == hub && s.topic == topic {
                guard s.state == .unsubscribe || s.state == .unsubscribing else { return .unchanged }
                try db.execute(sql: "UPDATE websub_subscriptions SET state = 'pending', next_action = ?, error_streak = 0 WHERE id = ?",
                               arguments: [t, s.id])
                return .added
            }
            // A new callback id makes the old hub's pushes land on an unknown callback (answered
            // 410 Gone, WebSub §7), so it drops the old subscription on its own.
            try db.execute(sql: """
                UPDATE websub_subscriptions SET hub = ?, topic = ?, callback_id = ?, secret = ?, state = 'pending',
                    lease_seconds = NULL, lease_expires = NULL, next_action = ?, error_streak = 0, last_error = NULL
                WHERE id = ?
                """, arguments: [hub, topic, makeCallbackID(), makeSecret(), t, s.id])
            return .moved(fromHub: s.hub)
        }
    }

    /// Takes the subscriptions whose `next_action` has come and moves each to its in-flight
    /// state (so another worker does not take it): pending → requested, active → renewing,
    /// unsubscribe → unsubscribing, each waiting `verifyWait` seconds for the hub. In-flight
    /// ones whose wait ran out come back as `verificationTimedOut`. Subscriptions of sources
    /// no longer configured (or gone) are turned into unsubscriptions first.
    public func claimWebSubActions(now: Date, limit: Int = 100, verifyWait: TimeInterval) throws -> [WebSubAction] {
        try write { db in
            let t = now.timeIntervalSince1970
            let orphaned = "source_id IN (SELECT id FROM sources WHERE active = 0 OR gone = 1)"
            try db.execute(sql: "DELETE FROM websub_subscriptions WHERE \(orphaned) AND lease_expires IS NULL AND state IN ('pending', 'requested')")
            try db.execute(sql: """
                UPDATE websub_subscriptions SET state = 'unsubscribe', next_action = ?, error_streak = 0
                WHERE \(orphaned) AND state IN ('pending', 'requested', 'active', 'renewing')
                """, arguments: [t])
            let rows = try Row.fetchAll(db, sql: """
                SELECT w.*, s.name AS source_name FROM websub_subscriptions w JOIN sources s ON s.id = w.source_id
                WHERE w.next_action <= ? ORDER BY w.next_action LIMIT ?
                """, arguments: [t, limit])
            var actions: [WebSubAction] = []
            for row in rows {
                var s = Self.subscription(row, source: row["source_name"])
                let kind: WebSubAction.Kind
                let next: WebSubSubscription.State
                switch s.state {
                case .pending: (kind, next) = (.subscribe, .requested)
                case .active: (kind, next) = (.renew, .renewing)
                case .unsubscribe: (kind, next) = (.unsubscribe, .unsubscribing)
                case .requested, .renewing, .unsubscribing:
                    actions.append(WebSubAction(kind: .verificationTimedOut(s.state), subscription: s))
                    continue
                }
                try db.execute(sql: "UPDATE websub_subscriptions SET state = ?, next_action = ? WHERE id = ?",
                               arguments: [next.rawValue, t + verifyWait, s.id])
                s.state = next
                s.nextAction = Date(timeIntervalSince1970: t + verifyWait)
                actions.append(WebSubAction(kind: kind, subscription: s))
            }
            return actions
        }
    }

    /// A request (or its verification) failed: the in-flight state falls back to the one that
    /// retries it at `retryAt` (requested → pending; renewing → active while the lease lasts,
    /// else pending; unsubscribing → unsubscribe). A state changed meanwhile (the hub verified
    /// first) is left alone.
    public func recordWebSubFailure(id: Int64, from state: WebSubSubscription.State, error: String, now: Date, retryAt: Date) throws {
        try write { db in
            let back: String
            switch state {
            case .requested: back = "'pending'"
            case .renewing: back = "CASE WHEN coalesce(lease_expires, 0) > \(now.timeIntervalSince1970) THEN 'active' ELSE 'pending' END"
            case .unsubscribing: back = "'unsubscribe'"
            default: return
            }
            try db.execute(sql: """
                UPDATE websub_subscriptions SET state = \(back), next_action = ?, error_streak = error_streak + 1, last_error = ?
                WHERE id = ? AND state = ?
                """, arguments: [retryAt.timeIntervalSince1970, error, id, state.rawValue])
        }
    }

    /// Answers the hub's verification of intent for `callbackID` (WebSub §5.3): confirmed only
    /// when `mode` and `topic` match the request in flight. A confirmed subscription becomes
    /// active for `leaseSeconds` with its renewal at `renewAt(lease)`; a confirmed
    /// unsubscription removes the row.
    public func verifyWebSubIntent(callbackID: String, mode: String, topic: String, leaseSeconds: Int?, now: Date,
                                   renewAt: (TimeInterval) -> Date) throws -> WebSubVerification {
        try write { db in
            guard let s = try Self.subscription(db, callbackID: callbackID) else { return .refused("no subscription has this callback") }
            guard s.topic == topic else { return .refused("topic \(topic) is not this callback's topic \(s.topic)") }
            switch (mode, s.state) {
            case ("subscribe", .requested), ("subscribe", .renewing):
                let lease = TimeInterval(leaseSeconds ?? s.leaseSeconds ?? 0)
                guard lease > 0 else { return .refused("hub.lease_seconds is missing") }
                try db.execute(sql: """
                    UPDATE websub_subscriptions SET state = 'active', lease_seconds = ?, lease_expires = ?, next_action = ?,
                        error_streak = 0, last_error = NULL WHERE id = ?
                    """, arguments: [Int(lease), now.timeIntervalSince1970 + lease, renewAt(lease).timeIntervalSince1970, s.id])
                var confirmed = s
                confirmed.state = .active
                confirmed.leaseSeconds = Int(lease)
                confirmed.leaseExpires = now.addingTimeInterval(lease)
                return .confirmed(confirmed)
            case ("unsubscribe", .unsubscribing):
                try db.execute(sql: "DELETE FROM websub_subscriptions WHERE id = ?", arguments: [s.id])
                return .confirmed(s)
            default:
                return .refused("no \(mode) request is awaiting verification (the subscription is \(s.state.rawValue))")
            }
        }
    }

    /// The hub refused a subscription (WebSub §5.2, `hub.mode=denied`): it falls back to
    /// pending, retried at `retryAt`. Returns the subscription when the denial matched one.
    public func recordWebSubDenial(callbackID: String, topic: String, reason: String, now: Date, retryAt: Date) throws -> WebSubSubscription? {
        try write { db in
            guard let s = try Self.subscription(db, callbackID: callbackID), s.topic == topic else { return nil }
            try db.execute(sql: """
                UPDATE websub_subscriptions SET state = 'pending', lease_expires = NULL, next_action = ?,
                    error_streak = error_streak + 1, last_error = ? WHERE id = ?
                """, arguments: [retryAt.timeIntervalSince1970, "hub denied the subscription: " + reason, s.id])
            return s
        }
    }

    public func deleteWebSubSubscription(id: Int64) throws {
        try write { db in try db.execute(sql: "DELETE FROM websub_subscriptions WHERE id = ?", arguments: [id]) }
    }

    /// The subscription a callback URL names, if any.
    public func webSubSubscription(callbackID: String) throws -> WebSubSubscription? {
        try read { db in try Self.subscription(db, callbackID: callbackID) }
    }

    /// Every subscription, by source name.
    public func webSubSubscriptions() throws -> [WebSubSubscription] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT w.*, s.name AS source_name FROM websub_subscriptions w JOIN sources s ON s.id = w.source_id ORDER BY s.name
                """).map { Self.subscription($0, source: $0["source_name"]) }
        }
    }

    /// When the live subscription of `source` ends (nil: none), for slowing its polling.
    public func webSubLeaseEnd(sourceID: Int64, now: Date) throws -> Date? {
        try read { db in
            try Double.fetchOne(db, sql: """
                SELECT lease_expires FROM websub_subscriptions
                WHERE source_id = ? AND state IN ('active', 'renewing') AND lease_expires > ?
                """, arguments: [sourceID, now.timeIntervalSince1970]).map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Stores content a hub pushed for `subscription` in ONE transaction, exactly as a poll's
    /// stories (dedup, clusters, matches, outbox), leaving the source's fetch state alone.
    @discardableResult
    public func recordPush(
        _ subscription: WebSubSubscription, stories: [Story], received: Date,
        match: (StoryRecord, ClusterDecision) throws -> [AlertDraft] = { _, _ in [] }
    ) throws -> PollOutcome {
        let policy = dedup
        let keys = stories.map { DedupKeys(story: $0, fetched: received, policy: policy) }
        return try write { db in
            try db.execute(sql: "UPDATE websub_subscriptions SET last_push = ? WHERE id = ?",
                           arguments: [received.timeIntervalSince1970, subscription.id])
            return try storeStories(db, sourceID: subscription.sourceID, source: subscription.source, stories, keys: keys,
                                    fetched: received.timeIntervalSince1970, match: match)
        }
    }

    static func subscription(_ db: Database, callbackID: String) throws -> WebSubSubscription? {
        try Row.fetchOne(db, sql: """
            SELECT w.*, s.name AS source_name FROM websub_subscriptions w JOIN sources s ON s.id = w.source_id
            WHERE w.callback_id = ?
            """, arguments: [callbackID]).map { subscription($0, source: $0["source_name"]) }
    }

    static func subscription(_ row: Row, source: String) -> WebSubSubscription {
        WebSubSubscription(
            id: row["id"], source: source, sourceID: row["source_id"], hub: row["hub"], topic: row["topic"],
            callbackID: row["callback_id"], secret: row["secret"],
            state: WebSubSubscription.State(rawValue: row["state"]) ?? .pending,
            leaseSeconds: row["lease_seconds"], leaseExpires: date(row["lease_expires"]),
            nextAction: Date(timeIntervalSince1970: row["next_action"]), errorStreak: row["error_streak"],
            lastError: row["last_error"], lastPush: date(row["last_push"]))
    }
}
