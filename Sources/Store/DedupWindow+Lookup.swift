import Feeds
/// The window's searches. The writer's (`pending: true`) see the committed index minus what
/// the open transaction replaced or removed, plus what it staged; readers see what is committed.
/// Each walks the chains of the values looked up (one per band, or one key), never the window.
extension DedupWindow {
    /// Calls `body` with each entry on `list` (a band 0–3, or a key list) under `value`: the
    /// committed chain, then (for the writer) the open transaction's own few stories.
    private static func each(_ s: State, pending: Bool, list: Int, value: Int64, _ body: (WindowEntry) -> Void) {
        guard pending, let p = s.pending else { return s.index.forEach(list, value, body) }
        if p.removed.isEmpty {
            s.index.forEach(list, value, body)
        } else {
            s.index.forEach(list, value) { if !p.removed.contains($0.story) { body($0) } }
        }
        for e in p.added where e.isListed(list, value) { body(e) }
    }

    /// The entries within `maxDistance` of `fingerprint`, seen in `lo...hi` and fetched at or
    /// after `cutoff`, each once. Pigeonhole: two 64-bit fingerprints within 3 bits agree on at
    /// least one of the four 16-bit bands, so the four chains hold every such entry.
    func near(_ fingerprint: UInt64, maxDistance: Int, lo: Double, hi: Double, cutoff: Double = -.infinity,
              pending: Bool) -> [(entry: WindowEntry, distance: Int)] {
        state.withLock { s in
            var found: [(entry: WindowEntry, distance: Int)] = []
            for i in 0..<4 {
                Self.each(s, pending: pending, list: i, value: Int64(WindowEntry.band(fingerprint, i))) { e in
                    guard e.long, e.seen >= lo, e.seen <= hi, e.fetched >= cutoff else { return }
                    let d = SimHash.distance(e.fingerprint, fingerprint)
                    if d <= maxDistance, !found.contains(where: { $0.entry.story == e.story }) { found.append((e, d)) }
                }
            }
            return found
        }
    }

    /// The first `limit` entries by story id with title key (`list` = `DedupIndex.titleList`)
    /// or lead key (`leadList`) `key`, seen in `lo...hi` and fetched at or after `cutoff`.
    func withKey(_ list: Int, _ key: Int64, lo: Double, hi: Double, cutoff: Double, limit: Int = 16) -> [WindowEntry] {
        state.withLock { s in
            var found: [WindowEntry] = []
            Self.each(s, pending: true, list: list, value: key) { e in
                if e.seen >= lo, e.seen <= hi, e.fetched >= cutoff { found.append(e) }
            }
            found.sort { $0.story < $1.story }
            return Array(found.prefix(limit))
        }
    }

    /// How many stories the committed window holds.
    var count: Int { state.withLock { $0.index.count } }
}
