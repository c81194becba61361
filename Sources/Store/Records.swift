import Feeds
import Foundation

/// A source as the config declares it.
public struct SourceSpec: Sendable, Equatable {
    public var name: String
    public var url: String
    /// Region code to assume for the source's stories (config `region:`).
    public var region: String?

    public init(name: String, url: String, region: String? = nil) {
        self.name = name
        self.url = url
        self.region = region
    }
}

/// A source with its fetch state: what the scheduler needs to poll it politely.
public struct SourceState: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// Where to fetch: the config's URL, or the target of a permanent redirect.
    public var url: String
    public var configuredURL: String
    public var region: String?
    public var etag: String?
    public var lastModified: String?
    public var lastStatus: Int?
    public var lastFetch: Date?
    public var nextDue: Date
    public var errorStreak: Int
    public var lastError: String?
    public var redirectedTo: String?
    /// The source answered 410 Gone: it is not polled again until its URL changes.
    public var gone: Bool
    /// When the current run of failed polls began; nil while the source is healthy.
    public var failingSince: Date? = nil
    /// The poll interval the scheduler learned (seconds), kept across restarts; nil before
    /// the first successful poll.
    public var pollInterval: Double? = nil
}

/// What one poll of one source produced. Recorded in one transaction.
public struct PollResult: Sendable {
    public var source: String
    public var fetched: Date
    /// HTTP status, or nil for a transport error.
    public var status: Int?
    /// Validators to send next time; nil keeps the stored ones (e.g. after a 304 or an error).
    public var etag: String?
    public var lastModified: String?
    /// When the scheduler wants the source polled again.
    public var nextDue: Date
    /// Non-nil when the poll failed: the streak grows and the message is kept.
    public var error: String?
    /// A permanent redirect's target (301/308): polled from now on.
    public var redirectedTo: String?
    /// 410 Gone.
    public var gone: Bool
    public var stories: [Story]
    /// The scheduler's adapted interval after this poll (seconds); nil keeps the stored one.
    public var pollInterval: Double? = nil

    public init(source: String, fetched: Date, status: Int?, etag: String? = nil,
                lastModified: String? = nil, nextDue: Date, error: String? = nil,
                redirectedTo: String? = nil, gone: Bool = false, stories: [Story] = []) {
        self.source = source
        self.fetched = fetched
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.nextDue = nextDue
        self.error = error
        self.redirectedTo = redirectedTo
        self.gone = gone
        self.stories = stories
    }
}

/// A stored story.
public struct StoryRecord: Sendable, Equatable {
    public var id: Int64
    public var source: String
    public var clusterID: Int64
    public var story: Story
}

/// What the store did with a new story.
public enum ClusterDecision: Sendable, Equatable {
    /// The story starts a new cluster.
    case newCluster(Int64)
    /// The story joined an existing cluster.
    case joined(Int64, via: ClusterEvidence)

    public var clusterID: Int64 {
        switch self {
        case .newCluster(let id), .joined(let id, _): return id
        }
    }
}

/// Why a story joined a cluster.
public enum ClusterEvidence: Sendable, Equatable {
    case canonicalURL
    case simHash(distance: Int)
    case titleKey
    case leadKey
}

/// An alert the rules engine wants written for a story: one outbox row per channel, unique
/// per (owner, rule, channel, cluster), so a copy of an already-alerted story adds nothing.
public struct AlertDraft: Sendable, Equatable {
    public var owner: String
    public var rule: String
    public var channels: [String]
    /// The terms that matched (kept with the match, for "why").
    public var matched: [String]
    /// Not to be delivered before this time (quiet hours); nil: now.
    public var notBefore: Date?
    /// The digest this alert rolls into ("1h", "daily 08:00"); nil: sent on its own.
    public var digest: String?
    /// Anything the channel needs beyond the story (JSON), kept verbatim.
    public var payload: String?

    public init(owner: String, rule: String, channels: [String], matched: [String] = [],
                notBefore: Date? = nil, digest: String? = nil, payload: String? = nil) {
        self.owner = owner
        self.rule = rule
        self.channels = channels
        self.matched = matched
        self.notBefore = notBefore
        self.digest = digest
        self.payload = payload
    }
}

/// What `recordPollResult` did.
public struct PollOutcome: Sendable, Equatable {
    /// New stories with their cluster decision, in feed order.
    public var new: [(StoryRecord, ClusterDecision)] { zip(inserted, decisions).map { ($0, $1) } }
    public var inserted: [StoryRecord] = []
    public var decisions: [ClusterDecision] = []
    /// Known stories whose content changed and was updated in place.
    public var updated: Int = 0
    /// Known stories seen again unchanged.
    public var unchanged: Int = 0
    /// Ids of the outbox rows written (a draft already alerted for its cluster writes none).
    public var alertIDs: [Int64] = []

    public static func == (a: PollOutcome, b: PollOutcome) -> Bool {
        a.inserted == b.inserted && a.decisions == b.decisions && a.updated == b.updated
            && a.unchanged == b.unchanged && a.alertIDs == b.alertIDs
    }
}
