import Foundation

/// Where an alert stands in the outbox.
public enum AlertStatus: String, Sendable, Equatable, CaseIterable, Encodable {
    case pending, sent, failed
}

/// How one delivery attempt ended.
public enum AttemptOutcome: String, Sendable, Equatable {
    /// The peer accepted it (2xx, SMTP 250): the alert is sent.
    case delivered
    /// Worth trying again at `nextAttempt` (408, 429, 5xx, timeouts).
    case retry
    /// Permanent (other 4xx, retries exhausted): the alert ends as failed with the error.
    case failed
}

/// One outbox row with what a channel needs to send it.
public struct AlertRecord: Sendable, Equatable {
    public var id: Int64
    public var owner: String
    public var rule: String
    public var channel: String
    public var clusterID: Int64
    public var status: AlertStatus
    public var attempts: Int
    public var nextAttempt: Date
    public var lastError: String?
    public var digest: String?
    public var payload: String?
    public var created: Date
    public var sent: Date?
    /// The story that raised the alert (nil only if it was pruned after delivery).
    public var story: AlertStory?
    /// The terms that matched.
    public var matched: [String]
    /// The cluster's other members: "also reported by".
    public var alsoReportedBy: [AlsoReported]
}

/// The story of an alert, as the webhook body and email templates show it (DESIGN.md).
public struct AlertStory: Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var guid: String
    public var title: String
    public var url: String?
    public var summary: String
    public var published: Date?
    public var regions: [String]
}

public struct AlsoReported: Sendable, Equatable, Encodable {
    public var source: String
    public var url: String?
}

/// One row of the delivery log.
public struct DeliveryAttempt: Sendable, Equatable {
    public var alertID: Int64
    public var at: Date
    public var outcome: AttemptOutcome
    public var statusCode: Int?
    public var error: String?
    public var duration: TimeInterval
}
