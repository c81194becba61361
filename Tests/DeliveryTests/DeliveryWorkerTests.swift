import Foundation
import Testing
@testable import Delivery
@testable import Store

/// The worker against a real Store (SQLite in a temp directory) with a scripted transport.
@Suite struct DeliveryWorkerTests {
    static let t0 = Date(timeIntervalSince1970: 1_722_340_800) // 2024-07-30 12:00 UTC

    @Test func deliveredAlertsAreSentAndLogged() async throws {
        let f = try OutboxFixture()
        let clock = TestClock(Self.t0)
        let ids = try f.raise(3, at: Self.t0)
        let sender = ScriptedSender()
        let summary = try await worker(f, sender, clock: clock).deliverDue()
        #expect(summary.claimed == 3 && summary.delivered == 3 && summary.messages == 3)
        #expect(Set(sender.keys) == Set(ids.map(String.init)))
        for id in ids {
            #expect(try f.alert(id).status == .sent)
            let attempts = try f.store.attempts(alertID: id)
            #expect(attempts.map(\.outcome) == [.delivered])
            #expect(attempts[0].statusCode == 200)
        }
        #expect(try await worker(f, sender, clock: clock).deliverDue().claimed == 0)
    }

    @Test func retriesHonourRetryAfterAndKeepTheSameID() async throws {
        let f = try OutboxFixture()
        let clock = TestClock(Self.t0)
        let id = try #require(try f.raise(1, at: Self.t0).first)
        let sender = ScriptedSender([.retry(status: 429, error: "webhook x: HTTP 429: slow down", retryAfter: 120)])
        let w = worker(f, sender, clock: clock)
        #expect(try await w.deliverDue().retrying == 1)
        var alert = try f.alert(id)
        #expect(alert.status == .pending)
        #expect(alert.lastError == "webhook x: HTTP 429: slow down")
        #expect(alert.nextAttempt == Self.t0.addingTimeInterval(120))

        clock.advance(60)
        #expect(try await w.deliverDue().claimed == 0)
        clock.advance(61)
        #expect(try await w.deliverDue().delivered == 1)
        alert = try f.alert(id)
        #expect(alert.status == .sent)
        #expect(try f.store.attempts(alertID: id).map(\.outcome) == [.retry, .delivered])
        #expect(sender.keys == [String(id), String(id)])
    }

    @Test func permanentFailureIsVisibleAndRetryable() async throws {
        let f = try OutboxFixture()
        let clock = TestClock(Self.t0)
        let id = try #require(try f.raise(1, at: Self.t0).first)
        let error = "webhook x: HTTP 410: this hook was deleted by its owner"
        let sender = ScriptedSender([.permanent(status: 410, error: error)])
        let w = worker(f, sender, clock: clock)
        #expect(try await w.deliverDue().failed == 1)
        let failed = try f.store.alerts(status: .failed)
        #expect(failed.map(\.id) == [id])
        #expect(failed[0].lastError == error)
        #expect(try f.store.attempts(alertID: id)[0].statusCode == 410)

        try f.store.retry(alertID: id, now: clock.now)
        #expect(try await w.deliverDue().delivered == 1)
        #expect(try f.alert(id).status == .sent)
    }

    @Test func givesUpAfterTheDeadline() async throws {
        let f = try OutboxFixture()
        let clock = TestClock(Self.t0)
        let id = try #require(try f.raise(1, at: Self.t0).first)
        let sender = ScriptedSender(fallback: .retry(status: 503, error: "webhook x: HTTP 503", retryAfter: nil))
        let w = worker(f, sender, clock: clock)
        var passes = 0
        while try f.alert(id).status == .pending, passes < 50 {
            clock.set(max(clock.now, try f.alert(id).nextAttempt))
            try await w.deliverDue()
            passes += 1
        }
        let alert = try f.alert(id)
        #expect(alert.status == .failed)
        #expect(alert.lastError?.contains("gave up after 13 attempts over 24 h") == true)
        #expect(clock.now <= Self.t0.addingTimeInterval(86_400))
        #expect(try f.store.attempts(alertID: id).count == 13)
    }

    @Test func quietHoursHoldThenOneDigest() async throws {
        let f = try OutboxFixture()
        let utc = TimeZone(identifier: "UTC")!
        let policy = ChannelPolicy(timeZone: utc, quietHours: try QuietPeriod(parsing: "22:00-07:00"))
        let night = Date(timeIntervalSince1970: 1_722_376_800) // 2024-07-30 22:00 UTC
        let clock = TestClock(night.addingTimeInterval(1800))
        let ids = try f.raise(3, at: clock.now)
        let sender = ScriptedSender()
        let w = worker(f, sender, clock: clock, policy: policy)
        #expect(try await w.deliverDue().held == 3)
        #expect(sender.sent.isEmpty)
        let morning = Date(timeIntervalSince1970: 1_722_409_200) // 2024-07-31 07:00 UTC
        #expect(try f.alert(ids[0]).nextAttempt == morning)

        clock.set(morning)
        let summary = try await w.deliverDue()
        #expect(summary.messages == 1 && summary.delivered == 3)
        #expect(sender.sent.count == 1)
        #expect(sender.sent[0].key == AlertContent.digestKey(alertIDs: ids))
        #expect(sender.sent[0].stories.count == 3)
    }

    @Test func digestRuleWaitsForItsWindow() async throws {
        let f = try OutboxFixture()
        let clock = TestClock(Self.t0.addingTimeInterval(600)) // 12:10
        let ids = try f.raise(2, at: clock.now, digest: "1h")
        let sender = ScriptedSender()
        let w = worker(f, sender, clock: clock)
        #expect(try await w.deliverDue().held == 2)
        clock.set(Self.t0.addingTimeInterval(3600))
        #expect(try await w.deliverDue().messages == 1)
        #expect(sender.sent.map(\.key) == [AlertContent.digestKey(alertIDs: ids)])
        #expect(ids.allSatisfy { (try? f.alert($0).status) == .sent })
    }

    @Test func rateCapRollsTheRestIntoADigest() async throws {
        let f = try OutboxFixture()
        let clock = TestClock(Self.t0)
        let policy = ChannelPolicy(timeZone: TimeZone(identifier: "UTC")!, rateCap: RateCap(limit: 2, per: 3600))
        let ids = try f.raise(5, at: clock.now)
        let sender = ScriptedSender()
        let w = worker(f, sender, clock: clock, policy: policy)
        let first = try await w.deliverDue()
        #expect(first.delivered == 2 && first.held == 3)
        // Nothing is dropped: the held three come due when the window frees a slot.
        let held = try ids.map { try f.alert($0) }.filter { $0.status == .pending }
        #expect(held.count == 3)
        clock.set(held.map(\.nextAttempt).min()!)
        clock.advance(1)
        var total = 2
        for _ in 0..<5 where total < 5 {
            clock.set(max(clock.now, try ids.map { try f.alert($0) }.filter { $0.status == .pending }.map(\.nextAttempt).min() ?? clock.now))
            total += try await w.deliverDue().delivered
        }
        #expect(total == 5)
        #expect(sender.sent.count < 5, "the rolled alerts went out together")
    }

    @Test func unknownChannelFailsVisibly() async throws {
        let f = try OutboxFixture()
        let clock = TestClock(Self.t0)
        let id = try #require(try f.raise(1, at: Self.t0, channel: "gone-channel").first)
        let summary = try await worker(f, ScriptedSender(), clock: clock).deliverDue()
        #expect(summary.failed == 1)
        #expect(try f.alert(id).lastError?.contains("channel 'gone-channel' of alice is not in the rules file") == true)
    }

    /// A worker that dies after claiming (no attempt recorded) leaves the alert leased; once
    /// the lease ends the next worker sends it again with the same id.
    @Test func claimedButUnrecordedAlertsComeBackAfterTheLease() async throws {
        let f = try OutboxFixture()
        let clock = TestClock(Self.t0)
        let id = try #require(try f.raise(1, at: Self.t0).first)
        _ = try f.store.claimDueAlerts(now: clock.now, limit: 10, lease: 120) // the "crashed" worker
        let sender = ScriptedSender()
        let w = worker(f, sender, clock: clock)
        #expect(try await w.deliverDue().claimed == 0)
        clock.advance(121)
        #expect(try await w.deliverDue().delivered == 1)
        #expect(sender.keys == [String(id)])
    }
}
