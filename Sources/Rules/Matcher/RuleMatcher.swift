import Synchronization

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
    /// Distinguishes matchers for `MatchScratch`, which keeps per-matcher bits (phrase
    /// terms) and must rebuild them when handed a reloaded matcher of the same size.
    let identity = RuleMatcher.nextIdentity.add(1, ordering: .relaxed).newValue
    private static let nextIdentity = Atomic<UInt64>(0)
    let resolver: (any RegionResolving)?
    var terms = TermTable()
    var prefixes = TermTable()
    var maxPrefixLength = 0
    var minPrefixLength = Int.max
    /// Every leading part, `minPrefixLength` bytes or longer, of every prefix term, and
    /// which of them are whole prefix terms. A story word whose first k bytes are not in it
    /// cannot start with any prefix term of k bytes or more, so the prefix probes stop
    /// there: without it a long word probed the prefix table at every length from 7 bytes
    /// on, since rule sets have prefixes of every length.
    var stems = StemFilter(parts: 0)
    var phraseTerm: [Bool] = []
    var program: [UInt64] = []
    /// Where each rule's program starts.
    var ruleStart: [Int32] = []
    var phraseTerms: [Int32] = []
    /// Display labels of each rule's positive atoms in program order (`labelStart[r]`..<
    /// `labelStart[r + 1]`), built once so a match does not walk its query tree.
    var labels: [String] = []
    var labelStart: [Int32] = []
    var termPostings = Postings()
    var prefixPostings = Postings()
    /// Whether story words not yet seen in the story are queued and looked up a few new
    /// words later, their table lines prefetched meanwhile (`see`). Worth it only once the
    /// slot array is larger than a core's L2 (1 MiB on the benchmark machine): at 100,000
    /// rules (4 MiB) each first sight of a query word was a chain of cache misses paid in
    /// sequence; at 10,000 (1 MiB) the queue cost more than the misses it overlapped.
    var defersLookups = false
    static let deferringSlotBytes = 2 * 1024 * 1024

    public var ruleCount: Int { rules.count }
    public var termCount: Int { terms.count + prefixes.count }

    public init(rules: [MatcherRule], regions: (any RegionResolving)? = nil) {
        self.rules = rules
        self.resolver = regions
        let (weight, hotWords, hotPrefixes) = Self.weights(rules)
        // Term ids in order of how many rules use the term: the words thousands of rules
        // share are the ones most stories contain (topic words, mostly guards), so their
        // per-story state (`MatchScratch.termState`), postings offsets and postings sit
        // together in a few cache lines instead of spread over the whole index.
        for w in hotWords { _ = terms.insert(w) }
        for p in hotPrefixes { _ = prefixes.insert(p) }
        var termLists: [[SIMD4<UInt32>]] = []
        var prefixLists: [[SIMD4<UInt32>]] = []
        program.reserveCapacity(rules.count * 8)
        ruleStart.reserveCapacity(rules.count)
        labelStart.reserveCapacity(rules.count + 1)
        for (r, rule) in rules.enumerated() {
            ruleStart.append(Int32(program.count))
            labelStart.append(Int32(labels.count))
            emit(rule.query)
            rule.query.forEachAtom { atom, positive in if positive { labels.append(atom.display) } }
            var seen: [(key: UInt32, posting: SIMD4<UInt32>)] = []
            for clause in rule.query.presearchClauses(weight: weight) ?? [] {
                var posting = SIMD4<UInt32>(UInt32(r), 0, 0, 0)
                for (k, g) in clause.guardAtoms.prefix(QueryNode.maxGuardAtoms).enumerated() {
                    posting[k + 1] = guardRef(g, weight: weight)
                }
                for a in clause.index {
                    switch a.kind {
                    case .word(let w):
                        let id = terms.insert(w)
                        if Self.firstTime(UInt32(id) << 1, posting, &seen) { Self.post(&termLists, id, posting) }
                    case .phrase(let ws):
                        let id = terms.insert(ws.min { weight($0) < weight($1) }!)
                        if Self.firstTime(UInt32(id) << 1, posting, &seen) { Self.post(&termLists, id, posting) }
                    case .prefix(let p):
                        let id = prefixes.insert(p)
                        if Self.firstTime(UInt32(id) << 1 | 1, posting, &seen) { Self.post(&prefixLists, id, posting) }
                    }
                }
            }
        }
        labelStart.append(Int32(labels.count))
        buildStems()
        phraseTerm += [Bool](repeating: false, count: max(0, terms.count - phraseTerm.count))
        termPostings = Postings(termLists, count: terms.count)
        prefixPostings = Postings(prefixLists, count: prefixes.count)
        defersLookups = terms.slotBytes >= Self.deferringSlotBytes
    }

    /// Word weights from the rule set's own statistics (Lucene Monitor's term-frequency
    /// weighting): a word many rules use is a news-topic word ("airstrike", "election")
    /// that turns up in many stories, while a name few people watch is rare. The length
    /// and common-word guess of `QueryNode.defaultWeight` grows with log2 of the number of
    /// rules using the word, so a conjunction is indexed under its rarer branch and the
    /// topic words that thousands of rules share confirm instead of propose. Also returns
    /// the positive words and prefixes, the most used first (ties by spelling).
    static func weights(_ rules: [MatcherRule]) -> (weight: (String) -> Int, words: [String], prefixes: [String]) {
        var uses: [String: Int] = [:]
        var wordUses: [String: Int] = [:], prefixUses: [String: Int] = [:]
        for rule in rules {
            rule.query.forEachAtom { atom, positive in
                guard positive else { return }
                switch atom.kind {
                case .word(let w):
                    uses[w, default: 0] += 1
                    wordUses[w, default: 0] += 1
                case .prefix(let p):
                    uses[p, default: 0] += 1
                    prefixUses[p, default: 0] += 1
                case .phrase(let ws):
                    for w in ws {
                        uses[w, default: 0] += 1
                        wordUses[w, default: 0] += 1
                    }
                }
            }
        }
        // Computed once per word: the presearch asks for the same words' weights many times
        // per rule, and `defaultWeight` probes the common-word set each time.
        var weight: [String: Int] = [:]
        weight.reserveCapacity(uses.count)
        for (w, n) in uses { weight[w] = QueryNode.defaultWeight(w) * (1 + Int.bitWidth - n.leadingZeroBitCount) }
        func byUse(_ u: [String: Int]) -> [String] {
            u.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
        return ({ w in weight[w] ?? QueryNode.defaultWeight(w) }, byUse(wordUses), byUse(prefixUses))
    }

    /// A guard atom inline in a posting: (id + 1) << 4 | scope << 1 | is-prefix; a phrase
    /// guards by its rarest word (it cannot appear without it).
    private mutating func guardRef(_ a: QueryAtom, weight: (String) -> Int) -> UInt32 {
        let scope = UInt32(Self.scopeBits(a.scope))
        switch a.kind {
        case .word(let w):
            return UInt32(terms.insert(w) + 1) << 4 | scope << 1
        case .phrase(let ws):
            return UInt32(terms.insert(ws.min { weight($0) < weight($1) }!) + 1) << 4 | scope << 1
        case .prefix(let p):
            return UInt32(prefixes.insert(p) + 1) << 4 | scope << 1 | 1
        }
    }

    private mutating func buildStems() {
        guard maxPrefixLength > 0 else { return }
        var all: [(block: Int, mixed: Int, end: Bool)] = []
        for id in 0..<prefixes.count {
            var p = prefixes.term(Int32(id))
            p.withUTF8 { bytes in
                var h = TermTable.seed, block = 0
                for k in 0..<min(bytes.count, 128) {
                    h = TermTable.step(h, bytes[k])
                    guard k + 1 >= minPrefixLength else { continue }
                    let m = HashFilter.mix(h)
                    if k + 1 == minPrefixLength { block = m }
                    all.append((block, m, k + 1 == bytes.count))
                }
            }
        }
        stems = StemFilter(parts: all.count)
        for part in all { stems.insert(block: stems.block(part.block), mixed: part.mixed, end: part.end) }
    }

    static func scopeBits(_ scope: QueryScope) -> UInt8 {
        switch scope {
        case .any: return MatchFields.title.rawValue | MatchFields.body.rawValue
        case .title: return MatchFields.title.rawValue
        case .source: return MatchFields.source.rawValue
        }
    }

    /// Whether this rule has no identical posting under the same term yet (an atom named
    /// twice in one clause, or two clauses with the same guard).
    private static func firstTime(_ key: UInt32, _ posting: SIMD4<UInt32>, _ seen: inout [(key: UInt32, posting: SIMD4<UInt32>)]) -> Bool {
        if seen.contains(where: { $0.key == key && $0.posting == posting }) { return false }
        seen.append((key, posting))
        return true
    }

    private static func post(_ lists: inout [[SIMD4<UInt32>]], _ id: Int32, _ posting: SIMD4<UInt32>) {
        while lists.count <= Int(id) { lists.append([]) }
        lists[Int(id)].append(posting)
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
        let scope = Self.scopeBits(a.scope)
        switch a.kind {
        case .word(let w):
            return Op.make(Op.word, scope: scope, payload: Int(terms.insert(w)))
        case .prefix(let p):
            let id = prefixes.insert(p)
            let n = min(p.utf8.count, 128)
            maxPrefixLength = max(maxPrefixLength, n)
            minPrefixLength = min(minPrefixLength, n)
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
            + labels.count * 16 + labelStart.count * 4 + stems.memoryBytes
    }
}

/// Postings per term id, flattened (compressed sparse rows). A posting is the rule id and
/// up to three guard atoms (`RuleMatcher.guardRef`, 0 = none), 16 bytes read in sequence.
struct Postings: Sendable {
    var offsets = PagedArray<Int32>(repeating: 0, count: 1)
    var entries = PagedArray<SIMD4<UInt32>>(repeating: .zero, count: 0)

    init() {}

    init(_ lists: [[SIMD4<UInt32>]], count: Int) {
        var offsets: [Int32] = [0]
        var entries: [SIMD4<UInt32>] = []
        offsets.reserveCapacity(count + 1)
        for id in 0..<count {
            if id < lists.count { entries += lists[id] }
            offsets.append(Int32(entries.count))
        }
        self.offsets = PagedArray(offsets)
        self.entries = PagedArray(entries)
    }

    var bytes: Int { offsets.count * 4 + entries.count * 16 }
}
