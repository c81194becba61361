/// A story in the near-duplicate window: what the clusterer compares, without the story row.
struct WindowEntry: Sendable, Equatable {
    var story: Int64
    var fetched: Double
    var seen: Double
    var cluster: Int64
    var fingerprint: UInt64
    /// The body is long enough for its fingerprint to be compared (the story has bands).
    var long: Bool
    var titleKey: Int64?
    var leadKey: Int64?
    var lead2Key: Int64?

    init(story: Int64, fetched: Double, seen: Double, cluster: Int64, fingerprint: UInt64, long: Bool,
         titleKey: Int64?, leadKey: Int64?, lead2Key: Int64?) {
        self.story = story
        self.fetched = fetched
        self.seen = seen
        self.cluster = cluster
        self.fingerprint = fingerprint
        self.long = long
        self.titleKey = titleKey
        self.leadKey = leadKey
        self.lead2Key = lead2Key
    }

    init(story: Int64, fetched: Double, cluster: Int64, keys k: DedupKeys) {
        self.init(story: story, fetched: fetched, seen: k.seen, cluster: cluster, fingerprint: k.fingerprint,
                  long: k.bands != nil, titleKey: k.titleKey, leadKey: k.leadKey, lead2Key: k.lead2Key)
    }

    /// 16-bit band `i` of the fingerprint (issue 4: four 16-bit bands).
    static func band(_ fingerprint: UInt64, _ i: Int) -> Int { Int((fingerprint >> (16 * UInt64(i))) & 0xFFFF) }
}

/// The banded index of the window, in memory: six lookup lists (the four SimHash bands, the
/// title key, the lead key), each a hash from the value looked up to a chain of entries. A
/// lookup walks one chain per band (stories sharing that 16-bit band value) or one per key,
/// never the stories.
///
/// Entries live in slots of one array; chains link slots through `links` (six per slot), so
/// 200,000 stories cost a few flat arrays instead of a heap object per story and band
/// (Benchmarks/StoreBench/RESULTS.md: rebuild time and memory at 1M stories).
struct DedupIndex: Sendable {
    static let lists = 6
    static let titleList = 4
    static let leadList = 5

    private(set) var entries: [WindowEntry] = []
    /// `links[slot * 6 + list]`: the next slot in that list's chain, -1 at the end.
    private var links: [Int32] = []
    /// Band heads: `bandHeads[band * 65536 + value]`.
    private var bandHeads = [Int32](repeating: -1, count: 4 * 65536)
    private var titleHeads: [Int64: Int32] = [:]
    private var leadHeads: [Int64: Int32] = [:]
    private var slots: [Int64: Int32] = [:]
    private var free: [Int32] = []
    /// Story ids in the order they entered, for expiry; `orderStart` is the first still pending.
    private var order: [Int64] = []
    private var orderStart = 0

    var count: Int { slots.count }
    var isEmpty: Bool { slots.isEmpty }

    func entry(_ story: Int64) -> WindowEntry? { slots[story].map { entries[Int($0)] } }

    /// The entries held, in the order their stories entered.
    var inOrder: [WindowEntry] {
        var seen = Set<Int64>()
        return order[orderStart...].compactMap { story in seen.insert(story).inserted ? entry(story) : nil }
    }
    func contains(_ story: Int64) -> Bool { slots[story] != nil }

    /// Adds a story, replacing its previous entry if it had one.
    mutating func add(_ e: WindowEntry) {
        if slots[e.story] != nil { remove(e.story) } else { order.append(e.story) }
        let slot: Int32
        if let reused = free.popLast() {
            slot = reused
            entries[Int(slot)] = e
        } else {
            slot = Int32(entries.count)
            entries.append(e)
            links.append(contentsOf: repeatElement(-1, count: Self.lists))
        }
        slots[e.story] = slot
        let base = Int(slot) * Self.lists
        if e.long {
            for i in 0..<4 {
                let h = i * 65536 + WindowEntry.band(e.fingerprint, i)
                links[base + i] = bandHeads[h]
                bandHeads[h] = slot
            }
        }
        if let k = e.titleKey {
            links[base + Self.titleList] = titleHeads[k] ?? -1
            titleHeads[k] = slot
        }
        if let k = e.leadKey {
            links[base + Self.leadList] = leadHeads[k] ?? -1
            leadHeads[k] = slot
        }
    }

    /// Takes a story out of every chain it is in; its slot is reused.
    mutating func remove(_ story: Int64) {
        guard let slot = slots.removeValue(forKey: story) else { return }
        let e = entries[Int(slot)]
        if e.long {
            for i in 0..<4 {
                let h = i * 65536 + WindowEntry.band(e.fingerprint, i)
                bandHeads[h] = unlink(slot, list: i, head: bandHeads[h])
            }
        }
        if let k = e.titleKey {
            let head = unlink(slot, list: Self.titleList, head: titleHeads[k] ?? -1)
            titleHeads[k] = head < 0 ? nil : head
        }
        if let k = e.leadKey {
            let head = unlink(slot, list: Self.leadList, head: leadHeads[k] ?? -1)
            leadHeads[k] = head < 0 ? nil : head
        }
        free.append(slot)
    }

    /// The chain starting at `head` without `slot`; returns its new head.
    private mutating func unlink(_ slot: Int32, list: Int, head: Int32) -> Int32 {
        let next = links[Int(slot) * Self.lists + list]
        if head == slot { return next }
        var s = head
        while s >= 0 {
            let i = Int(s) * Self.lists + list
            if links[i] == slot {
                links[i] = next
                break
            }
            s = links[i]
        }
        return head
    }

    /// Removes the stories fetched before `cutoff`, oldest first; stops at the first one still
    /// inside. Returns how many left.
    @discardableResult
    mutating func expire(fetchedBefore cutoff: Double) -> Int {
        var removed = 0
        while orderStart < order.count {
            let story = order[orderStart]
            if let slot = slots[story] {
                if entries[Int(slot)].fetched >= cutoff { break }
                remove(story)
                removed += 1
            }
            orderStart += 1
        }
        if orderStart > 4096 && orderStart * 2 > order.count {
            order.removeFirst(orderStart)
            orderStart = 0
        }
        return removed
    }

    /// Calls `body` with each entry sharing band `i` value `value`.
    func forEachInBand(_ i: Int, _ value: Int, _ body: (WindowEntry) -> Void) {
        walk(bandHeads[i * 65536 + value], list: i, body)
    }

    /// Calls `body` with each entry whose title key (`list` = `titleList`) or lead key
    /// (`leadList`) is `key`.
    func forEachWithKey(_ list: Int, _ key: Int64, _ body: (WindowEntry) -> Void) {
        let head = (list == Self.titleList ? titleHeads[key] : leadHeads[key]) ?? -1
        walk(head, list: list, body)
    }

    private func walk(_ head: Int32, list: Int, _ body: (WindowEntry) -> Void) {
        var s = head
        while s >= 0 {
            body(entries[Int(s)])
            s = links[Int(s) * Self.lists + list]
        }
    }
}
