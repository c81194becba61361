import Foundation

/// When to try a failed delivery again (issue 7: exponential backoff with jitter, 30 s
/// doubling to 6 h, give up after 24 h, Retry-After honoured).
///
/// Jitter is "equal jitter" taken downward: the wait is between `(1 - jitter)` and 1 times
/// the base delay, so many alerts that failed together (one receiver down) spread out
/// instead of retrying in lockstep, and the schedule never exceeds its documented bounds.
public struct RetryPolicy: Sendable, Equatable {
    public var initialDelay: TimeInterval
    public var multiplier: Double
    public var maxDelay: TimeInterval
    public var giveUpAfter: TimeInterval
    /// 0 ... 1: the fraction of the base delay that is randomized.
    public var jitter: Double

    public init(initialDelay: TimeInterval = 30, multiplier: Double = 2, maxDelay: TimeInterval = 6 * 3600,
                giveUpAfter: TimeInterval = 24 * 3600, jitter: Double = 0.25) {
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.giveUpAfter = giveUpAfter
        self.jitter = min(1, max(0, jitter))
    }

    public enum Decision: Sendable, Equatable {
        case retry(at: Date)
        /// The deadline has passed or the next try would fall after it: the alert ends `failed`.
        case giveUp
    }

    /// The delay before retry number `failures` (1 after the first failure), without jitter.
    public func baseDelay(afterFailures failures: Int) -> TimeInterval {
        let exponent = Double(max(0, failures - 1))
        return min(maxDelay, initialDelay * pow(multiplier, exponent))
    }

    /// - Parameters:
    ///   - failures: failed attempts so far, counting the one that just failed.
    ///   - firstAttempt: when the alert was first tried; the give-up deadline counts from here.
    ///   - retryAfter: the peer's Retry-After, honoured as a lower bound but capped at
    ///     `maxDelay` so a peer cannot park an alert past the give-up deadline unseen.
    ///   - random: a value in 0..<1 (injected, so tests are deterministic).
    public func decide(failures: Int, firstAttempt: Date, now: Date, retryAfter: TimeInterval?, random: Double) -> Decision {
        let base = baseDelay(afterFailures: failures)
        var delay = base * (1 - jitter * (1 - min(max(random, 0), 1)))
        if let retryAfter { delay = max(delay, min(retryAfter, maxDelay)) }
        let next = now.addingTimeInterval(delay)
        if next > firstAttempt.addingTimeInterval(giveUpAfter) { return .giveUp }
        return .retry(at: next)
    }
}
