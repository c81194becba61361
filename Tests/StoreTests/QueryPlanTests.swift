import Foundation
import GRDB
import Testing
@testable import Store

/// The hot queries must search an index, never scan stories (issue 4).
@Suite struct QueryPlanTests {
    /// (query, what its plan must say, arguments). Indexes by name; the window's own lookups
    /// are in memory (`DedupIndex`), its rebuild reads a covering index.
    static let cases: [(String, String, StatementArguments)] = [
        ("SELECT id, content_hash FROM stories WHERE source_id = ? AND guid = ?", "INDEX stories_source_guid", [1, "g"]),
        (Clusterer.canonicalSQL, "INDEX stories_canonical", ["https://x"]),
        (Store.membersSQL, "INDEX stories_cluster", [1]),
        (Store.memberIDsSQL, "COVERING INDEX stories_cluster (cluster_id=?)", [1]),
        (Clusterer.titleSQL, "SEARCH stories USING INTEGER PRIMARY KEY (rowid=?)", [1]),
        (DedupWindow.newestSQL, "SEARCH stories USING COVERING INDEX stories_window", []),
        (DedupWindow.countSQL, "SEARCH stories USING COVERING INDEX stories_window (fetched>?)", [0.0]),
        (DedupWindow.loadSQL, "SEARCH stories USING COVERING INDEX stories_window (fetched>?)", [0.0]),
        ("SELECT id FROM alerts WHERE status = 'pending' AND next_attempt <= ? ORDER BY next_attempt LIMIT ?", "INDEX alerts_status", [0.0, 10]),
        ("SELECT id, title, first_seen, last_seen FROM clusters WHERE last_seen >= ? ORDER BY last_seen DESC LIMIT ?", "INDEX clusters_last_seen", [0.0, 10]),
        ("SELECT * FROM sources WHERE active = 1 AND gone = 0 AND next_due <= ? ORDER BY next_due LIMIT ?", "INDEX sources_due", [0.0, 10]),
        ("DELETE FROM stories WHERE cluster_id = ?", "INDEX stories_cluster", [1]),
        ("SELECT count(*) FROM alerts WHERE status = 'sent' AND owner = ? AND channel = ? AND sent >= ?", "INDEX alerts_sent", ["a", "b", 0.0]),
    ]

    @Test(arguments: cases.indices)
    func hotQueryUsesItsIndex(_ index: Int) throws {
        let (sql, expected, arguments) = Self.cases[index]
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
        #expect(text.contains(expected), "\(sql)\n\(text)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.hasPrefix("SCAN CONSTANT ROW") }, "\(sql)\n\(text)")
    }
}
