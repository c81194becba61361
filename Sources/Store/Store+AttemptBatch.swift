import Foundation
import GRDB

/// One delivery attempt to record: what `recordAttempt` takes, as a value, so a delivery pass
/// can record all its attempts at once.
public struct AttemptReport: Sendable, Equatable {
    public var alertID: Int64
    public var at: Date
    public var outcome: AttemptOutcome
    public var statusCode: Int?
    public var error: String?
    public var duration: TimeInterval
    /// For `.retry`: when to try again.
    public var nextAttempt: Date?

    public init(alertID: Int64, at: Date, outcome: AttemptOutcome, statusCode: Int? = nil, error: String? = nil,
                duration: TimeInterval, nextAttempt: Date? = nil) {
        self.alertID = alertID
        self.at = at
        self.outcome = outcome
        self.statusCode = statusCode
        self.error = error
        self.duration = duration
        self.nextAttempt = nextAttempt
    }
}

extension Store {
    /// Records many attempts in ONE transaction, each as `recordAttempt` would. Why: one commit
    /// per attempt bound alerts end to end at 752/s (BENCHMARKS.md, DeliveryBench) and, beside
    /// a polling cycle, kept the single writer busy with tiny transactions. If one alert is
    /// unknown (pruned meanwhile), nothing is recorded and the error names it; the leases
    /// bring the alerts back, so nothing is lost (at least once).
    public func recordAttempts(_ attempts: [AttemptReport]) throws {
        guard !attempts.isEmpty else { return }
        try write { db in
            for a in attempts { try applyAttempt(db, a) }
        }
    }

    /// delivered → sent; retry → pending until `nextAttempt`; failed → failed with the error kept.
    func applyAttempt(_ db: Database, _ a: AttemptReport) throws {
        let t = a.at.timeIntervalSince1970
        let status: AlertStatus = switch a.outcome {
        case .delivered: .sent
        case .retry: .pending
        case .failed: .failed
        }
        try db.cachedStatement(sql: """
            UPDATE alerts SET status = ?, attempts = attempts + 1, next_attempt = ?,
                last_error = CASE WHEN ? = 'sent' THEN last_error ELSE ? END,
                sent = CASE WHEN ? = 'sent' THEN ? ELSE sent END
            WHERE id = ?
            """).execute(arguments: [status.rawValue, a.nextAttempt?.timeIntervalSince1970 ?? t, status.rawValue, a.error,
                                     status.rawValue, t, a.alertID])
        guard db.changesCount > 0 else { throw StoreError.unknownAlert(a.alertID) }
        try db.cachedStatement(sql: """
            INSERT INTO delivery_attempts (alert_id, at, outcome, status_code, error, duration) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [a.alertID, t, a.outcome.rawValue, a.statusCode, a.error, a.duration])
    }
}
