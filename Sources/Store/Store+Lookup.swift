import Feeds
import Foundation
import GRDB

/// A stored story near a fingerprint.
public struct NearDuplicate: Sendable, Equatable {
    public var storyID: Int64
    public var clusterID: Int64
    public var distance: Int
}

extension Store {
    /// Stories within `dedup.maxDistance` of `fingerprint` seen within `dedup.window` of
    /// `around`, nearest first: the banded-index lookup clustering uses, on a reader
    /// connection (for `inspect`, diagnostics and the benchmark).
    public func nearDuplicates(of fingerprint: UInt64, around: Date) throws -> [NearDuplicate] {
        let policy = dedup
        return try read { db in
            let t = around.timeIntervalSince1970
            var found: [Int64: NearDuplicate] = [:]
            for i in 0..<4 {
                let band = Int64((fingerprint >> (16 * UInt64(i))) & 0xFFFF)
                let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.lookupSQL[i]),
                                               arguments: [band, t - policy.window, t + policy.window])
                while let row = try rows.next() {
                    let d = SimHash.distance(UInt64(bitPattern: row[2]), fingerprint)
                    if d <= policy.maxDistance {
                        found[row[0]] = NearDuplicate(storyID: row[0], clusterID: row[1], distance: d)
                    }
                }
            }
            return found.values.sorted { ($0.distance, $0.storyID) < ($1.distance, $1.storyID) }
        }
    }

    static let lookupSQL = (0..<4).map {
        "SELECT id, cluster_id, fingerprint FROM stories WHERE band\($0) = ? AND seen BETWEEN ? AND ?"
    }
}
