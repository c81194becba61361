import Foundation

/// The trie's edges for the mention finder's hot path: one open-addressing table keyed by
/// (parent node, term bytes), each slot holding what the finder needs next (the child node,
/// whether a name ends there, a mask of the child's own children), so a word costs one
/// probe instead of a term lookup, an edge lookup and a node lookup, each a cache miss in
/// the matcher's company (GeoBench RESULTS.md, fifth pass).
///
/// Slots are found by `TermTrie.edgeHash` of the word mixed with the parent node; a hit
/// is verified on the whole word: the length and the word's first and last eight bytes
/// (all of it up to 16 bytes), the middle of longer words against the term pool. The
/// edges from the root (15,000 first words of names) are indexed again in `roots`, 8 bytes
/// each (256 KB instead of the 3 MB of slots, so fewer cache and TLB misses once the rules
/// matcher has run), by `TermTrie.startHash`, which the first-word filter has computed for
/// every cased word already: the finder looks the words that pass the filter up there in
/// a pass of their own whose misses overlap (`rootSlotIndex`), keeps those that start a
/// name, then walks them one by one. The finder passes slot indices around and reads a
/// slot's fields where it needs them.
struct TrieEdges: Sendable {
    struct Slot: Sendable {
        /// -1 for an empty slot.
        var parent: Int32 = -1
        var child: Int32 = 0
        /// Term id, for the middle bytes of words over 16 bytes.
        var term: Int32 = 0
        /// The child's readings: `TermTrie.entries[entryStart..<entryStart + entryCount]`,
        /// kept here so a name found costs no node lookup.
        var entryStart: Int32 = 0
        var length: UInt16 = 0
        var entryCount: UInt16 = 0
        /// `allCommonWords` and `anyPersonName` of the readings.
        var readingFlags: UInt8 = 0
        var hash: UInt64 = 0
        var head: UInt64 = 0
        var tail: UInt64 = 0
        /// One bit (`maskBit`) per child of `child`: zero when no longer name goes on from
        /// here, and a word whose bit is clear is no next word of one.
        var childMask: UInt64 = 0

        /// A name ends at the child.
        var hasEntries: Bool { entryCount > 0 }
        var entries: Range<Int> { Int(entryStart)..<Int(entryStart) + Int(entryCount) }
        /// Every reading is an ordinary word (`NameFlags.commonWord`).
        var isCommonWord: Bool { readingFlags & Self.allCommonWords != 0 }
        /// Some reading is also a personal name (`NameFlags.personName`).
        var isPersonName: Bool { readingFlags & Self.anyPersonName != 0 }

        static let allCommonWords: UInt8 = 1
        static let anyPersonName: UInt8 = 2
    }

    private var slots: [Slot] = [Slot()]
    private var mask = 0
    /// Per root edge: the high 44 bits of its term's `startHash` and 1 + its slot index
    /// (20 bits); 0 is empty. Linear probing.
    private var roots: [UInt64] = [0]
    private var rootMask = 0

    init() {}

    /// Builds the table from the trie's edges (`nodes` is the node count); `term` gives a
    /// term id's bytes.
    init(edges: [(parent: Int32, term: Int32, child: Int32)], nodes: Int, entries: [NameEntry],
         entryRange: (Int32) -> Range<Int>, term: (Int32) -> UnsafeBufferPointer<UInt8>) {
        var size = 16
        while size * 5 < edges.count * 8 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
        var childMasks = [UInt64](repeating: 0, count: nodes)
        var rootSlots: [(hash: UInt64, slot: Int)] = []
        var hashes: [UInt64] = []
        hashes.reserveCapacity(edges.count)
        for e in edges {
            let h = TermTrie.edgeHash(term(e.term))
            hashes.append(h)
            childMasks[Int(e.parent)] |= Self.maskBit(term(e.term))
        }
        for (e, h) in zip(edges, hashes) {
            let bytes = term(e.term)
            let (head, tail) = Self.words(bytes)
            var i = slot(e.parent, h)
            while slots[i].parent >= 0 { i = (i + 1) & mask }
            let readings = entryRange(e.child)
            precondition(readings.count <= Int(UInt16.max), "TrieEdges: too many readings for one name")
            var flags: UInt8 = 0
            if !readings.isEmpty, entries[readings].allSatisfy({ $0.flags.contains(.commonWord) }) { flags |= Slot.allCommonWords }
            if entries[readings].contains(where: { $0.flags.contains(.personName) }) { flags |= Slot.anyPersonName }
            slots[i] = Slot(parent: e.parent, child: e.child, term: e.term, entryStart: Int32(readings.lowerBound),
                            length: UInt16(bytes.count), entryCount: UInt16(readings.count), readingFlags: flags,
                            hash: h, head: head, tail: tail, childMask: childMasks[Int(e.child)])
            if e.parent == TermTrie.root {
                rootSlots.append((TermTrie.startHash(head: TermTrie.head(bytes), length: bytes.count), i))
            }
        }
        precondition(size < Self.slotBits, "TrieEdges: more slots than a root entry can name")
        var rootSize = 16
        while rootSize < rootSlots.count * 2 { rootSize <<= 1 }
        roots = [UInt64](repeating: 0, count: rootSize)
        rootMask = rootSize - 1
        for (h, i) in rootSlots {
            var k = rootSlot(h)
            while roots[k] != 0 { k = (k + 1) & rootMask }
            roots[k] = h & ~(Self.slotBits - 1) | UInt64(i + 1)
        }
    }

    /// The bit of a non-empty word in its parent's `childMask`, from its first and last
    /// bytes and its length: cheap enough to test before the word is hashed for a probe,
    /// which most next words of a walk never need ("The" and a verb, "New" and a noun).
    @inline(__always)
    static func maskBit(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        let x = UInt64(bytes[0]) | UInt64(bytes[n - 1]) << 8 | UInt64(truncatingIfNeeded: n) << 16
        return 1 &<< ((x &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    @inline(__always)
    private func slot(_ parent: Int32, _ hash: UInt64) -> Int {
        let k = (hash ^ UInt64(UInt32(bitPattern: parent))) &* 0xFF51_AFD7_ED55_8CCD
        return Int(truncatingIfNeeded: k >> 24) & mask
    }

    /// The slot of the edge from `parent` by the non-empty word `bytes` (`hash` is its
    /// `edgeHash`), or -1; `pool` and `spans` are the trie's term bytes and their spans,
    /// for words over 16 bytes. Not inlined: the walk calls it only for a word whose bit
    /// is set in the child mask, and the test of the bit stays small enough to inline.
    @inline(never)
    func slotIndex(from parent: Int32, _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64,
                   pool: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<UInt64>) -> Int {
        slots.withUnsafeBufferPointer { s in
            var i = slot(parent, hash)
            while true {
                let c = s[i]
                if c.parent < 0 { return -1 }
                if c.hash == hash, Self.holds(c, parent, bytes, { Self.term($0, pool, spans) }) { return i }
                i = (i + 1) & mask
            }
        }
    }

    /// Term `id`'s bytes in the trie's `pool`, whose `spans` hold start << 32 | length.
    @inline(__always)
    static func term(_ id: Int32, _ pool: UnsafeBufferPointer<UInt8>, _ spans: UnsafeBufferPointer<UInt64>) -> UnsafeBufferPointer<UInt8> {
        let span = spans[Int(id)]
        return UnsafeBufferPointer(rebasing: pool[Int(span >> 32)..<Int(span >> 32) + Int(span & 0xFFFF_FFFF)])
    }

    /// The slot of the edge from the root by the non-empty word `bytes` (`hash` is its
    /// `startHash`), or -1, found through `roots`: each entry whose hash bits agree is
    /// verified on the word, and the probe ends at an empty entry. Every root edge has an
    /// entry, so the large table is never probed for a first word (through `slotIndex` a
    /// probe reads about four 64-byte slots).
    @inline(__always)
    func rootSlotIndex(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64,
                       pool: (Int32) -> UnsafeBufferPointer<UInt8>) -> Int {
        roots.withUnsafeBufferPointer { r in
            slots.withUnsafeBufferPointer { s in
                var k = rootSlot(hash)
                while true {
                    let e = r[k]
                    if e == 0 { return -1 }
                    if (e ^ hash) & ~(Self.slotBits - 1) == 0 {
                        let i = Int(truncatingIfNeeded: e & (Self.slotBits - 1)) - 1
                        if Self.holds(s[i], TermTrie.root, bytes, pool) { return i }
                    }
                    k = (k + 1) & rootMask
                }
            }
        }
    }

    private static let slotBits: UInt64 = 1 << 20

    /// A `startHash` is a product, so its low bits depend on the word's first bytes only:
    /// the index takes bits from the middle.
    @inline(__always)
    private func rootSlot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> 24) & rootMask
    }

    /// The slot `index` (from `slotIndex` or `rootSlotIndex`).
    @inline(__always)
    func slot(at index: Int) -> Slot {
        slots.withUnsafeBufferPointer { $0[index] }
    }

    @inline(__always)
    private static func holds(_ c: Slot, _ parent: Int32, _ bytes: UnsafeBufferPointer<UInt8>,
                              _ pool: (Int32) -> UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard c.parent == parent, Int(c.length) == n else { return false }
        let (head, tail) = words(bytes)
        return c.head == head && c.tail == tail
            && (n <= 16 || memcmp(pool(c.term).baseAddress! + 8, bytes.baseAddress! + 8, n - 16) == 0)
    }

    /// The bytes of a non-empty word as two words that, with its length, determine it up to
    /// 16 bytes: its first and last eight bytes, or for a shorter word two overlapping
    /// four-byte loads, or its (up to three) bytes.
    @inline(__always)
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let n = bytes.count
        let p = UnsafeRawPointer(bytes.baseAddress!)
        if n >= 8 {
            return (p.loadUnaligned(as: UInt64.self), (p + n - 8).loadUnaligned(as: UInt64.self))
        } else if n >= 4 {
            return (UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64((p + n - 4).loadUnaligned(as: UInt32.self)) << 32, 0)
        }
        return (UInt64(bytes[0]) | UInt64(bytes[n >> 1]) << 8 | UInt64(bytes[n - 1]) << 16, 0)
    }
}
