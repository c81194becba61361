import Foundation

/// A trie over normalized terms, so multiword names ("New York", "Bosnia and Herzegovina")
/// are found in one left-to-right pass over the token stream. Terms are interned to
/// integers; edges are keyed by (node, term). After loading they move from Swift
/// dictionaries (SipHash, chosen to resist flooding by untrusted keys; these keys are our
/// own data) into flat open-addressing tables with a multiplicative hash, which name
/// lookups (`node(forKey:)`) use; the mention finder, which runs on every cased word of
/// every story, reads the edges from `TrieEdges` instead (one probe per word).
struct TermTrie: Sendable {
    static let root: Int32 = 0
    /// Term of each term id.
    private(set) var terms: [String] = []
    private var building: [String: Int32] = [:]
    private var buildingEdges: [UInt64: Int32] = [:]
    private var termTable = FlatTable()
    /// One bit per hash bucket of every term: most capitalized words of a story are not
    /// place words, and this 32 KB filter (which stays in cache) turns them away before
    /// the larger tables are touched.
    private var filter = [UInt64](repeating: 0, count: TermTrie.filterWords)
    private static let filterWords = 4_096
    private var edgeTable = FlatTable()
    /// One bit per `startHash` bucket of every term that starts a name (an edge from the
    /// root): checked for each capitalized word of a story before anything else. 16 KB,
    /// a quarter of L1 on this machine, and keyed by a hash of the word's first eight bytes
    /// (one load) and length; about nine in ten capitalized words that start no name stop here
    /// ("The", "He", "Monday", people's names).
    private var firstWords = [UInt64](repeating: 0, count: TermTrie.firstWordsCount)
    private static let firstWordsCount = 2_048

    /// The first-word filter's word and two bits for a `startHash`: two bits in one word
    /// (a blocked Bloom filter) let through about 4 % of the words that start no name
    /// instead of 11 % for one bit, for the same one load.
    @inline(__always)
    static func firstWordsProbe(_ h: UInt64) -> (word: Int, mask: UInt64) {
        (Int(truncatingIfNeeded: h >> 53), 1 << ((h >> 47) & 63) | 1 << ((h >> 41) & 63))
    }
    /// Every term's UTF-8, back to back, and per id its start << 32 | length: lookups
    /// compare bytes, without a String.
    private var termBytes: [UInt8] = []
    private var termSpans: [UInt64] = []
    /// Range into `entries` per node (start, count); count 0 when no name ends there.
    private var nodeEntries: [(start: Int32, count: Int32)] = [(0, 0)]
    private var pending: [[NameEntry]] = [[]]
    private(set) var entries: [NameEntry] = []
    /// The edges again, for the mention finder (`TrieEdges`).
    private var edges = TrieEdges()

    func termID(_ term: String) -> Int32? {
        var term = term
        return term.withUTF8 { termID($0) }
    }

    /// The id of the folded term `bytes` (a token of `ScannedText`), if some name uses it.
    /// Hashes the bytes in place; most words stop at the bit filter.
    @inline(__always)
    func termID(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !bytes.isEmpty else { return nil }
        let h = Self.hash(bytes)
        let bit = Int(truncatingIfNeeded: h >> 40) & (Self.filterWords * 64 - 1)
        guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        var found: Int32?
        termTable.probe(h) { id in
            let span = termSpans[Int(id)]
            let start = Int(span >> 32), length = Int(span & 0xFFFF_FFFF)
            guard length == bytes.count else { return false }
            let same = termBytes.withUnsafeBufferPointer { pool in
                memcmp(pool.baseAddress! + start, bytes.baseAddress!, length) == 0
            }
            if same { found = id }
            return same
        }
        return found
    }

    /// Calls `body` with the first-word filter, for a loop over a text's cased words
    /// (`ScannedText.forEachCasedHead`) with no array access per word.
    @inline(__always)
    func withStartFilter<R>(_ body: (StartFilter) throws -> R) rethrows -> R {
        try firstWords.withUnsafeBufferPointer { words in
            try body(StartFilter(words: words.baseAddress!))
        }
    }

    /// The first-word filter, readable while `withStartFilter` runs.
    struct StartFilter {
        let words: UnsafePointer<UInt64>

        /// 1 when a name may start with the folded term of this `startHash`, else 0.
        /// One load and no second test: in a loop without branches a test of the first
        /// byte (which turned numbers away) was paid for by every word, and the filter
        /// lets through about 4 % of the numbers it would have stopped.
        /// The two bits of `firstWordsProbe` are read by shifting the word, not compared
        /// with a mask: from a comparison the compiler makes a branch for the finder's
        /// count of passing words, which mispredicts on one cased word in seven.
        @inline(__always)
        func bit(_ h: UInt64) -> Int {
            let w = words[Int(truncatingIfNeeded: h >> 53)]
            return Int(truncatingIfNeeded: (w &>> (h >> 47)) & (w &>> (h >> 41)) & 1)
        }
    }

    /// The first-word filter's hash: a term's first eight bytes (as
    /// `ScannedText.forEachCasedHead` gives them) plus its length, times one constant, so a
    /// word costs one load and one multiplication; the filter and `TrieEdges`' index of
    /// first words read the product's upper bits, which all the input bits reach. Words
    /// whose sums agree share a bucket, which a filter may do (up to eight bytes the zero
    /// bytes already tell the length; a second multiplication for it cost a register in
    /// the finder's loop over every cased word). The finder keeps the hash for the words
    /// that pass, to look them up in the index.
    @inline(__always)
    static func startHash(head: UInt64, length: Int) -> UInt64 {
        (head &+ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// A term's first eight bytes as `ScannedText.forEachCasedHead` gives them.
    static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var x: UInt64 = 0
        for k in 0..<min(bytes.count, 8) { x |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        return x
    }

    /// False when no name starts with the folded term `bytes` (never false when one does):
    /// the first-word filter's answer for one word (the finder asks `StartFilter.bit` for
    /// all of a text's cased words in one branch-free loop).
    func mayStartName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        return withStartFilter { $0.bit(Self.startHash(head: Self.head(bytes), length: bytes.count)) } != 0
    }

    /// The slot (`TrieEdges`) of the edge from the root by a non-empty word, or -1 when no
    /// name starts with it: the word's node, whether a name ends there and whether a
    /// longer one may go on.
    func firstSlot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        firstSlot(bytes, startHash: Self.startHash(head: Self.head(bytes), length: bytes.count))
    }

    /// The same for a word whose `startHash` the first-word filter computed.
    @inline(__always)
    func firstSlot(_ bytes: UnsafeBufferPointer<UInt8>, startHash: UInt64) -> Int {
        termBytes.withUnsafeBufferPointer { pool in
            edges.rootSlotIndex(bytes, hash: startHash) { span(pool, $0) }
        }
    }

    /// The slot of the edge from slot `index`'s node by the next word of the text, or -1
    /// when no name goes on so. Only a word whose bit is set in the child mask (most next
    /// words of a walk have theirs clear) is hashed and probed.
    @inline(__always)
    func nextSlot(after index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard !bytes.isEmpty else { return -1 }
        let slot = edges.slot(at: index)
        guard slot.childMask & TrieEdges.maskBit(bytes) != 0 else { return -1 }
        return termBytes.withUnsafeBufferPointer { pool in
            termSpans.withUnsafeBufferPointer { spans in
                edges.slotIndex(from: slot.child, bytes, hash: Self.edgeHash(bytes), pool: pool, spans: spans)
            }
        }
    }

    /// The edge in slot `index` (from `firstSlot` or `nextSlot`).
    @inline(__always)
    func edge(at index: Int) -> TrieEdges.Slot {
        edges.slot(at: index)
    }

    @inline(__always)
    private func span(_ pool: UnsafeBufferPointer<UInt8>, _ id: Int32) -> UnsafeBufferPointer<UInt8> {
        termSpans.withUnsafeBufferPointer { TrieEdges.term(id, pool, $0) }
    }

    func child(_ node: Int32, _ term: Int32) -> Int32? {
        edgeTable.value(for: Self.edgeKey(node, term))
    }

    func entries(at node: Int32) -> ArraySlice<NameEntry> {
        entries[entryRange(at: node)]
    }

    func entryRange(at node: Int32) -> Range<Int> {
        let r = nodeEntries[Int(node)]
        return Int(r.start)..<Int(r.start + r.count)
    }

    func hasEntries(_ node: Int32) -> Bool { nodeEntries[Int(node)].count > 0 }

    /// The node reached by a whole key of space-separated terms, if any.
    func node(forKey key: String) -> Int32? {
        var node = Self.root
        for term in key.split(separator: " ") {
            guard let id = termID(String(term)), let next = child(node, id) else { return nil }
            node = next
        }
        return node
    }

    /// Adds a name given as the UTF-8 bytes of its space-separated terms.
    mutating func insert(key: UnsafeBufferPointer<UInt8>, entry: NameEntry) {
        var node = Self.root
        for term in key.split(separator: UInt8(ascii: " ")) {
            let s = String(decoding: UnsafeBufferPointer(rebasing: term), as: UTF8.self)
            let id: Int32
            if let known = building[s] {
                id = known
            } else {
                id = Int32(terms.count)
                building[s] = id
                terms.append(s)
            }
            let edge = Self.edgeKey(node, id)
            if let next = buildingEdges[edge] {
                node = next
            } else {
                let next = Int32(pending.count)
                pending.append([])
                buildingEdges[edge] = next
                node = next
            }
        }
        pending[Int(node)].append(entry)
    }

    /// Freezes the trie after loading: flattens entry lists and builds the lookup tables.
    mutating func seal() {
        nodeEntries = []
        nodeEntries.reserveCapacity(pending.count)
        entries.reserveCapacity(pending.reduce(0) { $0 + $1.count })
        for list in pending {
            nodeEntries.append((Int32(entries.count), Int32(list.count)))
            entries.append(contentsOf: list)
        }
        pending = []
        termTable = FlatTable(capacityFor: terms.count)
        termSpans.reserveCapacity(terms.count)
        for (id, term) in terms.enumerated() {
            termSpans.append(UInt64(termBytes.count) << 32 | UInt64(term.utf8.count))
            termBytes.append(contentsOf: term.utf8)
            let h = Self.hash(term)
            termTable.insert(h, Int32(id))
            let bit = Int(truncatingIfNeeded: h >> 40) & (Self.filterWords * 64 - 1)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        edgeTable = FlatTable(capacityFor: buildingEdges.count)
        for (key, child) in buildingEdges {
            edgeTable.insert(key, child)
            guard key >> 32 == UInt64(UInt32(bitPattern: Self.root)) else { continue }
            var term = terms[Int(key & 0xFFFF_FFFF)]
            let (word, mask) = term.withUTF8 { Self.firstWordsProbe(Self.startHash(head: Self.head($0), length: $0.count)) }
            firstWords[word] |= mask
        }
        let spans = termSpans, counts = nodeEntries
        edges = termBytes.withUnsafeBufferPointer { pool in
            TrieEdges(
                edges: buildingEdges.map { (Int32(truncatingIfNeeded: $0.key >> 32), Int32(truncatingIfNeeded: $0.key), $0.value) },
                nodes: counts.count, entries: entries,
                entryRange: { Int(counts[Int($0)].start)..<Int(counts[Int($0)].start + counts[Int($0)].count) },
                term: { id in
                    let span = spans[Int(id)]
                    return UnsafeBufferPointer(rebasing: pool[Int(span >> 32)..<Int(span >> 32) + Int(span & 0xFFFF_FFFF)])
                })
        }
        building = [:]
        buildingEdges = [:]
    }

    /// FNV-1a over the term's UTF-8 bytes.
    static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { hash($0) }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// The edge table's hash of a non-empty term (`TrieEdges`): its first two, middle and
    /// last two bytes and its length, loaded at clamped offsets so nothing depends on the
    /// length but the addresses (a branch on the length mispredicts on every other word of
    /// a text).
    @inline(__always)
    static func edgeHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count, p = bytes.baseAddress!
        let second = n > 1 ? 1 : 0, penult = n > 1 ? n - 2 : 0
        var x = UInt64(p[0]) | UInt64(p[second]) << 8 | UInt64(p[n >> 1]) << 16
        x |= UInt64(p[penult]) << 24 | UInt64(p[n - 1]) << 32 | UInt64(truncatingIfNeeded: n) << 40
        x ^= x >> 29
        return x &* 0x9E37_79B9_7F4A_7C15
    }

    private static func edgeKey(_ node: Int32, _ term: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: term))
    }
}

/// An open-addressing table from 64-bit keys to Int32 values, linear probing, at most half
/// full. Keys may repeat (term hashes can collide); `probe` visits every match.
struct FlatTable: Sendable {
    private var keys: [UInt64] = [0]
    private var values: [Int32] = [-1]
    private var mask = 0

    init() {}

    init(capacityFor count: Int) {
        var size = 16
        while size < count * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    mutating func insert(_ key: UInt64, _ value: Int32) {
        var i = slot(key)
        while values[i] >= 0 { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
    }

    func value(for key: UInt64) -> Int32? {
        var i = slot(key)
        while values[i] >= 0 {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Calls `match` with each value stored under `key` until it returns true.
    func probe(_ key: UInt64, _ match: (Int32) -> Bool) {
        var i = slot(key)
        while values[i] >= 0 {
            if keys[i] == key, match(values[i]) { return }
            i = (i + 1) & mask
        }
    }
}
