import Foundation
import Testing
@testable import Store

/// `recordAttempts`: a delivery pass records all its attempts in one transaction.
@Suite struct AttemptBatchTests {
    func storeWithAlerts() throws -> (TempStore, [Int64]) {
        let t = try TempStore()
        let r = try t.store.recordPollResult(poll("wire", [longStory("w", title: "Militia drone attack on base", seed: "drone")])) { _, _ in
            [AlertDraft(owner: "bob", rule: "drones", channels: ["ops", "inbox", "pager"])]
        }
        return (t, r.alertIDs)
    }

    @Test func eachAttemptMovesItsAlert() throws {
        let (t, ids) = try storeWithAlerts()
        try #require(ids.count == 3)
        _ = try t.store.claimDueAlerts(now: t0, limit: 10)
        try t.store.recordAttempts([
            AttemptReport(alertID: ids[0], at: t0, outcome: .delivered, statusCode: 204, duration: 0.01),
            AttemptReport(alertID: ids[1], at: t0, outcome: .retry, statusCode: 503, error: "HTTP 503: busy", duration: 0.02,
                          nextAttempt: t0.addingTimeInterval(30)),
            AttemptReport(alertID: ids[2], at: t0, outcome: .failed, statusCode: 404, error: "HTTP 404: not found", duration: 0.03),
        ])
        let byID = Dictionary(uniqueKeysWithValues: try t.store.alerts().map { ($0.id, $0) })
        #expect(byID[ids[0]]?.status == .sent && byID[ids[0]]?.sent == t0)
        #expect(byID[ids[1]]?.status == .pending && byID[ids[1]]?.nextAttempt == t0.addingTimeInterval(30))
        #expect(byID[ids[2]]?.status == .failed && byID[ids[2]]?.lastError == "HTTP 404: not found")
        #expect(try ids.map { try t.store.attempts(alertID: $0).map(\.outcome) } == [[.delivered], [.retry], [.failed]])
    }

    @Test func anUnknownAlertKeepsTheWholeBatchOut() throws {
        let (t, ids) = try storeWithAlerts()
        #expect(throws: StoreError.self) {
            try t.store.recordAttempts([
                AttemptReport(alertID: ids[0], at: t0, outcome: .delivered, duration: 0),
                AttemptReport(alertID: 424_242, at: t0, outcome: .delivered, duration: 0),
            ])
        }
        #expect(try t.store.alerts(status: .sent).isEmpty, "rolled back: the lease brings the alert back")
        #expect(try t.store.attempts(alertID: ids[0]).isEmpty)
    }
}
