import Foundation

/// When to poll a source next. Pure: the caller passes the clock and the randomness, so the
/// policy is table-tested. The interval adapts between `every` and `maxFactor × every` to how
/// often the source really publishes; freshness (Cache-Control max-age, Expires, RSS ttl),
/// RSS skipHours and Retry-After only ever lengthen it; errors back off exponentially to 24 h.
public struct PollSchedule: Sendable {
    /// What one poll told us.
    public enum Signal: Sendable, Equatable {
        /// A body arrived; `newItems` stories were new. `freshFor`: seconds the server says it is fresh.
        case fetched(newItems: Int, freshFor: Double?, ttlMinutes: Int?, skipHours: [Int])
        case notModified(freshFor: Double?)
        case rateLimited(retryAfter: Double?)
        case failed(retryAfter: Double?)
        /// 410 Gone: stop polling.
        case gone
    }

    public struct State: Sendable, Equatable {
        /// The adapted interval in seconds.
        public var interval: Double
        public var errorStreak: Int
        public init(interval: Double, errorStreak: Int = 0) {
            self.interval = interval
            self.errorStreak = errorStreak
        }
    }

    /// The interval the config asks for (`every:`), at least 60 s.
    public var every: Double
    /// How far the interval may stretch for a quiet source.
    public var maxFactor: Double = 6
    /// Longest wait after repeated errors.
    public var maxBackoff: Double = 24 * 3600
    /// ± share of the interval added at random so sources do not poll in lockstep.
    public var jitter: Double = 0.1

    public init(every: Double) { self.every = max(60, every) }

    public var maxInterval: Double { max(every, min(every * maxFactor, 6 * 3600)) }

    /// The next due time and state after `signal`; nil due time means "do not poll again".
    public func next(after signal: Signal, state: State, now: Date, random: Double) -> (due: Date?, state: State) {
        var s = state
        s.interval = min(max(s.interval, every), maxInterval)
        var wait: Double
        switch signal {
        case .gone:
            return (nil, s)
        case let .failed(retryAfter), let .rateLimited(retryAfter):
            s.errorStreak += 1
            let backoff = min(maxBackoff, every * pow(2, Double(min(s.errorStreak, 20))))
            wait = max(backoff, retryAfter ?? 0)
            return (now.addingTimeInterval(withJitter(wait, random: random, cap: maxBackoff)), s)
        case let .fetched(newItems, freshFor, ttlMinutes, skipHours):
            s.errorStreak = 0
            s.interval = newItems > 0 ? max(every, s.interval / 2) : min(maxInterval, s.interval * 1.25)
            wait = max(s.interval, freshFor ?? 0, Double(ttlMinutes ?? 0) * 60)
            wait = min(wait, maxBackoff)
            let due = now.addingTimeInterval(withJitter(wait, random: random, cap: maxBackoff))
            return (Self.skippingHours(due, skipHours: skipHours), s)
        case let .notModified(freshFor):
            s.errorStreak = 0
            s.interval = min(maxInterval, s.interval * 1.25)
            wait = min(max(s.interval, freshFor ?? 0), maxBackoff)
            return (now.addingTimeInterval(withJitter(wait, random: random, cap: maxBackoff)), s)
        }
    }

    /// `random` in 0..<1 maps to ±`jitter` of the wait.
    private func withJitter(_ wait: Double, random: Double, cap: Double) -> Double {
        min(cap * (1 + jitter), max(1, wait * (1 + jitter * (2 * random - 1))))
    }

    /// RSS 2.0 §skipHours: hours (GMT) in which aggregators may not read the feed.
    static func skippingHours(_ date: Date, skipHours: [Int]) -> Date {
        guard !skipHours.isEmpty, Set(skipHours).count < 24 else { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var d = date
        for _ in 0..<24 {
            let hour = calendar.component(.hour, from: d)
            guard skipHours.contains(hour) else { return d }
            let start = calendar.dateInterval(of: .hour, for: d)!.end
            d = start
        }
        return d
    }
}
