/// An open-addressing hash table from normalized term bytes to dense ids, hashed with
/// FNV-1a so the matcher can hash a story word once, byte by byte, and test every prefix
/// length on the way (prefix terms) without building a String.
///
/// A slot is 32 bytes holding the id, a hash tag, the length and the first 24 key bytes,
/// so a hit is verified within the slot's cache line: at 100,000 rules the table does not
/// fit in L2, and chasing id → span → pool cost three dependent misses per story word.
struct TermTable: Sendable {
    private(set) var count = 0
    /// `stride` words per slot. Word 0: hash tag (bits 40-63) | min(length, 255) (32-39) |
    /// id + 1 (0-31), 0 = empty; words 1-3: key bytes 0-23, little-endian, zero padded.
    private var slots: PagedArray<UInt64>
    /// Most story words are no query term: the filter answers "no" from one cache line
    /// instead of probing the larger slot array.
    private var filter: HashFilter
    private var hashes: [UInt64] = []   // per id
    /// Per id: start in `pool` << 32 | length (keys longer than the inline bytes, `term`).
    private var spans: [UInt64] = []
    private var pool: [UInt8] = []
    private var mask: Int

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3
    private static let stride = 4
    private static let inlineBytes = 24

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = PagedArray(repeating: 0, count: size * Self.stride)
        mask = size - 1
        filter = HashFilter(bits: size * 8)
    }

    @inline(__always) static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* prime }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed
        for b in bytes { h = step(h, b) }
        return h
    }

    /// Finalizer so FNV's weak low bits spread over the slot index.
    @inline(__always) private static func mix(_ h: UInt64) -> Int { HashFilter.mix(h) }

    @inline(__always) private static func head(_ hash: UInt64, _ length: Int) -> UInt64 {
        (hash >> 40) << 40 | UInt64(min(length, 255)) << 32
    }

    /// Word `w` (0-2) of the inline key: bytes 8w..<8w+8 of the first `length` bytes.
    @inline(__always) private static func packed(_ bytes: UnsafeBufferPointer<UInt8>, _ length: Int, _ w: Int) -> UInt64 {
        var x: UInt64 = 0
        var k = min(length, w * 8 + 8)
        while k > w * 8 {
            k -= 1
            x = x << 8 | UInt64(bytes[k])
        }
        return x
    }

    /// The id of `term`, adding it if new.
    mutating func insert(_ term: String) -> Int32 {
        var t = term
        return t.withUTF8 { bytes in
            let h = Self.hash(bytes)
            if let id = lookup(bytes, hash: h, length: bytes.count) { return id }
            let id = Int32(count)
            count += 1
            hashes.append(h)
            spans.append(UInt64(pool.count) << 32 | UInt64(bytes.count))
            pool.append(contentsOf: bytes)
            if count * 2 > slots.count / Self.stride { grow() } else { place(id) }
            return id
        }
    }

    /// The id of the first `length` bytes of `bytes`, whose FNV hash is `hash`; with
    /// `filtered: false` the table's filter is skipped (the caller has its own, `StemFilter`).
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, length: Int, filtered: Bool = true) -> Int32? {
        let m = Self.mix(hash)
        guard !filtered || filter.contains(mixed: m) else { return nil }
        return probe(mixed: m, want: Self.head(hash, length)) { s, base, w0 in matches(s, base, w0, bytes, length) }
    }

    /// The id of a key of at most 16 bytes given as its hash and its bytes packed
    /// little-endian into two words, zero padded (what `lookup` compares the slot with).
    @inline(__always)
    func lookup(hash: UInt64, key0: UInt64, key1: UInt64, length: Int) -> Int32? {
        let m = Self.mix(hash)
        guard filter.contains(mixed: m) else { return nil }
        return probe(mixed: m, want: Self.head(hash, length)) { s, base, _ in
            s[base + 1] == key0 && s[base + 2] == key1 && s[base + 3] == 0
        }
    }

    /// Linear probing from the home slot of the mixed hash `m`: the id of the first slot
    /// whose head word is `want` and whose key `same` accepts, nil at the first empty slot.
    @inline(__always)
    private func probe(mixed m: Int, want: UInt64, _ same: (UnsafeBufferPointer<UInt64>, Int, UInt64) -> Bool) -> Int32? {
        var i = m & mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let base = i &* Self.stride
                let w0 = s[base]
                if w0 == 0 { return nil }
                if w0 & 0xFFFF_FFFF_0000_0000 == want, same(s, base, w0) {
                    return Int32(truncatingIfNeeded: w0 & 0xFFFF_FFFF) - 1
                }
                i = (i + 1) & mask
            }
        }
    }

    /// Starts loading what `lookup` of a key with this hash reads first: its filter word and
    /// its home slot (both lines of a slot that straddles two). At 100,000 rules both are
    /// cache misses for a story word seen for the first time.
    @inline(__always) func prefetch(hash: UInt64) {
        let m = Self.mix(hash)
        filter.prefetch(mixed: m)
        slots.withUnsafeBufferPointer { s in
            let slot = UnsafeRawPointer(s.baseAddress! + (m & mask) &* Self.stride)
            prefetchLine(slot)
            prefetchLine(slot + Self.stride * 8 - 1)
        }
    }

    /// Bytes of the slot array (the part of the table a lookup can miss in the caches).
    var slotBytes: Int { slots.count * 8 }

    @inline(__always)
    private func matches(_ s: UnsafeBufferPointer<UInt64>, _ base: Int, _ w0: UInt64,
                         _ bytes: UnsafeBufferPointer<UInt8>, _ length: Int) -> Bool {
        for w in 0..<3 where s[base + 1 + w] != Self.packed(bytes, length, w) { return false }
        guard length > Self.inlineBytes else { return true }
        let span = spans[Int(w0 & 0xFFFF_FFFF) - 1]
        guard Int(span & 0xFFFF_FFFF) == length else { return false }
        let start = Int(span >> 32)
        return pool.withUnsafeBufferPointer { p in
            for k in Self.inlineBytes..<length where p[start + k] != bytes[k] { return false }
            return true
        }
    }

    func term(_ id: Int32) -> String {
        let span = spans[Int(id)]
        let s = Int(span >> 32)
        return String(decoding: pool[s..<s + Int(span & 0xFFFF_FFFF)], as: UTF8.self)
    }

    private mutating func place(_ id: Int32) {
        let hash = hashes[Int(id)]
        let span = spans[Int(id)]
        let start = Int(span >> 32), length = Int(span & 0xFFFF_FFFF)
        let m = Self.mix(hash)
        var i = m & mask
        while slots[i * Self.stride] != 0 { i = (i + 1) & mask }
        let base = i * Self.stride
        slots[base] = Self.head(hash, length) | UInt64(id + 1)
        pool.withUnsafeBufferPointer { p in
            let key = UnsafeBufferPointer(rebasing: p[start..<start + length])
            for w in 0..<3 { slots[base + 1 + w] = Self.packed(key, length, w) }
        }
        filter.insert(mixed: m)
    }

    private mutating func grow() {
        let size = slots.count / Self.stride * 2
        slots = PagedArray(repeating: 0, count: size * Self.stride)
        mask = size - 1
        filter = HashFilter(bits: size * 8)
        for id in 0..<count { place(Int32(id)) }
    }

    var memoryBytes: Int { slots.count * 8 + filter.memoryBytes + count * 16 + pool.count }
}
