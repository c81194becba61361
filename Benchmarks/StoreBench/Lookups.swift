import Foundation
import GRDB
import Store

/// Near-duplicate lookups on their own, against a database as ingest left it: half for
/// fingerprints in the window, half random, in passes, so a cold reader cache (first pass)
/// can be told apart from the steady state.
enum Lookups {
    static func run(path: String, count: Int, passes: Int, around: Date) throws -> [[Double]] {
        let stored = try DatabaseQueue(path: path).read {
            try Int64.fetchAll($0, sql: "SELECT fingerprint FROM dedup_bands WHERE band < 65536 ORDER BY story_id DESC LIMIT ?", arguments: [count])
        }.map { UInt64(bitPattern: $0) }
        let store = try Store(path: path)
        defer { try? store.close() }
        var rng = SeededRandom(state: 99)
        var result: [[Double]] = []
        for _ in 0..<passes {
            var micros: [Double] = []
            micros.reserveCapacity(count)
            for i in 0..<count {
                let fp = i % 2 == 0 && !stored.isEmpty ? stored[Int(rng.next() % UInt64(stored.count))] : rng.next()
                let t0 = DispatchTime.now().uptimeNanoseconds
                _ = try store.nearDuplicates(of: fp, around: around)
                micros.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e3)
            }
            result.append(micros)
        }
        return result
    }
}
