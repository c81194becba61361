/// Per-story working memory of the matcher, reused across stories so matching allocates
/// nothing per story: "seen in this story" is an epoch stamp, not a cleared array.
/// One per thread; not shared.
public struct MatchScratch {
    var epoch: UInt32 = 0
    /// The matcher (`RuleMatcher.identity`) the per-term arrays were built for.
    var matcher: UInt64 = 0
    /// Per term, one word, so the first sight of a term in a story touches one cache line
    /// (at 100,000 rules every distinct query word of a story is a cache miss per array):
    /// bits 40-63 epoch, 32-38 fields, 39 phrase term (kept across stories), 0-31 the head
    /// of the term's occurrence list in `occ` (phrase terms; all ones = none).
    var termState = PagedArray<UInt64>(repeating: 0, count: 0)
    static let epochLimit: UInt32 = 0xFF_FFFF
    static let phraseBit: UInt64 = 1 << 39
    var prefixState = PagedArray<UInt64>(repeating: 0, count: 0)
    /// Postings the story's terms named (rule id and guard atoms), duplicates included.
    var postings: [SIMD4<UInt32>] = []
    /// Rules whose guard held, sorted and deduped by `evaluate` (cheaper than a random
    /// probe of a per-rule stamp per posting).
    var candidates: [Int32] = []
    /// Occurrences of phrase terms: per term a linked list through `occ`, headed in
    /// `termState`.
    var occ: [(position: Int32, field: UInt8, next: Int32)] = []
    /// Per field (title, body, source), the phrase term at each position (-1 = another
    /// word), so checking a phrase's next word is an array read, not a set probe.
    var positions: [[Int32]] = [[], [], []]
    var found: [UInt8] = []
    /// Per story, the short words already looked up and their term id (most story tokens
    /// are repeats of function words and names): a repeat is answered from this L1-sized
    /// table instead of the term filter and table, which leave the caches at 100,000
    /// rules. Four words per entry: epoch << 40 | prefix fields applied << 37 | length << 32
    /// | term id or `noTerm`, its bytes 0-15 (zero padded), and an unused word that keeps
    /// entries on 32-byte boundaries (two per cache line). Slots are chosen by
    /// `cacheIndex` of the packed bytes, so a repeated word is found without hashing it
    /// byte by byte. A word that begins prefix terms is cached too: its prefix marks
    /// are redone only when it turns up in a field it has not been marked in.
    var words = [UInt64](repeating: 0, count: MatchScratch.wordSlots * 4)
    static let wordSlotBits = 9
    static let wordSlots = 1 << wordSlotBits
    static let cachedLength = 16
    /// The word cache's value for a word that is no term.
    static let noTerm: Int32 = -1
    static let allFields: UInt8 = 7
    /// New short words of the current field waiting for their lookup
    /// (`RuleMatcher.defersLookups`), oldest first: a ring of `pendingSlots` entries of
    /// `pendingStride` words — hash, bytes 0-7, bytes 8-15, length << 32 | position, and
    /// the term id + 2 once peeked (1: no term, 0: not peeked yet). The filter word and slot
    /// of a word are prefetched when it is queued; halfway through the ring its term is
    /// looked up (the lines have arrived) and its per-story state and postings offsets are
    /// prefetched; two words before the end its first postings are; at the end it is marked.
    var pending = [UInt64](repeating: 0, count: MatchScratch.pendingSlots * MatchScratch.pendingStride)
    var pendingStart = 0
    var pendingCount = 0
    static let pendingSlots = 8
    static let pendingStride = 8
    var sink: UInt64 = 0

    public init() {}

    /// Rules the presearcher proposed for the last story and evaluated, matched or not.
    public var candidateCount: Int { candidates.count }
    /// Postings the story's terms read before the guards dropped most of them.
    public var postingCount: Int { postings.count }

    mutating func begin(_ m: RuleMatcher) {
        if matcher != m.identity || epoch == Self.epochLimit {
            matcher = m.identity
            termState = PagedArray(m.phraseTerm.map { $0 ? Self.phraseBit : 0 })
            prefixState = PagedArray(repeating: 0, count: m.prefixes.count)
            epoch = 0
            for i in words.indices { words[i] = 0 }
        }
        epoch += 1
        postings.removeAll(keepingCapacity: true)
        candidates.removeAll(keepingCapacity: true)
        occ.removeAll(keepingCapacity: true)
        pendingCount = 0
        for f in 0..<3 { positions[f].removeAll(keepingCapacity: true) }
    }

    @inline(__always) private static func slot(_ field: UInt8) -> Int {
        field == MatchFields.title.rawValue ? 0 : field == MatchFields.body.rawValue ? 1 : 2
    }

    /// Records phrase term `id` at `position` of `field` (positions arrive in increasing
    /// order within a field).
    @inline(__always) mutating func place(_ id: Int32, field: UInt8, position: Int32) {
        let f = Self.slot(field), p = Int(position)
        if positions[f].count <= p {
            positions[f].append(contentsOf: repeatElement(-1, count: p + 1 - positions[f].count))
        }
        positions[f][p] = id
    }

    /// The phrase term at `position` of `field`, or -1.
    @inline(__always) func term(at position: Int32, field: UInt8) -> Int32 {
        let f = Self.slot(field), p = Int(position)
        return p < positions[f].count ? positions[f][p] : -1
    }

    /// Where the word cache starts looking for a word: a multiplicative hash of its packed
    /// bytes and length, its top `wordSlotBits` bits (two multiplications, whatever the
    /// word's length).
    @inline(__always) static func cacheIndex(length: Int, key0: UInt64, key1: UInt64) -> Int {
        let h = (key0 &* 0x9E37_79B9_7F4A_7C15) ^ ((key1 ^ UInt64(truncatingIfNeeded: length)) &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> (64 - UInt64(wordSlotBits)))
    }

    /// The word cache's slot for a word of `length` bytes (at most `cachedLength`) with
    /// these packed bytes in this story, or -1 when it is not cached.
    @inline(__always) func cachedSlot(length: Int, key0: UInt64, key1: UInt64) -> Int {
        let head = UInt64(epoch) << 40 | UInt64(length) << 32
        return words.withUnsafeBufferPointer { w in
            var i = Self.cacheIndex(length: length, key0: key0, key1: key1)
            for _ in 0..<8 {
                let b = i &* 4
                let w0 = w[b]
                if w0 >> 40 != UInt64(epoch) { return -1 }
                if w0 & ~Self.valueBits == head, w[b + 1] == key0, w[b + 2] == key1 { return i }
                i = (i + 1) & (Self.wordSlots - 1)
            }
            return -1
        }
    }

    /// The value cached in `slot` (a term id or a code below 0) and the fields whose prefix
    /// marks the word has had (all of them for a word that begins no prefix term).
    @inline(__always) func cached(_ slot: Int) -> (value: Int32, applied: UInt8) {
        let w0 = words[slot &* 4]
        return (Int32(bitPattern: UInt32(truncatingIfNeeded: w0)), UInt8(truncatingIfNeeded: w0 >> 37) & 7)
    }

    /// Caches a word's lookup (after `cachedSlot` returned -1): its term id or `noTerm`,
    /// and the fields its prefix marks were made in (`allFields` when it begins no prefix
    /// term). A full neighbourhood leaves it uncached.
    @inline(__always) mutating func cacheWord(length: Int, key0: UInt64, key1: UInt64, value: Int32, applied: UInt8) {
        let e = UInt64(epoch)
        words.withUnsafeMutableBufferPointer { w in
            var i = Self.cacheIndex(length: length, key0: key0, key1: key1)
            for _ in 0..<8 {
                let b = i &* 4
                if w[b] >> 40 != e {
                    w[b] = e << 40 | UInt64(applied & 7) << 37 | UInt64(length) << 32 | UInt64(UInt32(bitPattern: value))
                    w[b + 1] = key0
                    w[b + 2] = key1
                    return
                }
                i = (i + 1) & (Self.wordSlots - 1)
            }
        }
    }

    /// Replaces the value and applied prefix fields cached in `slot`.
    @inline(__always) mutating func recache(slot: Int, value: Int32, applied: UInt8) {
        let b = slot &* 4
        words[b] = words[b] & ~Self.valueBits | UInt64(applied & 7) << 37 | UInt64(UInt32(bitPattern: value))
    }

    /// Queues a new word for its lookup (the ring must not be full).
    @inline(__always) mutating func enqueue(hash: UInt64, key0: UInt64, key1: UInt64, length: Int, position: Int32) {
        let b = ((pendingStart + pendingCount) & (Self.pendingSlots - 1)) &* Self.pendingStride
        pendingCount += 1
        pending.withUnsafeMutableBufferPointer { p in
            p[b] = hash
            p[b + 1] = key0
            p[b + 2] = key1
            p[b + 3] = UInt64(length) << 32 | UInt64(UInt32(bitPattern: position))
            p[b + 4] = 0
        }
    }

    /// The queued word `back` entries behind the newest: hash, packed bytes and length, or
    /// nil when there is none or it was peeked already.
    @inline(__always) func unpeeked(back: Int) -> (entry: Int, hash: UInt64, key0: UInt64, key1: UInt64, length: Int)? {
        guard pendingCount > back else { return nil }
        let b = ((pendingStart + pendingCount - 1 - back) & (Self.pendingSlots - 1)) &* Self.pendingStride
        return pending.withUnsafeBufferPointer { p in
            p[b + 4] != 0 ? nil : (b, p[b], p[b + 1], p[b + 2], Int(p[b + 3] >> 32))
        }
    }

    /// The term id found for the queued word `back` entries behind the newest, if it was
    /// peeked and is a term.
    @inline(__always) func peekedTerm(back: Int) -> Int32? {
        guard pendingCount > back else { return nil }
        let b = ((pendingStart + pendingCount - 1 - back) & (Self.pendingSlots - 1)) &* Self.pendingStride
        let v = pending.withUnsafeBufferPointer { $0[b + 4] }
        return v >= 2 ? Int32(truncatingIfNeeded: v - 2) : nil
    }

    /// Records the term id (or `noTerm`) found for the queued word at `entry`.
    @inline(__always) mutating func setPeeked(entry: Int, id: Int32) {
        pending[entry + 4] = UInt64(bitPattern: Int64(id) + 2)
    }

    /// Takes the oldest queued word (the ring must not be empty); `peeked` is its term id
    /// or `noTerm` if it was looked up in the queue, nil otherwise.
    @inline(__always) mutating func dequeue() -> (hash: UInt64, key0: UInt64, key1: UInt64, length: Int, position: Int32, peeked: Int32?) {
        let b = pendingStart &* Self.pendingStride
        pendingStart = (pendingStart + 1) & (Self.pendingSlots - 1)
        pendingCount -= 1
        return pending.withUnsafeBufferPointer { p in
            (p[b], p[b + 1], p[b + 2], Int(p[b + 3] >> 32), Int32(bitPattern: UInt32(truncatingIfNeeded: p[b + 3])),
             p[b + 4] == 0 ? nil : Int32(truncatingIfNeeded: Int64(bitPattern: p[b + 4]) - 2))
        }
    }

    /// Bits of a word cache entry's first word that are not its key: the applied prefix
    /// fields (37-39) and the value (0-31).
    static let valueBits: UInt64 = 7 << 37 | 0xFFFF_FFFF

    /// The fields where term `i` was seen in this story (0 = not seen).
    @inline(__always) func termFields(_ i: Int) -> UInt8 {
        let w = termState[i]
        return UInt32(truncatingIfNeeded: w >> 40) == epoch ? UInt8(truncatingIfNeeded: w >> 32) & 0x7F : 0
    }

    /// The last occurrence of phrase term `i` in this story (an index into `occ`), or -1.
    @inline(__always) func occHead(_ i: Int) -> Int32 {
        let w = termState[i]
        return UInt32(truncatingIfNeeded: w >> 40) == epoch ? Int32(bitPattern: UInt32(truncatingIfNeeded: w)) : -1
    }

    @inline(__always) func prefixFields(_ i: Int) -> UInt8 {
        let w = prefixState[i]
        return UInt32(truncatingIfNeeded: w >> 32) == epoch ? UInt8(truncatingIfNeeded: w) : 0
    }

}
