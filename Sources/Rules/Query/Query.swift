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
    public var requiredAtoms: [QueryAtom]? {
        switch self {
        case .atom(let a):
            return [a]
        case .not:
            return nil
        case .or(let children):
            var all: [QueryAtom] = []
            for c in children {
                guard let r = c.requiredAtoms else { return nil }
                all += r
            }
            return all
        case .and(let children):
            var best: [QueryAtom]?
            for c in children {
                guard let r = c.requiredAtoms else { continue }
                if best == nil || Self.cost(r) < Self.cost(best!) { best = r }
            }
            return best
        }
    }

    /// The presearcher's guess of how often an atom set hits, without term statistics
    /// (Lucene Monitor's default weighs terms by length the same way): fewer atoms, longer
    /// words first, known-frequent words last (a phrase counts as its rarest word); prefixes cost more than the word
    /// they start.
    static func cost(_ atoms: [QueryAtom]) -> Int {
        func word(_ w: String) -> Int { CommonWords.all.contains(w) ? 1000 : 1000 / (w.utf8.count + 1) }
        return atoms.reduce(0) { sum, a in
            switch a.kind {
            case .word(let w): return sum + word(w)
            case .prefix(let p): return sum + word(p) * 2
            case .phrase(let ws): return sum + (ws.map(word).min() ?? 0) - 1  // indexed under its rarest word
            }
        }
    }

    /// Every atom with whether it counts positively (under an even number of NOTs).
    public func atoms(positive: Bool = true) -> [(atom: QueryAtom, positive: Bool)] {
        switch self {
        case .atom(let a): return [(a, positive)]
        case .not(let c): return c.atoms(positive: !positive)
        case .and(let cs), .or(let cs): return cs.flatMap { $0.atoms(positive: positive) }
        }
    }
}
