/// Per-bit votes of many 64-bit hashes (bit set: +1, clear: −1), SimHash's majority count.
///
/// Bit-sliced: the counts live in bit planes, and hashes join them sixteen at a time
/// through a tree of carry-save adders (Harley & Seal's population count, run per bit
/// position as in Muła, Kurz & Lemire, "Faster population counts using AVX2 instructions",
/// 2018, §"positional"): fifteen adders of five operations each turn sixteen hashes into
/// one plane of weight 16, so a hash costs about five operations instead of eight table
/// loads and additions. Weight-16 planes go to byte-lane counters (one table load per hash
/// byte), flushed to wide counters before they can overflow. The result is the exact
/// majority of the plain per-bit count (`BitVotesTests` compares it with one).
struct BitVotes {
    /// Up to fifteen hashes waiting for a full group of sixteen.
    private var waiting = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                           UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    private var waitingCount = 0
    /// Planes of weight 1, 2, 4 and 8 (at most one bit of each per position).
    private var ones: UInt64 = 0, twos: UInt64 = 0, fours: UInt64 = 0, eights: UInt64 = 0
    /// Counts of weight-16 planes, eight one-byte counters per lane (`spreadTable`).
    private var lanes = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    private var lanesPending = 0
    /// Weight-16 counts flushed from the lanes; allocated only past 255 × 16 hashes.
    private var wide: [Int32]?
    private var total: Int32 = 0
    var any = false

    /// Byte b → eight one-byte lanes, lane j holding bit j of b.
    nonisolated(unsafe) private static let spreadTable: UnsafePointer<UInt64> = {
        let t = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
        for b in 0..<256 {
            var v: UInt64 = 0
            for j in 0..<8 where (b >> j) & 1 == 1 { v |= 1 << (8 * UInt64(j)) }
            t[b] = v
        }
        return UnsafePointer(t)
    }()

    @inline(__always) mutating func add(_ h: UInt64) {
        withUnsafeMutableBytes(of: &waiting) { $0.storeBytes(of: h, toByteOffset: waitingCount &* 8, as: UInt64.self) }
        waitingCount &+= 1
        if waitingCount == 16 { addGroup() }
    }

    /// Carry-save adder: the sum and carry bits of three planes.
    @inline(__always) private static func csa(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> (sum: UInt64, carry: UInt64) {
        let u = a ^ b
        return (u ^ c, (a & b) | (u & c))
    }

    /// Four hashes into the planes of weight 1 and 2; returns the carry of weight 4.
    @inline(__always) private mutating func addFour(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 {
        let twosA: UInt64, twosB: UInt64, foursCarry: UInt64
        (ones, twosA) = Self.csa(ones, a, b)
        (ones, twosB) = Self.csa(ones, c, d)
        (twos, foursCarry) = Self.csa(twos, twosA, twosB)
        return foursCarry
    }

    private mutating func addGroup() {
        let d = waiting
        let eightsA: UInt64, eightsB: UInt64
        (fours, eightsA) = Self.csa(fours, addFour(d.0, d.1, d.2, d.3), addFour(d.4, d.5, d.6, d.7))
        (fours, eightsB) = Self.csa(fours, addFour(d.8, d.9, d.10, d.11), addFour(d.12, d.13, d.14, d.15))
        let sixteens: UInt64
        (eights, sixteens) = Self.csa(eights, eightsA, eightsB)
        waitingCount = 0
        total &+= 16
        Self.spread(sixteens, into: &lanes, times: 1)
        lanesPending &+= 1
        if lanesPending == 255 { flushLanes() }
    }

    private mutating func flushLanes() {
        var w = wide ?? [Int32](repeating: 0, count: 64)
        withUnsafeBytes(of: &lanes) { raw in
            for k in 0..<64 { w[k] &+= Int32(raw[k]) }
        }
        wide = w
        lanes = (0, 0, 0, 0, 0, 0, 0, 0)
        lanesPending = 0
    }

    /// Bit k is set when more hashes had it set than clear.
    var result: UInt64 {
        mutating get {
            // The last (fewer than sixteen) hashes and the planes of weight 1 to 8 in one-byte
            // lanes of their own (at most 15 + 1 + 2 + 4 + 8 = 30 per byte), then one pass over
            // the 64 counts.
            var low = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            let n = waitingCount
            withUnsafeBytes(of: &waiting) { d in
                for k in 0..<n { Self.spread(d.load(fromByteOffset: k * 8, as: UInt64.self), into: &low, times: 1) }
            }
            Self.spread(ones, into: &low, times: 1)
            Self.spread(twos, into: &low, times: 2)
            Self.spread(fours, into: &low, times: 4)
            Self.spread(eights, into: &low, times: 8)
            let all = total &+ Int32(n)
            var r: UInt64 = 0
            withUnsafeBytes(of: &lanes) { l in
                withUnsafeBytes(of: &low) { s in
                    if let w = wide {
                        for k in 0..<64 where 2 &* ((Int32(l[k]) &+ w[k]) &* 16 &+ Int32(s[k])) > all { r |= 1 << UInt64(k) }
                    } else {
                        for k in 0..<64 where 2 &* (Int32(l[k]) &* 16 &+ Int32(s[k])) > all { r |= 1 << UInt64(k) }
                    }
                }
            }
            return r
        }
    }

    /// Adds `times` × each bit of `h` to the one-byte lanes.
    @inline(__always) private static func spread(
        _ h: UInt64, into l: inout (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64), times: UInt64
    ) {
        let t = spreadTable
        l.0 &+= t[Int(h & 0xFF)] &* times
        l.1 &+= t[Int((h >> 8) & 0xFF)] &* times
        l.2 &+= t[Int((h >> 16) & 0xFF)] &* times
        l.3 &+= t[Int((h >> 24) & 0xFF)] &* times
        l.4 &+= t[Int((h >> 32) & 0xFF)] &* times
        l.5 &+= t[Int((h >> 40) & 0xFF)] &* times
        l.6 &+= t[Int((h >> 48) & 0xFF)] &* times
        l.7 &+= t[Int(h >> 56)] &* times
    }
}
