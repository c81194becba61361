/// Per-story working memory of the matcher, reused across stories so matching allocates
/// nothing per story: "seen in this story" is an epoch stamp, not a cleared array.
/// One per thread; not shared.
public struct MatchScratch {
    var epoch: UInt32 = 0
    /// Per term, one word: epoch << 32 | fields, so the first sight of a term in a story
    /// touches one cache line instead of two.
    var termState: [UInt64] = []
    var prefixState: [UInt64] = []
    /// Rule ids as the postings named them, duplicates included; `evaluate` sorts and
    /// dedups them (cheaper than a random probe of a per-rule stamp per posting).
    var candidates: [Int32] = []
    /// Occurrences of phrase terms: per term a linked list through `occ`.
    var occHead: [Int32] = []
    var occ: [(position: Int32, field: UInt8, next: Int32)] = []
    var occKeys = Set<UInt64>()
    var sink: UInt64 = 0

    public init() {}

    /// Rules the presearcher proposed for the last story (evaluated, matched or not).
    public var candidateCount: Int { candidates.count }

    mutating func begin(_ m: RuleMatcher) {
        if termState.count != m.terms.count || prefixState.count != m.prefixes.count {
            termState = [UInt64](repeating: 0, count: m.terms.count)
            occHead = [Int32](repeating: -1, count: m.terms.count)
            prefixState = [UInt64](repeating: 0, count: m.prefixes.count)
            epoch = 0
        }
        if epoch == UInt32.max {
            for i in termState.indices { termState[i] = 0 }
            for i in prefixState.indices { prefixState[i] = 0 }
            epoch = 0
        }
        epoch += 1
        candidates.removeAll(keepingCapacity: true)
        occ.removeAll(keepingCapacity: true)
        occKeys.removeAll(keepingCapacity: true)
    }

    /// The fields where term `i` was seen in this story (0 = not seen).
    @inline(__always) func termFields(_ i: Int) -> UInt8 {
        let w = termState[i]
        return UInt32(truncatingIfNeeded: w >> 32) == epoch ? UInt8(truncatingIfNeeded: w) : 0
    }

    @inline(__always) func prefixFields(_ i: Int) -> UInt8 {
        let w = prefixState[i]
        return UInt32(truncatingIfNeeded: w >> 32) == epoch ? UInt8(truncatingIfNeeded: w) : 0
    }

    @inline(__always) static func key(_ term: Int32, _ field: UInt8, _ position: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: term)) << 35 | UInt64(field) << 32 | UInt64(UInt32(bitPattern: position))
    }
}
