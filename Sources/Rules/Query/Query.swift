/// A parsed query (README "The query language"): a tree of atoms under AND, OR and NOT.
public indirect enum QueryNode: Sendable, Equatable {
    case atom(QueryAtom)
    case and([QueryNode])
    case or([QueryNode])
    case not(QueryNode)
}

/// Where in a story an atom must appear.
public enum QueryScope: String, Sendable, Equatable {
    /// Title, summary or text (unscoped words).
    case any
    /// `title:`
    case title
    /// `source:` — the source's name.
    case source
}

/// One searchable unit of a query, already normalized through `Tokens`.
public struct QueryAtom: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A whole word: `strike`.
        case word(String)
        /// Words starting with these letters: `militia*`.
        case prefix(String)
        /// Consecutive words: `"drone attack"`, and unquoted words the tokenizer splits
        /// (`Iran-backed`, `U.S.-led`, `北京`).
        case phrase([String])
    }

    public var kind: Kind
    public var scope: QueryScope
    /// Offset of the atom in the query, in Unicode scalars (for error columns).
    public var offset: Int

    public init(kind: Kind, scope: QueryScope, offset: Int) {
        self.kind = kind
        self.scope = scope
        self.offset = offset
    }

    /// The normalized form shown in `"matched": [...]` and `--explain`.
    public var display: String {
        let body: String
        switch kind {
        case .word(let w): body = w
        case .prefix(let p): body = p + "*"
        case .phrase(let terms): body = "\"" + terms.joined(separator: " ") + "\""
        }
        return scope == .any ? body : scope.rawValue + ":" + body
    }
}

/// A query that cannot be used, with where in the query the problem is.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Offset in Unicode scalars from the start of the query.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "query column \(offset + 1): \(message)" }
}

extension QueryNode {
    /// Atoms of which at least one must appear for the query to match, or nil when the query
    /// can match with no positive atom present (it only excludes). The presearcher indexes a
    /// rule under these atoms (as Lucene Monitor does); for AND it keeps the smallest set.
    public var requiredAtoms: [QueryAtom]? { requiredAtoms(weight: Self.defaultWeight) }

    /// The same, weighing words with `weight` (higher = more frequent in stories).
    func requiredAtoms(weight: (String) -> Int) -> [QueryAtom]? {
        switch self {
        case .atom(let a):
            return [a]
        case .not:
            return nil
        case .or(let children):
            var all: [QueryAtom] = []
            for c in children {
                guard let r = c.requiredAtoms(weight: weight) else { return nil }
                all += r
            }
            return all
        case .and(let children):
            var best: [QueryAtom]?
            var bestCost = 0
            for c in children {
                guard let r = c.requiredAtoms(weight: weight) else { continue }
                let cost = Self.cost(r, weight: weight)
                if best == nil || cost < bestCost { best = r; bestCost = cost }
            }
            return best
        }
    }

    /// The presearcher's guess of how often a word appears in a story without term
    /// statistics (Lucene Monitor's default weighs terms by length the same way): longer
    /// words are rarer, known-frequent words come last.
    public static func defaultWeight(_ w: String) -> Int {
        CommonWords.all.contains(w) ? 1000 : 1000 / (w.utf8.count + 1)
    }

    /// The presearcher's guess of how often an atom set hits: the sum of its atoms' weights
    /// (a phrase counts as its rarest word; prefixes cost more than the word they start).
    static func cost(_ atoms: [QueryAtom], weight: (String) -> Int = QueryNode.defaultWeight) -> Int {
        atoms.reduce(0) { sum, a in
            switch a.kind {
            case .word(let w): return sum + weight(w)
            case .prefix(let p): return sum + weight(p) * 2
            case .phrase(let ws): return sum + (ws.map(weight).min() ?? 0) - 1  // indexed under its rarest word
            }
        }
    }

    /// Every atom with whether it counts positively (under an even number of NOTs).
    public func atoms(positive: Bool = true) -> [(atom: QueryAtom, positive: Bool)] {
        var out: [(atom: QueryAtom, positive: Bool)] = []
        forEachAtom(positive: positive) { out.append(($0, $1)) }
        return out
    }

    /// Calls `body` with each atom in pre-order and whether it counts positively (under an
    /// even number of NOTs), without building arrays: compiling 100,000 rules walks every
    /// query for the term weights and again for the match labels.
    public func forEachAtom(positive: Bool = true, _ body: (QueryAtom, Bool) -> Void) {
        switch self {
        case .atom(let a): body(a, positive)
        case .not(let c): c.forEachAtom(positive: !positive, body)
        case .and(let cs), .or(let cs): for c in cs { c.forEachAtom(positive: positive, body) }
        }
    }
}
