import Feeds
import Foundation
import GRDB

/// Finds the cluster a new story belongs to, inside the poll's write transaction. Every
/// lookup is an index search (stories_canonical, stories_band0…3, stories_title_key, stories_lead_key); none
/// scans stories. Evidence is tried strongest first: the same canonical URL, then a SimHash
/// within `maxDistance`, then the same normalized title (checked against the bodies when both
/// are long enough, so two same-titled stories with different texts stay apart), then the
/// same opening words, confirmed by the second line when both bodies are long, else by a
/// shared title word (a truncated summary under an edited headline; datelines, notes and
/// stock openings repeat).
struct Clusterer {
    let policy: DedupPolicy

    static let canonicalSQL = "SELECT cluster_id FROM stories WHERE canonical_url = ? LIMIT 1"
    static let bandSQL = (0..<4).map {
        "SELECT cluster_id, fingerprint FROM stories WHERE band\($0) = ? AND seen BETWEEN ? AND ?"
    }
    static let titleSQL = """
        SELECT cluster_id, fingerprint, band0 IS NOT NULL, lead_key FROM stories
        WHERE title_key = ? AND seen BETWEEN ? AND ? LIMIT 16
        """

    static let leadSQL = """
        SELECT cluster_id, title, lead2_key, band0 IS NOT NULL FROM stories
        WHERE lead_key = ? AND seen BETWEEN ? AND ? LIMIT 16
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

    /// The nearest fingerprint within `maxDistance` among stories sharing a band. Pigeonhole:
    /// two 64-bit fingerprints within 3 bits agree on at least one of four 16-bit bands.
    func nearest(_ db: Database, fingerprint: UInt64, bands: [Int64], lo: Double, hi: Double) throws -> (Int64, Int)? {
        var best: (Int64, Int)?
        for (i, band) in bands.enumerated() {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.bandSQL[i]), arguments: [band, lo, hi])
            while let row = try rows.next() {
                let d = SimHash.distance(UInt64(bitPattern: row[1]), fingerprint)
                if d <= policy.maxDistance, d < (best?.1 ?? Int.max) {
                    best = (row[0], d)
                }
            }
            if best?.1 == 0 { break }
        }
        return best
    }
}
