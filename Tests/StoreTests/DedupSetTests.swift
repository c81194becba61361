import Feeds
import Foundation
import Testing
@testable import Store

/// Precision and recall of clustering on the labelled set (Fixtures/pairs.json, built by
/// Benchmarks/StoreBench/scripts/make_pairs.py), through the public Store API: story A is
/// recorded, then story B from another source; "same" means B joined A's cluster.
@Suite struct DedupSetTests {
    struct Score {
        var tp = 0, fp = 0, fn = 0, tn = 0
        var misses: [String] = []
        var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
        var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    }

    static func evaluate(_ set: LabelledPairs) throws -> Score {
        let sources = Set(set.pairs.flatMap { [$0.a.source, $0.b.source] }).sorted()
        let t = try TempStore(sources: sources)
        var score = Score()
        for pair in set.pairs {
            let a = try t.store.recordPollResult(poll(pair.a.source, at: pair.a.story.published!, [pair.a.story]))
            let b = try t.store.recordPollResult(poll(pair.b.source, at: pair.b.story.published!, [pair.b.story]))
            let together = a.decisions.first?.clusterID == b.decisions.first?.clusterID
            switch (pair.same, together) {
            case (true, true): score.tp += 1
            case (false, false): score.tn += 1
            case (true, false): score.fn += 1; score.misses.append("missed \(pair.id) \(pair.kind)")
            case (false, true): score.fp += 1; score.misses.append("merged \(pair.id) \(pair.kind) \(b.decisions)")
            }
        }
        return score
    }

    @Test func labelledSetMeetsTargets() throws {
        let set = try LabelledPairs.load()
        #expect(set.pairs.count >= 200)
        #expect(set.pairs.contains { !$0.same } && set.pairs.contains { $0.same })
        let score = try Self.evaluate(set)
        print("dedup: pairs \(set.pairs.count) tp \(score.tp) fp \(score.fp) fn \(score.fn) tn \(score.tn) "
              + "precision \(score.precision) recall \(score.recall)\n" + score.misses.joined(separator: "\n"))
        #expect(score.precision >= 0.99)
        #expect(score.recall >= 0.90)
    }
}
