/// A story in the near-duplicate window: what the clusterer compares, without the story row.
struct WindowEntry: Sendable, Equatable {
    var story: Int64
    var fetched: Double
    var seen: Double
    var cluster: Int64
    var fingerprint: UInt64
    private var title: Int64 = 0
    private var lead: Int64 = 0
    private var lead2: Int64 = 0
    /// Bit 0: long; bits 1–3: title, lead, lead2 key present. Keeps an entry at 72 bytes.
    private var flags: UInt8 = 0

    /// The body is long enough for its fingerprint to be compared (the story has bands).
    var long: Bool { flags & 1 != 0 }
    var titleKey: Int64? { flags & 2 != 0 ? title : nil }
    var leadKey: Int64? { flags & 4 != 0 ? lead : nil }
    var lead2Key: Int64? { flags & 8 != 0 ? lead2 : nil }

    init(story: Int64, fetched: Double, seen: Double, cluster: Int64, fingerprint: UInt64, long: Bool,
         titleKey: Int64?, leadKey: Int64?, lead2Key: Int64?) {
        self.story = story
        self.fetched = fetched
        self.seen = seen
        self.cluster = cluster
        self.fingerprint = fingerprint
        title = titleKey ?? 0
        lead = leadKey ?? 0
        lead2 = lead2Key ?? 0
        flags = (long ? 1 : 0) | (titleKey != nil ? 2 : 0) | (leadKey != nil ? 4 : 0) | (lead2Key != nil ? 8 : 0)
    }

    init(story: Int64, fetched: Double, cluster: Int64, keys k: DedupKeys) {
        self.init(story: story, fetched: fetched, seen: k.seen, cluster: cluster, fingerprint: k.fingerprint,
                  long: k.bands != nil, titleKey: k.titleKey, leadKey: k.leadKey, lead2Key: k.lead2Key)
    }

    /// No story (a hole in `DedupIndex`): story ids start at 1.
    static let none = WindowEntry(story: 0, fetched: 0, seen: 0, cluster: 0, fingerprint: 0, long: false,
                                  titleKey: nil, leadKey: nil, lead2Key: nil)

    /// 16-bit band `i` of the fingerprint (issue 4: four 16-bit bands).
    static func band(_ fingerprint: UInt64, _ i: Int) -> Int { Int((fingerprint >> (16 * UInt64(i))) & 0xFFFF) }

    /// Whether the entry is on `list` (a band 0–3, the title or the lead list) under `value`.
    func isListed(_ list: Int, _ value: Int64) -> Bool {
        switch list {
        case 0..<4: return long && WindowEntry.band(fingerprint, list) == Int(value)
        case DedupIndex.titleList: return titleKey == value
        default: return leadKey == value
        }
    }
}

/// The banded index of the window, in memory: six lookup lists (the four SimHash bands, the
/// title key, the lead key), each a table of chain heads indexed by the value looked up (a
/// band's 16 bits; a key's low bits). A lookup walks one chain per band, or one per key,
/// never the window.
///
/// Entries are addressed by story id (`entries[id - base]`): the window's stories are the
/// newest ones, so their ids are one dense range that grows at the end and expires from the
/// front. Chains link entries through `links` (six Int32 per entry, as `id - origin`), so
/// 200,000 stories take a few flat arrays and no per-story allocation or hashing
/// (Benchmarks/StoreBench/RESULTS.md: load time and memory at 1M stories).
struct DedupIndex: Sendable {
    static let lists = 6
    static let titleList = 4
    static let leadList = 5

    /// The story id of `entries[0]`.
    private var base: Int64 = 1
    /// `id - origin` is what chains store; constant while entries are compacted away.
    private var origin: Int64 = 1
    private var entries: [WindowEntry] = []
    /// `entries[..<start]` are gone (expired); compacted away in batches.
    private var start = 0
    private var links: [Int32] = []
    private var bandHeads = [Int32](repeating: -1, count: 4 * 65536)
    /// Title heads then lead heads, `keyBuckets` each.
    private var keyHeads: [Int32]
    private var keyBuckets: Int
    private(set) var count = 0

    init(capacity: Int = 0) {
        keyBuckets = 4096
        while keyBuckets < capacity { keyBuckets *= 2 }
        keyHeads = [Int32](repeating: -1, count: 2 * keyBuckets)
        entries.reserveCapacity(capacity)
        links.reserveCapacity(capacity * Self.lists)
    }

    var isEmpty: Bool { count == 0 }

    private func slot(_ story: Int64) -> Int? {
        let i = story - base
        guard i >= Int64(start), i < Int64(entries.count), entries[Int(i)].story == story else { return nil }
        return Int(i)
    }

    func entry(_ story: Int64) -> WindowEntry? { slot(story).map { entries[$0] } }
    func contains(_ story: Int64) -> Bool { slot(story) != nil }

    /// The entries held, by story id.
    var inOrder: [WindowEntry] { entries[start...].filter { $0.story != 0 } }

    private func headIndex(_ list: Int, _ value: Int64) -> Int {
        list < 4 ? list * 65536 + Int(value) : (list - Self.titleList) * keyBuckets + Int(UInt64(bitPattern: value) & UInt64(keyBuckets - 1))
    }

    private func head(_ list: Int, _ value: Int64) -> Int32 {
        list < 4 ? bandHeads[headIndex(list, value)] : keyHeads[headIndex(list, value)]
    }

    private mutating func setHead(_ list: Int, _ value: Int64, _ h: Int32) {
        if list < 4 { bandHeads[headIndex(list, value)] = h } else { keyHeads[headIndex(list, value)] = h }
    }

    /// Calls `body` with each (list, value) an entry is listed under.
    @inline(__always)
    private static func forEachListing(_ e: WindowEntry, _ body: (Int, Int64) -> Void) {
        if e.long { for i in 0..<4 { body(i, Int64(WindowEntry.band(e.fingerprint, i))) } }
        if let k = e.titleKey { body(titleList, k) }
        if let k = e.leadKey { body(leadList, k) }
    }

    /// Adds a story, replacing its previous entry if it had one.
    mutating func add(_ e: WindowEntry) {
        precondition(e.story > 0)
        if count == 0 {
            entries.removeAll(keepingCapacity: true)
            links.removeAll(keepingCapacity: true)
            base = e.story
            origin = e.story
            start = 0
        }
        if e.story < base || e.story - origin >= Int64(Int32.max) {
            // A story id below the window's first (SQLite reusing the ids of deleted rows):
            // rare, so the index is simply rebuilt around it.
            // Ascending ids from the lowest, so no add lands below the new base.
            var rebuilt = DedupIndex(capacity: count + 1)
            for old in (inOrder.filter { $0.story != e.story } + [e]).sorted(by: { $0.story < $1.story }) { rebuilt.add(old) }
            self = rebuilt
            return
        }
        remove(e.story)
        let i = Int(e.story - base)
        if i >= entries.count {
            let holes = i + 1 - entries.count
            entries.append(contentsOf: repeatElement(.none, count: holes))
            links.append(contentsOf: repeatElement(-1, count: holes * Self.lists))
        }
        if i < start { start = i }
        entries[i] = e
        let position = Int32(e.story - origin)
        Self.forEachListing(e) { list, value in
            links[i * Self.lists + list] = head(list, value)
            setHead(list, value, position)
        }
        count += 1
        if count > 2 * keyBuckets { rehashKeys(buckets: keyBuckets * 4) }
    }

    /// Takes a story out of every chain it is in.
    mutating func remove(_ story: Int64) {
        guard let i = slot(story) else { return }
        let e = entries[i]
        let position = Int32(story - origin)
        Self.forEachListing(e) { list, value in
            let next = links[i * Self.lists + list]
            var s = head(list, value)
            if s == position {
                setHead(list, value, next)
            } else {
                while s >= 0 {
                    let at = (Int(Int64(s) + origin - base)) * Self.lists + list
                    if links[at] == position { links[at] = next; break }
                    s = links[at]
                }
            }
            links[i * Self.lists + list] = -1
        }
        entries[i] = .none
        count -= 1
    }

    /// Removes the stories fetched before `cutoff`, oldest id first; stops at the first one
    /// still inside (ids follow fetch order). Returns how many left.
    @discardableResult
    mutating func expire(fetchedBefore cutoff: Double) -> Int {
        var removed = 0
        while start < entries.count {
            let e = entries[start]
            if e.story != 0 {
                if e.fetched >= cutoff { break }
                remove(e.story)
                removed += 1
            }
            start += 1
        }
        if start > 4096 && start * 2 > entries.count {
            entries.removeFirst(start)
            links.removeFirst(start * Self.lists)
            base += Int64(start)
            start = 0
        }
        return removed
    }

    /// Re-links the title and lead chains over more buckets, so chains stay short as the
    /// window grows.
    private mutating func rehashKeys(buckets: Int) {
        keyBuckets = buckets
        keyHeads = [Int32](repeating: -1, count: 2 * buckets)
        for i in start..<entries.count where entries[i].story != 0 {
            let e = entries[i]
            let position = Int32(e.story - origin)
            for list in [Self.titleList, Self.leadList] {
                guard let k = list == Self.titleList ? e.titleKey : e.leadKey else { continue }
                links[i * Self.lists + list] = head(list, k)
                setHead(list, k, position)
            }
        }
    }

    /// Calls `body` with each entry on `list` (band 0–3, `titleList`, `leadList`) under `value`.
    func forEach(_ list: Int, _ value: Int64, _ body: (WindowEntry) -> Void) {
        var s = head(list, value)
        while s >= 0 {
            let i = Int(Int64(s) + origin - base)
            let e = entries[i]
            // Key chains share buckets between keys; band chains hold one value each.
            if list < 4 || e.isListed(list, value) { body(e) }
            s = links[i * Self.lists + list]
        }
    }
}
