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
        let t = around.timeIntervalSince1970
        let arguments: StatementArguments = [
            DedupWindow.bandKey(0, Int64(fingerprint & 0xFFFF)), DedupWindow.bandKey(1, Int64((fingerprint >> 16) & 0xFFFF)),
            DedupWindow.bandKey(2, Int64((fingerprint >> 32) & 0xFFFF)), DedupWindow.bandKey(3, Int64(fingerprint >> 48)),
            t - policy.window, t + policy.window,
        ]
        // One statement is its own read transaction: no BEGIN/COMMIT round trips around it.
        do {
            return try pool.unsafeRead { db in
                var found: [Int64: NearDuplicate] = [:]
                let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.lookupSQL), arguments: arguments)
                while let row = try rows.next() {
                    let d = SimHash.distance(UInt64(bitPattern: row[2]), fingerprint)
                    if d <= policy.maxDistance {
                        found[row[0]] = NearDuplicate(storyID: row[0], clusterID: row[1], distance: d)
                    }
                }
                return found.values.sorted { ($0.distance, $0.storyID) < ($1.distance, $1.storyID) }
            }
        } catch let e as DatabaseError {
            throw StoreError.database(path, e)
        }
    }

    static let lookupSQL = """
        SELECT story_id, cluster_id, fingerprint FROM dedup_bands
        WHERE band IN (?, ?, ?, ?) AND seen BETWEEN ? AND ?
        """
}
