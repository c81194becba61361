import Foundation

/// Per owner and channel: the owner's time zone, quiet hours and rate cap.
public struct ChannelPolicy: Sendable, Hashable {
    public var timeZone: TimeZone
    public var quietHours: QuietPeriod?
    public var rateCap: RateCap?

    public init(timeZone: TimeZone, quietHours: QuietPeriod? = nil, rateCap: RateCap? = nil) {
        self.timeZone = timeZone
        self.quietHours = quietHours
        self.rateCap = rateCap
    }
}

/// A due alert of one owner and channel, as the planner needs to see it.
public struct PendingAlert: Sendable, Hashable {
    public var id: Int64
    public var createdAt: Date
    /// The rule's `digest:` setting, if any.
    public var digest: DigestWindow?
    /// True once the planner has held it back (quiet hours, rate cap): it then goes out in a digest.
    public var held: Bool

    public init(id: Int64, createdAt: Date, digest: DigestWindow? = nil, held: Bool = false) {
        self.id = id
        self.createdAt = createdAt
        self.digest = digest
        self.held = held
    }
}

/// What to do with due alerts; every input id appears in exactly one step.
public enum PlanStep: Sendable, Hashable {
    /// One message for one alert.
    case send(Int64)
    /// One digest message for these alerts.
    case sendDigest([Int64])
    /// Not yet: due again at `until`, then part of a digest.
    case hold([Int64], until: Date, reason: HoldReason)
}

public enum HoldReason: String, Sendable, Hashable {
    case quietHours = "quiet hours"
    case digestWindow = "digest window"
    case rateCap = "rate cap"
}

/// The pure decision logic behind quiet hours, digests and the rate cap (issue 7 "Per owner"):
/// given the alerts of one owner+channel due now, when each goes out and in which message.
/// Nothing here reads a clock; `now` and the send history are passed in.
public enum DeliveryPlanner {
    public static func plan(
        _ due: [PendingAlert], now: Date, policy: ChannelPolicy, recentSends: [Date]
    ) -> [PlanStep] {
        guard !due.isEmpty else { return [] }
        let ordered = due.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }

        if let quiet = policy.quietHours, let end = quiet.end(ofPeriodContaining: now, in: policy.timeZone) {
            return [.hold(ordered.map(\.id), until: end, reason: .quietHours)]
        }

        var steps: [PlanStep] = []
        var waiting: [Date: [Int64]] = [:]
        var batch: [Int64] = []
        var singles: [Int64] = []
        for alert in ordered {
            if let digest = alert.digest, !alert.held {
                let release = digest.release(after: alert.createdAt, in: policy.timeZone)
                if release > now { waiting[release, default: []].append(alert.id); continue }
            }
            if alert.held || alert.digest != nil { batch.append(alert.id) } else { singles.append(alert.id) }
        }
        for (release, ids) in waiting.sorted(by: { $0.key < $1.key }) {
            steps.append(.hold(ids, until: release, reason: .digestWindow))
        }

        var messages: [[Int64]] = batch.isEmpty ? [] : [batch]
        messages += singles.map { [$0] }
        var allowed = messages.count
        if let cap = policy.rateCap {
            allowed = min(allowed, cap.available(now: now, recentSends: recentSends))
        }
        for message in messages.prefix(allowed) {
            steps.append(message.count == 1 && singles.contains(message[0]) ? .send(message[0]) : .sendDigest(message))
        }
        let over = messages.dropFirst(allowed).flatMap { $0 }
        if !over.isEmpty, let cap = policy.rateCap {
            var sends = recentSends
            sends += Array(repeating: now, count: allowed)
            steps.append(.hold(over, until: cap.nextSlot(now: now, recentSends: sends), reason: .rateCap))
        }
        return steps
    }
}
