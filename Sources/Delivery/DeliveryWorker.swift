import Foundation
import Logging
import Store

/// A channel as delivery needs it, resolved from the owner's rules file and the config.
public struct ResolvedChannel: Sendable {
    public enum Transport: Sendable {
        case webhook(WebhookTarget)
        case email(Mailbox)
    }

    public var transport: Transport
    public var policy: ChannelPolicy

    public init(transport: Transport, policy: ChannelPolicy) {
        self.transport = transport
        self.policy = policy
    }
}

/// Looks up `(owner, channel name)`; an error (unknown channel, unreadable secret) fails
/// the alert visibly instead of dropping it.
public typealias ChannelResolver = @Sendable (_ owner: String, _ channel: String) -> Result<ResolvedChannel, DeliveryError>

/// Sends one message through a resolved channel. The real one is ``ChannelSenders``
/// (webhooks and SMTP over libcurl); tests can script outcomes.
public protocol ChannelSender: Sendable {
    func send(_ content: AlertContent, via channel: ResolvedChannel, now: Date) async -> DeliveryOutcome
}

/// What one pass of the worker did.
public struct DeliveryRunSummary: Sendable, Equatable {
    public var claimed = 0
    public var messages = 0
    public var delivered = 0
    public var retrying = 0
    public var failed = 0
    public var held = 0
    public init() {}

    /// Two passes (or a cycle's passes) summed.
    public static func + (a: Self, b: Self) -> Self {
        var s = a
        s.claimed += b.claimed
        s.messages += b.messages
        s.delivered += b.delivered
        s.retrying += b.retrying
        s.failed += b.failed
        s.held += b.held
        return s
    }
}

/// Takes due alerts from the outbox, delivers them, and records every attempt.
///
/// Crash safety comes from the Store's lease: `claimDueAlerts` pushes each claimed alert's
/// next attempt `lease` seconds ahead, and only recording the attempt ends it, so alerts of a
/// worker killed mid-send come due again after restart and are sent again with the same
/// `webhook-id` / Message-ID (at least once; the receiver drops the repeat).
public struct DeliveryWorker: Sendable {
    public struct Settings: Sendable {
        public var retry = RetryPolicy()
        public var batchSize = 500
        public var lease: TimeInterval = 120
        /// Messages in flight at once across all channels.
        public var concurrency = 64
        /// An alert that waited this long before its first attempt (the service was down,
        /// or a rate cap held it) goes out in a digest rather than on its own.
        public var backlogAge: TimeInterval = 600
        public init() {}
    }

    public let store: Store
    public let sender: any ChannelSender
    public let resolve: ChannelResolver
    public let settings: Settings
    public let logger: Logger
    private let clock: @Sendable () -> Date
    private let random: @Sendable () -> Double

    public init(
        store: Store, sender: any ChannelSender, resolve: @escaping ChannelResolver,
        settings: Settings = Settings(), logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.sender = sender
        self.resolve = resolve
        self.settings = settings
        self.logger = logger
        self.clock = clock
        self.random = random
    }

    /// Runs passes until the task is cancelled, pausing `interval` when nothing was due.
    public func run(interval: Duration = .seconds(2)) async {
        while !Task.isCancelled {
            do {
                let summary = try await deliverDue()
                if summary.claimed > 0 { continue }
            } catch {
                logger.error("delivery pass failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// One pass: claim what is due, plan per owner and channel, send, record.
    @discardableResult
    public func deliverDue() async throws -> DeliveryRunSummary {
        let now = clock()
        let records = try store.claimDueAlerts(now: now, limit: settings.batchSize, lease: settings.lease)
        var summary = DeliveryRunSummary()
        summary.claimed = records.count
        guard !records.isEmpty else { return summary }
        // PipelineBench's breakdown.py reads these (NEWSALERT_LOG_LEVEL=debug).
        logger.debug("latency: claimed", metadata: ["alert.ids": "\(records.map(\.id))", "at": "\(Date().timeIntervalSince1970)"])

        var groups: [String: [AlertRecord]] = [:]
        var order: [String] = []
        for record in records {
            let key = record.owner + "\u{0}" + record.channel
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(record)
        }

        var jobs: [Job] = []
        var attempts: [AttemptReport] = []
        for key in order {
            let group = groups[key]!
            switch resolve(group[0].owner, group[0].channel) {
            case .failure(let error):
                attempts += group.map { AttemptReport(alertID: $0.id, at: now, outcome: .failed, error: error.message, duration: 0) }
                summary.failed += group.count
            case .success(let channel):
                let planned = try plan(group, channel: channel, now: now, summary: &summary)
                jobs += planned
            }
        }
        summary.messages = jobs.count
        let results = await send(jobs)
        for (job, outcome, duration) in results {
            attempts += record(job, outcome: outcome, duration: duration, summary: &summary)
        }
        // One commit for the whole pass: a commit per attempt bound delivery at 752/s.
        try store.recordAttempts(attempts)
        return summary
    }

    /// One message to send: the alerts it carries and where it goes.
    struct Job: Sendable {
        let records: [AlertRecord]
        let content: AlertContent
        let channel: ResolvedChannel
    }

    private func plan(_ group: [AlertRecord], channel: ResolvedChannel, now: Date, summary: inout DeliveryRunSummary) throws -> [Job] {
        let policy = channel.policy
        let byID = Dictionary(uniqueKeysWithValues: group.map { ($0.id, $0) })
        let pending = group.map { r in
            PendingAlert(id: r.id, createdAt: r.created, digest: r.digest.flatMap { try? DigestWindow(parsing: $0) },
                         held: isHeld(r, policy: policy, now: now))
        }
        var recent: [Date] = []
        if let cap = policy.rateCap {
            // The Store reports a count, not times: spread evenly over the window (see report).
            let count = try store.sentCount(owner: group[0].owner, channel: group[0].channel, since: now.addingTimeInterval(-cap.window))
            recent = (0..<count).map { now.addingTimeInterval(-cap.window + cap.window * Double($0 + 1) / Double(count + 1)) }
        }
        var jobs: [Job] = []
        for step in DeliveryPlanner.plan(pending, now: now, policy: policy, recentSends: recent) {
            switch step {
            case .hold(let ids, let until, let reason):
                try store.deferAlerts(ids, until: until)
                summary.held += ids.count
                logger.debug("alerts held", metadata: ["alert.ids": "\(ids)", "until": "\(until)", "reason": "\(reason.rawValue)"])
            case .send(let id):
                let r = byID[id]!
                jobs.append(Job(records: [r], content: AlertContent(key: String(id), owner: r.owner, kind: .matched(rule: r.rule, story: Self.story(r))), channel: channel))
            case .sendDigest(let ids):
                let rs = ids.map { byID[$0]! }
                jobs.append(Job(records: rs, content: AlertContent(key: AlertContent.digestKey(alertIDs: ids), owner: rs[0].owner, kind: .digest(stories: rs.map(Self.story))), channel: channel))
            }
        }
        return jobs
    }

    /// Held back before (quiet hours, a long wait): see `Settings.backlogAge`.
    private func isHeld(_ r: AlertRecord, policy: ChannelPolicy, now: Date) -> Bool {
        guard r.digest == nil else { return false }
        if policy.quietHours?.contains(r.created, in: policy.timeZone) == true { return true }
        return r.attempts == 0 && now.timeIntervalSince(r.created) >= settings.backlogAge
    }

    static func story(_ r: AlertRecord) -> MessageStory {
        MessageStory(
            title: r.story?.title ?? "(story no longer stored)", url: r.story?.url ?? "", source: r.story?.source ?? "",
            published: r.story?.published, summary: r.story?.summary ?? "", regions: r.story?.regions ?? [],
            matched: r.matched, alsoReportedBy: r.alsoReportedBy.map { .init(source: $0.source, url: $0.url ?? "") },
            rule: r.rule
        )
    }

    private func send(_ jobs: [Job]) async -> [(Job, DeliveryOutcome, TimeInterval)] {
        await withTaskGroup(of: (Job, DeliveryOutcome, TimeInterval).self) { group in
            var results: [(Job, DeliveryOutcome, TimeInterval)] = []
            var next = 0
            func add() {
                let job = jobs[next]
                next += 1
                group.addTask { await self.deliver(job) }
            }
            while next < min(jobs.count, settings.concurrency) { add() }
            for await result in group {
                results.append(result)
                if next < jobs.count { add() }
            }
            return results
        }
    }

    private func deliver(_ job: Job) async -> (Job, DeliveryOutcome, TimeInterval) {
        let start = ContinuousClock.now
        let outcome = await sender.send(job.content, via: job.channel, now: clock())
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (job, outcome, seconds)
    }

    /// The attempts to record for one sent job, logging what went wrong.
    private func record(_ job: Job, outcome: DeliveryOutcome, duration: TimeInterval, summary: inout DeliveryRunSummary) -> [AttemptReport] {
        let now = clock()
        var meta: Logger.Metadata = ["alert.ids": "\(job.records.map(\.id))", "alert.owner": "\(job.content.owner)", "alert.channel": "\(job.records[0].channel)"]
        switch outcome {
        case .delivered(let status):
            summary.delivered += job.records.count
            return job.records.map { AttemptReport(alertID: $0.id, at: now, outcome: .delivered, statusCode: status, duration: duration) }
        case .permanent(let status, let error):
            summary.failed += job.records.count
            meta["error"] = "\(error)"
            logger.warning("delivery failed permanently", metadata: meta)
            return job.records.map { AttemptReport(alertID: $0.id, at: now, outcome: .failed, statusCode: status, error: error, duration: duration) }
        case .retry(let status, let error, let retryAfter):
            let failures = (job.records.map(\.attempts).max() ?? 0) + 1
            let first = job.records.map { dueSince($0, policy: job.channel.policy) }.min() ?? now
            switch settings.retry.decide(failures: failures, firstAttempt: first, now: now, retryAfter: retryAfter, random: random()) {
            case .retry(let at):
                summary.retrying += job.records.count
                meta["next_attempt"] = "\(at)"
                meta["error"] = "\(error)"
                logger.info("delivery will be retried", metadata: meta)
                return job.records.map { AttemptReport(alertID: $0.id, at: now, outcome: .retry, statusCode: status, error: error, duration: duration, nextAttempt: at) }
            case .giveUp:
                let hours = Int(settings.retry.giveUpAfter / 3600)
                let final = "\(error) (gave up after \(failures) attempts over \(hours) h; `newsalert alerts retry` sends it again)"
                summary.failed += job.records.count
                meta["error"] = "\(final)"
                logger.warning("delivery gave up", metadata: meta)
                return job.records.map { AttemptReport(alertID: $0.id, at: now, outcome: .failed, statusCode: status, error: final, duration: duration) }
            }
        }
    }

    /// When an alert became deliverable: its digest release, the end of the quiet period it
    /// was made in, or its creation. The give-up deadline counts from here.
    private func dueSince(_ r: AlertRecord, policy: ChannelPolicy) -> Date {
        if let digest = r.digest.flatMap({ try? DigestWindow(parsing: $0) }) {
            return digest.release(after: r.created, in: policy.timeZone)
        }
        if let end = policy.quietHours?.end(ofPeriodContaining: r.created, in: policy.timeZone) { return end }
        return r.created
    }
}
