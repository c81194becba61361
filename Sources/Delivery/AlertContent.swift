import Crypto
import Foundation

/// One story as an alert shows it: the fields of DESIGN.md "Webhook delivery" (`story`).
public struct MessageStory: Sendable, Equatable {
    /// Another outlet that carried the same story cluster ("also reported by").
    public struct Copy: Sendable, Equatable {
        public var source: String
        public var url: String
        public init(source: String, url: String) {
            self.source = source
            self.url = url
        }
    }

    public var title: String
    public var url: String
    public var source: String
    public var published: Date?
    public var summary: String
    public var regions: [String]
    public var matched: [String]
    public var alsoReportedBy: [Copy]
    /// The rule that matched; shown per story in a digest, which can mix rules.
    public var rule: String

    public init(
        title: String, url: String, source: String, published: Date? = nil, summary: String = "",
        regions: [String] = [], matched: [String] = [], alsoReportedBy: [Copy] = [], rule: String = ""
    ) {
        self.title = title
        self.url = url
        self.source = source
        self.published = published
        self.summary = summary
        self.regions = regions
        self.matched = matched
        self.alsoReportedBy = alsoReportedBy
        self.rule = rule
    }
}

/// What one delivery carries: a single matched story, or a digest of several.
///
/// `key` identifies the delivery for idempotency: it becomes the Standard Webhooks
/// `webhook-id` and the email Message-ID, so it must be the same on every retry and
/// after a restart (DESIGN.md "Invariants": at least once, with a stable id).
public struct AlertContent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case matched(rule: String, story: MessageStory)
        case digest(stories: [MessageStory])
    }

    public var key: String
    public var owner: String
    public var kind: Kind

    public init(key: String, owner: String, kind: Kind) {
        self.key = key
        self.owner = owner
        self.kind = kind
    }

    /// The stories, in order, whatever the kind.
    public var stories: [MessageStory] {
        switch kind {
        case .matched(_, let story): [story]
        case .digest(let stories): stories
        }
    }

    /// A key for a digest made of several alerts: stable for the same set of alerts, so a
    /// digest retried after a crash carries the same id; short whatever the set's size, so
    /// it fits a Message-ID header line.
    public static func digestKey(alertIDs: [Int64]) -> String {
        let ids = alertIDs.sorted()
        let digest = SHA256.hash(data: Array(ids.map(String.init).joined(separator: ",").utf8))
        let hex = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        return "digest-\(ids.first ?? 0)-\(ids.count)-\(hex)"
    }
}
