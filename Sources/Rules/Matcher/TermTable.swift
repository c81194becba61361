/// An open-addressing hash table from normalized term bytes to dense ids, hashed with
/// FNV-1a so the matcher can hash a story word once, byte by byte, and test every prefix
/// length on the way (prefix terms) without building a String.
struct TermTable: Sendable {
    private(set) var count = 0
    /// High 32 bits: the hash's top bits (checked before touching the key bytes);
    /// low 32 bits: id + 1; 0 = empty.
    private var slots: [UInt64]
    /// Two bits per term in a small bit set: most story words are no query term, and this
    /// answers "no" from cache instead of probing the larger slot array.
    private var filter: [UInt64]
    private var filterMask: Int
    private var hashes: [UInt64] = []   // per id
    /// Per id: start in `pool` << 32 | length, one load to verify a hit.
    private var spans: [UInt64] = []
    private var pool: [UInt8] = []
    private var mask: Int

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        filter = [UInt64](repeating: 0, count: size / 8)
        filterMask = size * 8 - 1
    }

    @inline(__always) static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* prime }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed
        for b in bytes { h = step(h, b) }
        return h
    }

    /// Finalizer so FNV's weak low bits spread over the slot index.
    @inline(__always) private static func mix(_ h: UInt64) -> Int {
        var x = h ^ (h >> 29)
        x = x &* 0xbf58_476d_1ce4_e5b9
        return Int(truncatingIfNeeded: x ^ (x >> 32))
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
            if count * 2 > slots.count { grow() } else { place(id, hash: h) }
            return id
        }
    }

    /// The id of the first `length` bytes of `bytes`, whose FNV hash is `hash`.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, length: Int) -> Int32? {
        let m = Self.mix(hash)
        let b1 = m & filterMask, b2 = (m >> 40) & filterMask
        guard filter[b1 >> 6] & (1 << UInt64(b1 & 63)) != 0, filter[b2 >> 6] & (1 << UInt64(b2 & 63)) != 0 else { return nil }
        let tag = hash >> 32
        var i = m & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if s >> 32 == tag {
                let id = Int(s & 0xFFFF_FFFF) - 1
                let span = spans[id]
                if Int(span & 0xFFFF_FFFF) == length && equal(Int(span >> 32), bytes, length) { return Int32(id) }
            }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    private func equal(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ length: Int) -> Bool {
        pool.withUnsafeBufferPointer { p in
            for k in 0..<length where p[start + k] != bytes[k] { return false }
            return true
        }
    }

    func term(_ id: Int32) -> String {
        let span = spans[Int(id)]
        let s = Int(span >> 32)
        return String(decoding: pool[s..<s + Int(span & 0xFFFF_FFFF)], as: UTF8.self)
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        let m = Self.mix(hash)
        var i = m & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = (hash >> 32) << 32 | UInt64(id + 1)
        let b1 = m & filterMask, b2 = (m >> 40) & filterMask
        filter[b1 >> 6] |= 1 << UInt64(b1 & 63)
        filter[b2 >> 6] |= 1 << UInt64(b2 & 63)
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        filter = [UInt64](repeating: 0, count: slots.count / 8)
        filterMask = slots.count * 8 - 1
        for id in 0..<count { place(Int32(id), hash: hashes[id]) }
    }

    var memoryBytes: Int { slots.count * 8 + filter.count * 8 + count * 16 + pool.count }
}
