/// A country, first-level subdivision or city of the gazetteer.
struct Place: Sendable {
    enum Kind: UInt8, Sendable { case country, subdivision, city }

    var kind: Kind
    /// The region code the place counts towards: its own ISO code for a country or
    /// subdivision; for a city, its subdivision where GeoNames' admin1 code maps to
    /// ISO 3166-2, else its country.
    var code: String
    var name: String
    /// ISO 3166-1 alpha-2 of the country the place lies in (itself for a country).
    var country: String
    /// GeoNames population; for subdivisions the sum of their cities over 15,000 people.
    var population: Int
    /// A national capital ("Washington" the capital outranks Washington the state).
    var isCapital: Bool

    /// The ISO 3166-2 code of the place's subdivision, when known.
    var subdivision: String? {
        code.utf8.count > 2 ? code : nil
    }
}

/// How a name refers to its place.
struct NameFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    /// A GeoNames alternate spelling; ranks below primary names.
    static let alternate = NameFlags(rawValue: 1)
    /// Also an ordinary English word ("Reading", "Mobile"): needs context to be a place.
    static let commonWord = NameFlags(rawValue: 2)
    /// Also a personal name ("Jordan", "Paris"): "Michael Jordan" is a person.
    static let personName = NameFlags(rawValue: 4)
    /// A demonym or adjective ("Iraqi").
    static let demonym = NameFlags(rawValue: 8)
    /// A demonym that is also a language ("French"): weaker evidence still.
    static let languageDemonym = NameFlags(rawValue: 16)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(letters: Substring) {
        var f: NameFlags = []
        for c in letters {
            switch c {
            case "a": f.insert(.alternate)
            case "w": f.insert(.commonWord)
            case "p": f.insert(.personName)
            case "d": f.insert(.demonym)
            case "l": f.insert(.languageDemonym)
            default: break
            }
        }
        self = f
    }
}

/// One reading of a name: which place, and how the name refers to it.
struct NameEntry: Sendable {
    var place: Int32
    var flags: NameFlags
}

/// A named group of countries ("middle-east"), with members expanded to country codes.
struct RegionGroup: Sendable {
    var slug: String
    var name: String
    /// Members as written in curated.txt: country codes or other groups' slugs.
    var members: [String]
    var countries: Set<String>
}

/// A trie over normalized terms, so multiword names ("New York", "Bosnia and Herzegovina")
/// are found in one left-to-right pass over the token stream. Terms are interned to
/// integers once; edges are a single integer-keyed dictionary, which keeps tens of
/// thousands of nodes cheap to build and to hold.
struct TermTrie: Sendable {
    static let root: Int32 = 0
    private(set) var termIDs: [String: Int32] = [:]
    private var edges: [UInt64: Int32] = [:]
    /// Range into `entries` per node (start, count); count 0 when no name ends there.
    private var nodeEntries: [(start: Int32, count: Int32)] = [(0, 0)]
    private var pending: [[NameEntry]] = [[]]
    private(set) var entries: [NameEntry] = []

    func termID(_ term: String) -> Int32? { termIDs[term] }

    func child(_ node: Int32, _ term: Int32) -> Int32? {
        edges[UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: term))]
    }

    func entries(at node: Int32) -> ArraySlice<NameEntry> {
        let r = nodeEntries[Int(node)]
        return entries[Int(r.start)..<Int(r.start + r.count)]
    }

    /// The node reached by a whole key of space-separated terms, if any.
    func node(forKey key: Substring) -> Int32? {
        var node = Self.root
        for term in key.split(separator: " ") {
            guard let id = termIDs[String(term)], let next = child(node, id) else { return nil }
            node = next
        }
        return node
    }

    mutating func insert(key: Substring, entry: NameEntry) {
        var node = Self.root
        for term in key.split(separator: " ") {
            let s = String(term)
            let id: Int32
            if let known = termIDs[s] {
                id = known
            } else {
                id = Int32(termIDs.count)
                termIDs[s] = id
            }
            let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
            if let next = edges[edge] {
                node = next
            } else {
                let next = Int32(pending.count)
                pending.append([])
                edges[edge] = next
                node = next
            }
        }
        pending[Int(node)].append(entry)
    }

    /// Flattens the per-node entry lists into one array (called once after loading).
    mutating func seal() {
        nodeEntries = []
        nodeEntries.reserveCapacity(pending.count)
        entries.reserveCapacity(pending.reduce(0) { $0 + $1.count })
        for list in pending {
            nodeEntries.append((Int32(entries.count), Int32(list.count)))
            entries.append(contentsOf: list)
        }
        pending = []
    }
}
