import Feeds
import Foundation
import Testing
@testable import Store

/// Prints the measurements the dedup thresholds were chosen from (RESULTS.md): the SimHash
/// distance of every labelled pair, by kind, and whether its title and lead keys agree.
@Suite struct DedupMeasureTests {
    @Test func distancesByKind() throws {
        let set = try LabelledPairs.load()
        let policy = DedupPolicy()
        var lines: [String] = []
        var byKind: [String: [Int]] = [:]
        for pair in set.pairs {
            let a = DedupKeys(story: pair.a.story, fetched: pair.a.story.published!, policy: policy)
            let b = DedupKeys(story: pair.b.story, fetched: pair.b.story.published!, policy: policy)
            let d = SimHash.distance(a.fingerprint, b.fingerprint)
            byKind[(pair.same ? "+ " : "- ") + pair.kind, default: []].append(d)
            lines.append("pair \(pair.id) \(pair.same ? "+" : "-") \(pair.kind) d=\(d) long=\(a.bands != nil)/\(b.bands != nil) "
                         + "title=\(a.titleKey != nil && a.titleKey == b.titleKey) lead=\(a.leadKey != nil && a.leadKey == b.leadKey)")
        }
        for (kind, ds) in byKind.sorted(by: { $0.key < $1.key }) {
            let s = ds.sorted()
            print("dedup-measure \(kind): n=\(s.count) min=\(s.first!) median=\(s[s.count / 2]) max=\(s.last!)")
        }
        if ProcessInfo.processInfo.environment["DEDUP_PAIRS_VERBOSE"] != nil { print(lines.joined(separator: "\n")) }
        #expect(byKind.count >= 8)
    }
}
