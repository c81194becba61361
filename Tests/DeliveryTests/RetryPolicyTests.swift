import Foundation
import Testing
@testable import Delivery

@Suite struct RetryPolicyTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    let policy = RetryPolicy()

    /// 30 s doubling, capped at 6 h.
    static let schedule: [(Int, TimeInterval)] = [
        (1, 30), (2, 60), (3, 120), (4, 240), (5, 480), (6, 960), (7, 1920), (8, 3840),
        (9, 7680), (10, 15360), (11, 21600), (12, 21600), (40, 21600),
    ]

    @Test(arguments: schedule)
    func baseDelays(_ failures: Int, _ delay: TimeInterval) {
        #expect(policy.baseDelay(afterFailures: failures) == delay)
    }

    @Test(arguments: [0.0, 0.25, 0.5, 0.999])
    func jitterStaysWithinBounds(_ random: Double) {
        guard case .retry(let at) = policy.decide(failures: 3, firstAttempt: Self.t0, now: Self.t0, retryAfter: nil, random: random) else {
            Issue.record("expected retry"); return
        }
        let delay = at.timeIntervalSince(Self.t0)
        #expect(delay >= 90 && delay <= 120)
        #expect(abs(delay - (90 + 30 * random)) < 0.001)
    }

    static let retryAfters: [(TimeInterval, TimeInterval)] = [(600, 600), (5, 30), (86_400 * 3, 21_600)]

    @Test(arguments: retryAfters)
    func retryAfterIsALowerBoundCappedAtMaxDelay(_ retryAfter: TimeInterval, _ expected: TimeInterval) {
        let decision = policy.decide(failures: 1, firstAttempt: Self.t0, now: Self.t0, retryAfter: retryAfter, random: 1)
        #expect(decision == .retry(at: Self.t0.addingTimeInterval(expected)))
    }

    @Test func givesUpAfter24Hours() {
        var now = Self.t0
        var failures = 0
        var attempts: [Date] = [now]
        while true {
            failures += 1
            guard case .retry(let next) = policy.decide(failures: failures, firstAttempt: Self.t0, now: now, retryAfter: nil, random: 1) else { break }
            now = next
            attempts.append(now)
        }
        #expect(attempts.last! <= Self.t0.addingTimeInterval(86_400))
        #expect(attempts.count == 13)   // first try, 10 doubling retries (to 8.5 h), 6 h steps to 14.5 h and 20.5 h
        #expect(policy.decide(failures: failures, firstAttempt: Self.t0, now: Self.t0.addingTimeInterval(86_401), retryAfter: nil, random: 0) == .giveUp)
    }

    @Test func configurable() {
        let quick = RetryPolicy(initialDelay: 1, multiplier: 3, maxDelay: 10, giveUpAfter: 60, jitter: 0)
        #expect((1...4).map { quick.baseDelay(afterFailures: $0) } == [1, 3, 9, 10])
    }
}
