import Feeds
import Foundation
import GRDB

/// Finds the cluster a new story belongs to, inside the poll's write transaction. Every
/// lookup is an index search (stories_canonical over all stories on disk; the banded window
/// in memory, see `DedupWindow`); none scans stories. Evidence is tried
/// strongest first: the same canonical URL, then a SimHash
/// within `maxDistance`, then the same normalized title (checked against the bodies when both
/// are long enough, so two same-titled stories with different texts stay apart), then the
/// same opening words, confirmed by the second line when both bodies are long, else by a
/// shared title word (a truncated summary under an edited headline; datelines, notes and
/// stock openings repeat).
struct Clusterer {
    let policy: DedupPolicy
    let window: DedupWindow
    /// Stories fetched before this have left the window with this poll.
    let cutoff: Double

    static let canonicalSQL = "SELECT cluster_id FROM stories WHERE canonical_url = ? LIMIT 1"
    /// The title of a lead-key candidate, read only when a short body needs it.
    static let titleSQL = "SELECT title FROM stories WHERE id = ?"

    func findCluster(_ db: Database, canonicalURL: String?, keys: DedupKeys) throws -> (Int64, ClusterEvidence)? {
        if let canonicalURL, !canonicalURL.isEmpty,
           let id = try Int64.fetchOne(db.cachedStatement(sql: Self.canonicalSQL), arguments: [canonicalURL]) {
            return (id, .canonicalURL)
        }
        let lo = keys.seen - policy.window, hi = keys.seen + policy.window
        if keys.bands != nil, let hit = nearest(keys.fingerprint, lo: lo, hi: hi) {
            return (hit.0, .simHash(distance: hit.1))
        }
        if let titleKey = keys.titleKey {
            for e in window.withKey(DedupIndex.titleList, titleKey, lo: lo, hi: hi, cutoff: cutoff) {
                // Two long bodies under one headline must also agree: same opening words, or
                // fingerprints within `confirmDistance` (recurring headlines carry other stories).
                let bothLong = keys.bands != nil && e.long
                if !bothLong || (keys.leadKey != nil && keys.leadKey == e.leadKey)
                    || SimHash.distance(e.fingerprint, keys.fingerprint) <= policy.confirmDistance {
                    return (e.cluster, .titleKey)
                }
            }
        }
        if let leadKey = keys.leadKey {
            for e in window.withKey(DedupIndex.leadList, leadKey, lo: lo, hi: hi, cutoff: cutoff) {
                // Same opening words: long bodies must agree in their second line too (a long
                // editor's note can open many stories); a short summary must share a title word.
                let bothLong = keys.bands != nil && e.long
                if bothLong {
                    if keys.lead2Key != nil && keys.lead2Key == e.lead2Key { return (e.cluster, .leadKey) }
                } else if let title = try String.fetchOne(db.cachedStatement(sql: Self.titleSQL), arguments: [e.story]),
                          !DedupKeys.contentWords(DedupKeys.titleTerms(title, minimumWords: policy.minimumTitleWords))
                            .isDisjoint(with: keys.titleWords) {
                    return (e.cluster, .leadKey)
                }
            }
        }
        return nil
    }

    /// The nearest fingerprint within `maxDistance` among stories sharing a band (ties: the
    /// earliest seen, then the first stored).
    func nearest(_ fingerprint: UInt64, lo: Double, hi: Double) -> (Int64, Int)? {
        let hits = window.near(fingerprint, maxDistance: policy.maxDistance, lo: lo, hi: hi, cutoff: cutoff, pending: true)
        return hits.min { ($0.distance, $0.entry.seen, $0.entry.story) < ($1.distance, $1.entry.seen, $1.entry.story) }
            .map { ($0.entry.cluster, $0.distance) }
    }
}
