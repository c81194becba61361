import Feeds
import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct PruneTests {
    @Test func oldClustersGoUnlessAnUndeliveredAlertNeedsThem() throws {
        let t = try TempStore()
        let old = t0
        var stories: [Story] = []
        for i in 0..<40 {
            var s = longStory("old\(i)", title: "Old story number \(i) from last month", seed: "old\(i)", published: old)
            s.text += "\n" + (0..<400).map { "w\(i)x\($0)" }.joined(separator: " ")
            stories.append(s)
        }
        // The first old story has a pending alert, the second a sent one.
        let r = try t.store.recordPollResult(poll("wire", at: old, stories)) { rec, _ in
            rec.story.guid == "old0" || rec.story.guid == "old1" ? [AlertDraft(owner: "a", rule: "r", channels: ["c"])] : []
        }
        let sentID = r.alertIDs[1]
        try t.store.recordAttempt(alertID: sentID, at: old, outcome: .delivered, duration: 0)
        let recent = t0.addingTimeInterval(31 * 86400)
        try t.store.recordPollResult(poll("wire", at: recent, [longStory("new", title: "A story from today for the test", seed: "new", published: recent)]))
        let sizeBefore = try t.store.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_count")! }

        let report = try t.store.prune(olderThan: Store.defaultRetention, now: recent.addingTimeInterval(60), batch: 7)
        #expect(report.clusters == 39 && report.stories == 39 && report.alerts == 1)
        #expect(try t.store.storyCount() == 2)
        let kept = try t.store.alerts()
        #expect(kept.count == 1 && kept[0].status == .pending && kept[0].story?.guid == "old0")
        #expect(report.freedPages > 0)
        let sizeAfter = try t.store.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_count")! }
        #expect(sizeAfter < sizeBefore)
        #expect(try t.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM delivery_attempts") } == 0)
    }
}
