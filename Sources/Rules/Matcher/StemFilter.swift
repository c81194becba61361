/// The filter in front of the prefix terms, answering for the first k bytes of a story
/// word both "do they begin some prefix term?" (keep probing longer lengths) and "are
/// they a whole prefix term?" (probe the prefix table), with every length of one word in
/// the same 64-byte line: the line is chosen by the hash of the word's first
/// `RuleMatcher.minPrefixLength` bytes, the word and bits within it by the hash at each
/// length. At 100,000 rules the prefix probes were the largest cost left per new story
/// word — a line of the stems filter per length and another of the prefix table's own
/// filter, each a cache miss; now it is one line, which the matcher prefetches when it
/// queues the word (`RuleMatcher.defersLookups`).
struct StemFilter: Sendable {
    private var words: PagedArray<UInt64>
    private var blockMask: Int
    private static let blockWords = 8

    /// A filter for `parts` leading parts (about 16 bits each).
    init(parts: Int) {
        var blocks = 1
        while blocks * 512 < parts * 16 { blocks <<= 1 }
        words = PagedArray(repeating: 0, count: blocks * Self.blockWords)
        blockMask = blocks - 1
    }

    /// The block of a word whose first `minPrefixLength` bytes have the mixed hash `m`.
    @inline(__always) func block(_ m: Int) -> Int { m & blockMask }

    @inline(__always) private static func word(_ block: Int, _ m: Int) -> Int {
        block &* blockWords &+ (m >> 20) & (blockWords - 1)
    }

    @inline(__always) private static func leadingBits(_ m: Int) -> UInt64 {
        let u = UInt64(truncatingIfNeeded: m)
        return 1 << ((u >> 40) & 63) | 1 << ((u >> 46) & 63)
    }

    @inline(__always) private static func endBits(_ m: Int) -> UInt64 {
        let u = UInt64(truncatingIfNeeded: m)
        return 1 << ((u >> 52) & 63) | 1 << ((u >> 58) & 63)
    }

    /// Adds a leading part with mixed hash `m` in `block`; `end` when it is a whole prefix term.
    mutating func insert(block: Int, mixed m: Int, end: Bool) {
        let w = Self.word(block, m)
        words[w] = words[w] | Self.leadingBits(m) | (end ? Self.endBits(m) : 0)
    }

    /// Whether the bytes with mixed hash `m` may begin a prefix term, and whether they may
    /// be one (both may be false positives; false answers are exact).
    @inline(__always) func probe(block: Int, mixed m: Int) -> (leading: Bool, end: Bool) {
        let x = words.withUnsafeBufferPointer { $0[Self.word(block, m)] }
        let l = Self.leadingBits(m), e = Self.endBits(m)
        return (x & l == l, x & e == e)
    }

    /// Starts loading `block`.
    @inline(__always) func prefetch(block: Int) {
        words.withUnsafeBufferPointer { prefetchLine($0.baseAddress! + block &* Self.blockWords) }
    }

    var memoryBytes: Int { words.count * 8 }
}
