/// A blocked Bloom filter over 64-bit term hashes: both bits of a key sit in one 64-bit
/// word, so a "no" costs one load (one cache line) instead of two independent ones. At
/// 100,000 rules the filters in front of the term tables are the data every story word
/// touches, so one line per probe is what keeps them cheap once they leave L1.
struct HashFilter: Sendable {
    private var words: PagedArray<UInt64>
    private var mask: Int

    /// A filter of at least `bits` bits (rounded up to a power of two, at least one word).
    init(bits: Int) {
        var n = 1
        while n * 64 < bits { n <<= 1 }
        words = PagedArray(repeating: 0, count: n)
        mask = n - 1
    }

    /// The same finalizer the term tables use, so FNV's weak low bits spread.
    @inline(__always) static func mix(_ h: UInt64) -> Int {
        var x = h ^ (h >> 29)
        x = x &* 0xbf58_476d_1ce4_e5b9
        return Int(truncatingIfNeeded: x ^ (x >> 32))
    }

    @inline(__always) private static func bits(_ m: Int) -> UInt64 {
        let u = UInt64(truncatingIfNeeded: m)
        return 1 << ((u >> 40) & 63) | 1 << ((u >> 52) & 63)
    }

    /// Adds the key whose mixed hash is `m` (`mix`).
    mutating func insert(mixed m: Int) {
        words[m & mask] |= Self.bits(m)
    }

    /// False when the key whose mixed hash is `m` was never inserted; true may be a false
    /// positive (two bits of 64 per key).
    @inline(__always) func contains(mixed m: Int) -> Bool {
        let b = Self.bits(m)
        return words.withUnsafeBufferPointer { $0[m & mask] } & b == b
    }

    /// Starts loading the filter word of the key whose mixed hash is `m`.
    @inline(__always) func prefetch(mixed m: Int) {
        words.withUnsafeBufferPointer { prefetchLine($0.baseAddress! + (m & mask)) }
    }

    var memoryBytes: Int { words.count * 8 }
}
