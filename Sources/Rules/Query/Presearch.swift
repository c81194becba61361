/// One way a query can match, as the presearcher indexes it: the query matches only if at
/// least one of `index` appears, and then only if at least one of `guardAtoms` appears too
/// (when there is a guard). The matcher posts the rule under every `index` atom, the
/// posting carrying the guard, and drops a posting whose guard atoms are all absent
/// before it loads the rule's program — Lucene Monitor's two-phase presearch: the rarest
/// branch of a conjunction proposes the rule, a second branch confirms it cheaply.
public struct PresearchClause: Sendable, Equatable {
    public var index: [QueryAtom]
    public var guardAtoms: [QueryAtom]
}

extension QueryNode {
    /// At most this many atoms in a guard: the posting stores them inline.
    static let maxGuardAtoms = 3

    /// The clauses of the presearch, or nil when the query can match with no positive atom
    /// present (the same condition as `requiredAtoms`). Every match of the query satisfies
    /// at least one clause (index and guard alike), so dropping unsatisfied postings never
    /// loses a match. An OR yields one clause per disjunct, each with its own guard.
    public func presearchClauses(weight: (String) -> Int = QueryNode.defaultWeight) -> [PresearchClause]? {
        switch self {
        case .atom(let a):
            // A phrase needs all its words: it is indexed under its rarest word and guarded
            // by the next rarest, so "first last" is proposed only when both names appear.
            guard case .phrase(let ws) = a.kind, ws.count > 1 else { return [PresearchClause(index: [a], guardAtoms: [])] }
            let ranked = ws.sorted { weight($0) < weight($1) }
            return [PresearchClause(index: [a], guardAtoms: [QueryAtom(kind: .word(ranked[1]), scope: a.scope, offset: a.offset)])]
        case .not:
            return nil
        case .or(let children):
            var all: [PresearchClause] = []
            for c in children {
                guard let r = c.presearchClauses(weight: weight) else { return nil }
                all += r
            }
            return all
        case .and(let children):
            var options: [(clauses: [PresearchClause], required: [QueryAtom], cost: Int)] = []
            for c in children {
                guard let r = c.presearchClauses(weight: weight), let req = c.requiredAtoms(weight: weight) else { continue }
                options.append((r, req, Self.cost(req, weight: weight)))
            }
            guard let best = options.indices.min(by: { options[$0].cost < options[$1].cost }) else { return nil }
            // The guard: the most selective other branch small enough to store inline.
            let second = options.indices
                .filter { $0 != best && options[$0].required.count <= Self.maxGuardAtoms }
                .min { options[$0].cost < options[$1].cost }
            guard let second else { return options[best].clauses }
            let g = options[second]
            return options[best].clauses.map { c in
                if c.guardAtoms.isEmpty || g.cost < Self.cost(c.guardAtoms, weight: weight) {
                    return PresearchClause(index: c.index, guardAtoms: g.required)
                }
                return c
            }
        }
    }
}
