import Feeds
import Foundation
import GRDB

/// Finds the cluster a new story belongs to, inside the poll's write transaction. Every
/// lookup is an index search (stories_canonical over all stories; the window tables
/// dedup_bands and dedup_keys, see `DedupWindow`); none scans stories. Evidence is tried
/// strongest first: the same canonical URL, then a SimHash
/// within `maxDistance`, then the same normalized title (checked against the bodies when both
/// are long enough, so two same-titled stories with different texts stay apart), then the
/// same opening words, confirmed by the second line when both bodies are long, else by a
/// shared title word (a truncated summary under an edited headline; datelines, notes and
/// stock openings repeat).
struct Clusterer {
    let policy: DedupPolicy

    static let canonicalSQL = "SELECT cluster_id FROM stories WHERE canonical_url = ? LIMIT 1"
    /// All four bands in one search of the window's band table.
    static let bandSQL = """
        SELECT cluster_id, fingerprint, story_id, seen FROM dedup_bands
        WHERE band IN (?, ?, ?, ?) AND seen BETWEEN ? AND ?
        """
    static let titleSQL = """
        SELECT cluster_id, fingerprint, long, other FROM dedup_keys
        WHERE kind = 0 AND key = ? AND seen BETWEEN ? AND ? LIMIT 16
        """

    /// The title comes from the story row: read only for the rare lead-key candidate.
    static let leadSQL = """
        SELECT d.cluster_id, s.title, d.other, d.long FROM dedup_keys d JOIN stories s ON s.id = d.story_id
        WHERE d.kind = 1 AND d.key = ? AND d.seen BETWEEN ? AND ? LIMIT 16
        """

    func findCluster(_ db: Database, canonicalURL: String?, keys: DedupKeys) throws -> (Int64, ClusterEvidence)? {
        if let canonicalURL, !canonicalURL.isEmpty,
           let id = try Int64.fetchOne(db.cachedStatement(sql: Self.canonicalSQL), arguments: [canonicalURL]) {
            return (id, .canonicalURL)
        }
        let lo = keys.seen - policy.window, hi = keys.seen + policy.window
        if let bands = keys.bands, let hit = try nearest(db, fingerprint: keys.fingerprint, bands: bands, lo: lo, hi: hi) {
            return (hit.0, .simHash(distance: hit.1))
        }
        if let titleKey = keys.titleKey {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.titleSQL), arguments: [titleKey, lo, hi])
            while let row = try rows.next() {
                // Two long bodies under one headline must also agree: same opening words, or
                // fingerprints within `confirmDistance` (recurring headlines carry other stories).
                let bothLong = keys.bands != nil && (row[2] as Bool)
                if !bothLong || (keys.leadKey != nil && keys.leadKey == row[3])
                    || SimHash.distance(UInt64(bitPattern: row[1]), keys.fingerprint) <= policy.confirmDistance {
                    return (row[0], .titleKey)
                }
            }
        }
        if let leadKey = keys.leadKey {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.leadSQL), arguments: [leadKey, lo, hi])
            while let row = try rows.next() {
                // Same opening words: long bodies must agree in their second line too (a long
                // editor's note can open many stories); a short summary must share a title word.
                let bothLong = keys.bands != nil && (row[3] as Bool)
                if bothLong ? (keys.lead2Key != nil && keys.lead2Key == row[2])
                    : !DedupKeys.contentWords(DedupKeys.titleTerms(row[1], minimumWords: policy.minimumTitleWords)).isDisjoint(with: keys.titleWords) {
                    return (row[0], .leadKey)
                }
            }
        }
        return nil
    }

    /// The nearest fingerprint within `maxDistance` among stories sharing a band (ties: the
    /// earliest seen, then the first stored). Pigeonhole: two 64-bit fingerprints within 3 bits
    /// agree on at least one of four 16-bit bands.
    func nearest(_ db: Database, fingerprint: UInt64, bands: [Int64], lo: Double, hi: Double) throws -> (Int64, Int)? {
        var best: (cluster: Int64, distance: Int, seen: Double, story: Int64)?
        let arguments: StatementArguments = [DedupWindow.bandKey(0, bands[0]), DedupWindow.bandKey(1, bands[1]),
                                             DedupWindow.bandKey(2, bands[2]), DedupWindow.bandKey(3, bands[3]), lo, hi]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.bandSQL), arguments: arguments)
        while let row = try rows.next() {
            let d = SimHash.distance(UInt64(bitPattern: row[1]), fingerprint)
            guard d <= policy.maxDistance else { continue }
            let seen: Double = row[3], story: Int64 = row[2]
            if let b = best, (b.distance, b.seen, b.story) <= (d, seen, story) { continue }
            best = (row[0], d, seen, story)
        }
        return best.map { ($0.cluster, $0.distance) }
    }
}
