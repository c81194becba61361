import Foundation
import GRDB
import Store

/// Near-duplicate lookups on their own, against a database as ingest left it, from a fresh
/// store (its in-memory window loaded first): half for fingerprints in the window, half
/// random, in passes.
enum Lookups {
    static func run(path: String, count: Int, passes: Int, around: Date) throws -> [[Double]] {
        let stored = try DatabaseQueue(path: path).read {
            try Int64.fetchAll($0, sql: "SELECT fingerprint FROM stories WHERE band0 IS NOT NULL ORDER BY id DESC LIMIT ?", arguments: [count])
        }.map { UInt64(bitPattern: $0) }
        let store = try Store(path: path)
        defer { try? store.close() }
        // A fresh store loads the in-memory window once (timed apart, printed by main).
        let t0 = DispatchTime.now().uptimeNanoseconds
        let loaded = try store.rebuildDedupWindow()
        print("lookup_window_load stories \(loaded) ms \(String(format: "%.1f", Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6))")
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
