import Feeds
import Foundation

/// A stored story near a fingerprint.
public struct NearDuplicate: Sendable, Equatable {
    public var storyID: Int64
    public var clusterID: Int64
    public var distance: Int
}

extension Store {
    /// Stories within `dedup.maxDistance` of `fingerprint` seen within `dedup.window` of
    /// `around`, nearest first: the banded-index lookup clustering uses (for `inspect`,
    /// diagnostics and the benchmark). It reads the in-memory window, loading it on the first
    /// call; a store that only reads sees what other processes recorded since when it next
    /// writes, or after `rebuildDedupWindow()`.
    public func nearDuplicates(of fingerprint: UInt64, around: Date) throws -> [NearDuplicate] {
        try loadDedupWindowIfNeeded()
        let t = around.timeIntervalSince1970
        return window.near(fingerprint, maxDistance: dedup.maxDistance, lo: t - dedup.window, hi: t + dedup.window, pending: false)
            .map { NearDuplicate(storyID: $0.entry.story, clusterID: $0.entry.cluster, distance: $0.distance) }
            .sorted { ($0.distance, $0.storyID) < ($1.distance, $1.storyID) }
    }
}
