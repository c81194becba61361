import Foundation
import Testing
@testable import Store

@Suite struct OutboxTests {
    func storeWithAlert(notBefore: Date? = nil) throws -> (TempStore, Int64) {
        let t = try TempStore()
        let r = try t.store.recordPollResult(poll("wire", [longStory("w", title: "Militia drone attack on base", seed: "drone")])) { _, _ in
            [AlertDraft(owner: "bob", rule: "drones", channels: ["ops"], notBefore: notBefore)]
        }
        return (t, r.alertIDs[0])
    }

    @Test func claimedAlertsAreLeasedAndComeBackAfterACrash() throws {
        let (t, id) = try storeWithAlert()
        let claimed = try t.store.claimDueAlerts(now: t0, limit: 10, lease: 60)
        #expect(claimed.map(\.id) == [id])
        #expect(claimed[0].story?.title == "Militia drone attack on base")
        #expect(try t.store.claimDueAlerts(now: t0.addingTimeInterval(30), limit: 10).isEmpty)
        // The worker died without recording anything: after the lease the alert is due again.
        #expect(try t.store.claimDueAlerts(now: t0.addingTimeInterval(61), limit: 10).map(\.id) == [id])
    }

    @Test func attemptsMoveTheAlertAndAreLogged() throws {
        let (t, id) = try storeWithAlert()
        try t.store.recordAttempt(alertID: id, at: t0, outcome: .retry, statusCode: 503, error: "HTTP 503: busy",
                                  duration: 0.2, nextAttempt: t0.addingTimeInterval(30))
        var a = try #require(try t.store.alerts().first)
        #expect(a.status == .pending && a.attempts == 1 && a.lastError == "HTTP 503: busy")
        #expect(try t.store.claimDueAlerts(now: t0.addingTimeInterval(10), limit: 5).isEmpty)
        #expect(try t.store.claimDueAlerts(now: t0.addingTimeInterval(31), limit: 5).count == 1)
        try t.store.recordAttempt(alertID: id, at: t0.addingTimeInterval(31), outcome: .failed, statusCode: 404,
                                  error: "HTTP 404: not found", duration: 0.1)
        a = try #require(try t.store.alerts(status: .failed).first)
        #expect(a.attempts == 2 && a.lastError == "HTTP 404: not found")
        #expect(try t.store.alerts(status: .pending).isEmpty)

        #expect(try t.store.retryFailed(now: t0.addingTimeInterval(100)) == 1)
        #expect(try t.store.claimDueAlerts(now: t0.addingTimeInterval(100), limit: 5).count == 1)
        try t.store.recordAttempt(alertID: id, at: t0.addingTimeInterval(101), outcome: .delivered, statusCode: 204, duration: 0.05)
        a = try #require(try t.store.alerts(status: .sent).first)
        #expect(a.sent == t0.addingTimeInterval(101))
        #expect(try t.store.attempts(alertID: id).map(\.outcome) == [.retry, .failed, .delivered])
        #expect(try t.store.sentCount(owner: "bob", channel: "ops", since: t0) == 1)
        // A sent alert is not sent again by a stray retry.
        try t.store.retry(alertID: id, now: t0.addingTimeInterval(200))
        #expect(try t.store.alerts(status: .sent).count == 1)
    }

    @Test func quietHoursDelayDelivery() throws {
        let (t, id) = try storeWithAlert(notBefore: t0.addingTimeInterval(3600))
        #expect(try t.store.claimDueAlerts(now: t0, limit: 5).isEmpty)
        try t.store.deferAlerts([id], until: t0.addingTimeInterval(7200))
        #expect(try t.store.claimDueAlerts(now: t0.addingTimeInterval(3601), limit: 5).isEmpty)
        #expect(try t.store.claimDueAlerts(now: t0.addingTimeInterval(7200), limit: 5).count == 1)
    }

    @Test func unknownAlertIsReported() throws {
        let t = try TempStore()
        #expect(throws: StoreError.self) { try t.store.retry(alertID: 42) }
        #expect(throws: StoreError.self) { try t.store.recordAttempt(alertID: 42, at: t0, outcome: .delivered, duration: 0) }
    }
}
