/// One compiled matcher for every rule of every person.
///
/// All query terms go into one hash table (`TermTable`), prefix terms into another; each
/// rule is indexed only under the atoms of which at least one must appear
/// (`QueryNode.requiredAtoms`, the presearcher of Lucene Monitor). Matching a story is one
/// pass over its tokens — hashing each word once and testing prefix lengths on the way —
/// followed by evaluating the candidate rules the postings named, never a loop over all
/// rules.
public struct RuleMatcher: Sendable {
    /// One node of a rule's program. A rule is its query tree in pre-order, contiguous in
    /// `program`, so evaluating a candidate touches one or two cache lines.
    /// bits 0-7 kind, 8-15 scope (atoms), 16-31 children / phrase length,
    /// 32-63 term id, prefix id or phrase start (atoms) / subtree size (operators).
    struct Op {
        static let word: UInt64 = 0, prefix: UInt64 = 1, phrase: UInt64 = 2
        static let and: UInt64 = 3, or: UInt64 = 4, not: UInt64 = 5

        static func make(_ kind: UInt64, scope: UInt8 = 0, count: Int = 0, payload: Int) -> UInt64 {
            kind | UInt64(scope) << 8 | UInt64(UInt16(truncatingIfNeeded: count)) << 16 | UInt64(UInt32(truncatingIfNeeded: payload)) << 32
        }
    }

    public let rules: [MatcherRule]
    let resolver: (any RegionResolving)?
    var terms = TermTable()
    var prefixes = TermTable()
    /// prefixLength[n] is true when some prefix term has n bytes.
    var prefixLengths = [Bool](repeating: false, count: 129)
    var maxPrefixLength = 0
    var phraseTerm: [Bool] = []
    var program: [UInt64] = []
    /// Where each rule's program starts.
    var ruleStart: [Int32] = []
    var phraseTerms: [Int32] = []
    var termPostings = Postings()
    var prefixPostings = Postings()

    public var ruleCount: Int { rules.count }
    public var termCount: Int { terms.count + prefixes.count }

    public init(rules: [MatcherRule], regions: (any RegionResolving)? = nil) {
        self.rules = rules
        self.resolver = regions
        var termLists: [[Int32]] = []
        var prefixLists: [[Int32]] = []
        program.reserveCapacity(rules.count * 8)
        ruleStart.reserveCapacity(rules.count)
        for (r, rule) in rules.enumerated() {
            ruleStart.append(Int32(program.count))
            emit(rule.query)
            var seenTerms: [Int32] = [], seenPrefixes: [Int32] = []
            for a in rule.query.requiredAtoms ?? [] {
                switch a.kind {
                case .word(let w):
                    let id = terms.insert(w)
                    if !seenTerms.contains(id) { seenTerms.append(id); Self.post(&termLists, id, r) }
                case .phrase(let ws):
                    let rarest = ws.min { QueryNode.cost([Self.word($0)]) < QueryNode.cost([Self.word($1)]) }!
                    let id = terms.insert(rarest)
                    if !seenTerms.contains(id) { seenTerms.append(id); Self.post(&termLists, id, r) }
                case .prefix(let p):
                    let id = prefixes.insert(p)
                    if !seenPrefixes.contains(id) { seenPrefixes.append(id); Self.post(&prefixLists, id, r) }
                }
            }
        }
        phraseTerm += [Bool](repeating: false, count: max(0, terms.count - phraseTerm.count))
        termPostings = Postings(termLists, count: terms.count)
        prefixPostings = Postings(prefixLists, count: prefixes.count)
    }

    private static func word(_ w: String) -> QueryAtom { QueryAtom(kind: .word(w), scope: .any, offset: 0) }

    private static func post(_ lists: inout [[Int32]], _ id: Int32, _ rule: Int) {
        while lists.count <= Int(id) { lists.append([]) }
        lists[Int(id)].append(Int32(rule))
    }

    /// Appends `node` and its subtree in pre-order.
    private mutating func emit(_ node: QueryNode) {
        switch node {
        case .atom(let a):
            program.append(compile(a))
        case .not(let c):
            let at = program.count
            program.append(0)
            emit(c)
            program[at] = Op.make(Op.not, payload: program.count - at)
        case .and(let cs), .or(let cs):
            let at = program.count
            program.append(0)
            cs.forEach { emit($0) }
            let kind: UInt64
            if case .and = node { kind = Op.and } else { kind = Op.or }
            program[at] = Op.make(kind, count: cs.count, payload: program.count - at)
        }
    }

    private mutating func compile(_ a: QueryAtom) -> UInt64 {
        let scope: UInt8
        switch a.scope {
        case .any: scope = MatchFields.title.rawValue | MatchFields.body.rawValue
        case .title: scope = MatchFields.title.rawValue
        case .source: scope = MatchFields.source.rawValue
        }
        switch a.kind {
        case .word(let w):
            return Op.make(Op.word, scope: scope, payload: Int(terms.insert(w)))
        case .prefix(let p):
            let id = prefixes.insert(p)
            let n = min(p.utf8.count, 128)
            prefixLengths[n] = true
            maxPrefixLength = max(maxPrefixLength, n)
            return Op.make(Op.prefix, scope: scope, payload: Int(id))
        case .phrase(let ws):
            let start = phraseTerms.count
            for w in ws {
                let id = terms.insert(w)
                phraseTerms.append(id)
                while phraseTerm.count <= Int(id) { phraseTerm.append(false) }
                phraseTerm[Int(id)] = true
            }
            return Op.make(Op.phrase, scope: scope, count: ws.count, payload: start)
        }
    }

    /// Rough resident size of the compiled index, for the benchmark's memory check.
    public var indexBytes: Int {
        terms.memoryBytes + prefixes.memoryBytes + program.count * 8 + ruleStart.count * 4
            + phraseTerms.count * 4 + termPostings.bytes + prefixPostings.bytes
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
