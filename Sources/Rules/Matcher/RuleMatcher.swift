/// One compiled matcher for every rule of every person.
///
/// All query terms go into one hash table (`TermTable`), prefix terms into another; each
/// rule is indexed only under the atoms of which at least one must appear
/// (`QueryNode.requiredAtoms`, the presearcher of Lucene Monitor). Matching a story is one
/// pass over its tokens — hashing each word once and testing prefix lengths on the way —
/// followed by evaluating the candidate rules the postings named, never a loop over all
/// rules.
public struct RuleMatcher: Sendable {
    struct Node {
        enum Kind: UInt8 { case atom, and, or, not }
        var kind: Kind
        /// atom: atom index; and/or: first child in `children`; not: child node.
        var a: Int32
        /// and/or: child count.
        var b: Int32
    }

    struct Atom {
        enum Kind: UInt8 { case word, prefix, phrase }
        var kind: Kind
        var scope: UInt8
        /// word: term id; prefix: prefix id; phrase: first index in `phraseTerms`.
        var id: Int32
        var count: Int32
    }

    public let rules: [MatcherRule]
    let resolver: (any RegionResolving)?
    var terms = TermTable()
    var prefixes = TermTable()
    /// prefixLength[n] is true when some prefix term has n bytes.
    var prefixLengths = [Bool](repeating: false, count: 129)
    var maxPrefixLength = 0
    var phraseTerm: [Bool] = []
    var nodes: [Node] = []
    var children: [Int32] = []
    var atoms: [Atom] = []
    var atomLabels: [String] = []
    var phraseTerms: [Int32] = []
    var roots: [Int32] = []
    /// Per rule: its positive atoms, `positiveAtoms[positiveStart[r]..<positiveStart[r+1]]`.
    var positiveStart: [Int32] = [0]
    var positiveAtoms: [Int32] = []
    var termPostings = Postings()
    var prefixPostings = Postings()

    public var ruleCount: Int { rules.count }
    public var termCount: Int { terms.count + prefixes.count }

    public init(rules: [MatcherRule], regions: (any RegionResolving)? = nil) {
        self.rules = rules
        self.resolver = regions
        var termLists: [[Int32]] = []
        var prefixLists: [[Int32]] = []
        nodes.reserveCapacity(rules.count * 4)
        atoms.reserveCapacity(rules.count * 3)
        for (r, rule) in rules.enumerated() {
            let atomBase = atoms.count
            roots.append(flatten(rule.query))
            addPositive(rule.query, from: atomBase, positive: true)
            positiveStart.append(Int32(positiveAtoms.count))
            var seenTerms = Set<Int32>(), seenPrefixes = Set<Int32>()
            for a in rule.query.requiredAtoms ?? [] {
                switch a.kind {
                case .word(let w):
                    let id = terms.insert(w)
                    if seenTerms.insert(id).inserted { Self.post(&termLists, id, r) }
                case .phrase(let ws):
                    let rarest = ws.max { $0.utf8.count < $1.utf8.count }!
                    let id = terms.insert(rarest)
                    if seenTerms.insert(id).inserted { Self.post(&termLists, id, r) }
                case .prefix(let p):
                    let id = prefixes.insert(p)
                    if seenPrefixes.insert(id).inserted { Self.post(&prefixLists, id, r) }
                }
            }
        }
        phraseTerm += [Bool](repeating: false, count: max(0, terms.count - phraseTerm.count))
        termPostings = Postings(termLists, count: terms.count)
        prefixPostings = Postings(prefixLists, count: prefixes.count)
    }

    private static func post(_ lists: inout [[Int32]], _ id: Int32, _ rule: Int) {
        while lists.count <= Int(id) { lists.append([]) }
        lists[Int(id)].append(Int32(rule))
    }

    /// Appends `node` and its subtree; returns its index.
    private mutating func flatten(_ node: QueryNode) -> Int32 {
        switch node {
        case .atom(let a):
            nodes.append(Node(kind: .atom, a: compile(a), b: 0))
        case .not(let c):
            let child = flatten(c)
            nodes.append(Node(kind: .not, a: child, b: 0))
        case .and(let cs), .or(let cs):
            let ids = cs.map { flatten($0) }
            let first = Int32(children.count)
            children += ids
            let kind: Node.Kind
            if case .and = node { kind = .and } else { kind = .or }
            nodes.append(Node(kind: kind, a: first, b: Int32(ids.count)))
        }
        return Int32(nodes.count - 1)
    }

    private mutating func compile(_ a: QueryAtom) -> Int32 {
        let scope: UInt8
        switch a.scope {
        case .any: scope = MatchFields.title.rawValue | MatchFields.body.rawValue
        case .title: scope = MatchFields.title.rawValue
        case .source: scope = MatchFields.source.rawValue
        }
        let atom: Atom
        switch a.kind {
        case .word(let w):
            atom = Atom(kind: .word, scope: scope, id: terms.insert(w), count: 1)
        case .prefix(let p):
            let id = prefixes.insert(p)
            let n = min(p.utf8.count, 128)
            prefixLengths[n] = true
            maxPrefixLength = max(maxPrefixLength, n)
            atom = Atom(kind: .prefix, scope: scope, id: id, count: 1)
        case .phrase(let ws):
            let start = Int32(phraseTerms.count)
            for w in ws {
                let id = terms.insert(w)
                phraseTerms.append(id)
                while phraseTerm.count <= Int(id) { phraseTerm.append(false) }
                phraseTerm[Int(id)] = true
            }
            atom = Atom(kind: .phrase, scope: scope, id: start, count: Int32(ws.count))
        }
        atoms.append(atom)
        atomLabels.append(a.display)
        return Int32(atoms.count - 1)
    }

    /// Records the atoms of a rule that count positively, in query order (atoms were
    /// appended in the same depth-first order `flatten` used).
    private mutating func addPositive(_ node: QueryNode, from base: Int, positive: Bool) {
        var next = base
        func walk(_ n: QueryNode, _ pos: Bool) {
            switch n {
            case .atom:
                if pos { positiveAtoms.append(Int32(next)) }
                next += 1
            case .not(let c): walk(c, !pos)
            case .and(let cs), .or(let cs): cs.forEach { walk($0, pos) }
            }
        }
        walk(node, positive)
    }

    /// Rough resident size of the compiled index, for the benchmark's memory check.
    public var indexBytes: Int {
        terms.memoryBytes + prefixes.memoryBytes + nodes.count * 12 + children.count * 4
            + atoms.count * 12 + phraseTerms.count * 4 + termPostings.bytes + prefixPostings.bytes
            + atomLabels.count * 16 + positiveAtoms.count * 4
    }
}

/// Rule ids per term id, flattened (compressed sparse rows).
struct Postings: Sendable {
    var offsets: [Int32] = [0]
    var rules: [Int32] = []

    init() {}

    init(_ lists: [[Int32]], count: Int) {
        offsets.reserveCapacity(count + 1)
        for id in 0..<count {
            if id < lists.count { rules += lists[id] }
            offsets.append(Int32(rules.count))
        }
    }

    var bytes: Int { offsets.count * 4 + rules.count * 4 }
}
