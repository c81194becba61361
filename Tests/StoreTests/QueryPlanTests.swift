import Foundation
import GRDB
import Testing
@testable import Store

/// The hot queries must search an index, never scan stories (issue 4).
@Suite struct QueryPlanTests {
    static let cases: [(String, String, StatementArguments)] = [
        ("SELECT id, content_hash FROM stories WHERE source_id = ? AND guid = ?", "stories_source_guid", [1, "g"]),
        (Clusterer.canonicalSQL, "stories_canonical", ["https://x"]),
        (Clusterer.bandSQL[0], "stories_band0", [1, 0.0, 1.0]),
        (Clusterer.bandSQL[1], "stories_band1", [1, 0.0, 1.0]),
        (Clusterer.bandSQL[2], "stories_band2", [1, 0.0, 1.0]),
        (Clusterer.bandSQL[3], "stories_band3", [1, 0.0, 1.0]),
        (Clusterer.titleSQL, "stories_title_key", [1, 0.0, 1.0]),
        (Clusterer.leadSQL, "stories_lead_key", [1, 0.0, 1.0]),
        (Store.membersSQL, "stories_cluster", [1]),
        ("SELECT id FROM alerts WHERE status = 'pending' AND next_attempt <= ? ORDER BY next_attempt LIMIT ?", "alerts_status", [0.0, 10]),
        ("SELECT id, title, first_seen, last_seen FROM clusters WHERE last_seen >= ? ORDER BY last_seen DESC LIMIT ?", "clusters_last_seen", [0.0, 10]),
        ("SELECT * FROM sources WHERE active = 1 AND gone = 0 AND next_due <= ? ORDER BY next_due LIMIT ?", "sources_due", [0.0, 10]),
        ("DELETE FROM stories WHERE cluster_id = ?", "stories_cluster", [1]),
        ("SELECT count(*) FROM alerts WHERE status = 'sent' AND owner = ? AND channel = ? AND sent >= ?", "alerts_sent", ["a", "b", 0.0]),
    ]

    @Test(arguments: cases.indices)
    func hotQueryUsesItsIndex(_ index: Int) throws {
        let (sql, expectedIndex, arguments) = Self.cases[index]
        let t = try TempStore()
        // Enough rows that the planner has something to choose between.
        for i in 0..<30 {
            try t.store.recordPollResult(poll("wire", at: t0.addingTimeInterval(Double(i) * 60),
                                              [longStory("g\(i)", title: "Story number \(i) of the test day", seed: "s\(i)",
                                                         url: "https://wire.example/\(i)")]))
        }
        let plan = try t.store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
        let text = plan.joined(separator: "\n")
        #expect(text.contains("USING INDEX \(expectedIndex)") || text.contains("USING COVERING INDEX \(expectedIndex)"), "\(sql)\n\(text)")
        #expect(!plan.contains { $0.hasPrefix("SCAN stories") || $0.hasPrefix("SCAN s") }, "\(sql)\n\(text)")
    }
}
