/// Per-story working memory of the matcher, reused across stories so matching allocates
/// nothing per story: "seen in this story" is an epoch stamp, not a cleared array.
/// One per thread; not shared.
public struct MatchScratch {
    var epoch: UInt32 = 0
    var termEpoch: [UInt32] = []
    var termFields: [UInt8] = []
    var prefixEpoch: [UInt32] = []
    var prefixFields: [UInt8] = []
    var ruleEpoch: [UInt32] = []
    var candidates: [Int32] = []
    /// Occurrences of phrase terms: per term a linked list through `occ`.
    var occHead: [Int32] = []
    var occ: [(position: Int32, field: UInt8, next: Int32)] = []
    var occKeys = Set<UInt64>()

    public init() {}

    mutating func begin(_ m: RuleMatcher) {
        if termEpoch.count != m.terms.count || prefixEpoch.count != m.prefixes.count || ruleEpoch.count != m.rules.count {
            termEpoch = [UInt32](repeating: 0, count: m.terms.count)
            termFields = [UInt8](repeating: 0, count: m.terms.count)
            occHead = [Int32](repeating: -1, count: m.terms.count)
            prefixEpoch = [UInt32](repeating: 0, count: m.prefixes.count)
            prefixFields = [UInt8](repeating: 0, count: m.prefixes.count)
            ruleEpoch = [UInt32](repeating: 0, count: m.rules.count)
            epoch = 0
        }
        if epoch == UInt32.max {
            for i in termEpoch.indices { termEpoch[i] = 0 }
            for i in prefixEpoch.indices { prefixEpoch[i] = 0 }
            for i in ruleEpoch.indices { ruleEpoch[i] = 0 }
            epoch = 0
        }
        epoch += 1
        candidates.removeAll(keepingCapacity: true)
        occ.removeAll(keepingCapacity: true)
        occKeys.removeAll(keepingCapacity: true)
    }

    @inline(__always) static func key(_ term: Int32, _ field: UInt8, _ position: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: term)) << 35 | UInt64(field) << 32 | UInt64(UInt32(bitPattern: position))
    }
}
