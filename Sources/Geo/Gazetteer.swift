import Tokens

/// What a region name in a rule file stands for.
public enum RegionResolution: Sendable, Equatable {
    /// A code ("IQ", "IQ-BB"), a place name ("Babylon" → IQ-BB), or a group's member countries.
    case codes([String])
    /// Not a code, name or group; `suggestion` is the closest known spelling, if any is close.
    case unknown(suggestion: String?)
}

/// Countries (ISO 3166-1), first-level subdivisions (ISO 3166-2), cities (GeoNames) and named
/// groups, decoded once from data compiled into the binary (see `scripts/geo/generate.py`
/// and `Data/ATTRIBUTION.md`). Immutable after loading, hence freely shared.
public final class Gazetteer: Sendable {
    /// The gazetteer built from the embedded data; loaded on first use.
    public static let shared = Gazetteer()

    let tables: GazetteerTables

    init(tables: GazetteerTables) {
        self.tables = tables
    }

    convenience init() {
        self.init(tables: GazetteerTables(text: GazetteerData.text))
    }

    /// Decodes a fresh gazetteer from the embedded data. Use `shared`; this exists to
    /// measure the loading cost (GeoBench, tests).
    public static func loadEmbedded() -> Gazetteer {
        Gazetteer()
    }

    /// Resolves a rule's region entry: an ISO code, a group slug ("middle-east",
    /// "Middle East"), or a country, subdivision or city name ("Babylon" → IQ-BB; a city
    /// stands for its subdivision or country). Case and accents do not matter.
    public func resolveRegion(_ name: String) -> RegionResolution {
        let trimmed = name.trimmingSpaces
        guard !trimmed.isEmpty else { return .unknown(suggestion: nil) }
        let upper = trimmed.uppercased()
        if tables.byCode[upper] != nil { return .codes([upper]) }
        if let group = tables.groups[Self.slug(trimmed)] {
            return .codes(group.countries.sorted())
        }
        let key = Tokenizer.terms(trimmed).joined(separator: " ")
        if let node = tables.trie.node(forKey: Substring(key)) {
            let codes = bestCodes(for: tables.trie.entries(at: node))
            if !codes.isEmpty { return .codes(codes) }
        }
        return .unknown(suggestion: suggestion(for: trimmed))
    }

    /// True when `code` lies within `ancestor`: the same code, a subdivision of a country
    /// (IQ-BB ⊂ IQ), a country or subdivision of a group's country (IQ-BB ⊂ middle-east),
    /// or a group all of whose countries are in another (gulf-states ⊂ middle-east).
    public func isWithin(_ code: String, _ ancestor: String) -> Bool {
        let c = normalize(code), a = normalize(ancestor)
        if c == a { return true }
        if let group = tables.groups[a] {
            if let inner = tables.groups[c] { return inner.countries.isSubset(of: group.countries) }
            return group.countries.contains(String(c.prefix(2)))
        }
        if a.utf8.count == 2, c.utf8.count > 3, c.hasPrefix(a + "-") { return true }
        return false
    }

    /// The display name of a country or subdivision code, or of a group slug.
    public func name(of code: String) -> String? {
        let c = normalize(code)
        if let i = tables.byCode[c] { return tables.places[Int(i)].name }
        return tables.groups[c]?.name
    }

    /// The slugs of all named groups ("middle-east", "eu", …), for help texts.
    public var groupSlugs: [String] { tables.groups.keys.sorted() }

    func place(_ index: Int32) -> Place { tables.places[Int(index)] }

    /// The place a code names (countries and subdivisions only).
    func place(code: String) -> Place? {
        tables.byCode[code].map { tables.places[Int($0)] }
    }

    // MARK: - Helpers

    private func normalize(_ code: String) -> String {
        let t = code.trimmingSpaces
        if tables.byCode[t.uppercased()] != nil { return t.uppercased() }
        let s = Self.slug(t)
        return tables.groups[s] != nil ? s : t.uppercased()
    }

    static func slug(_ s: String) -> String {
        String(s.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
    }

    /// For a rule's place name: countries win over subdivisions, subdivisions over cities;
    /// among several of the same kind every one is kept ("Punjab" is IN-PB and PK-PB),
    /// except cities, where the largest stands for the name.
    private func bestCodes(for entries: ArraySlice<NameEntry>) -> [String] {
        let places = entries.map { tables.places[Int($0.place)] }
        for kind in [Place.Kind.country, .subdivision] {
            let codes = places.filter { $0.kind == kind }.map(\.code)
            if !codes.isEmpty { return Array(Set(codes)).sorted() }
        }
        if let city = places.max(by: { $0.population < $1.population }) { return [city.code] }
        return []
    }

    /// The closest code, group slug, or country/subdivision name by edit distance, when it
    /// is close enough to be a plausible typo (at most a third of the word, at least 1).
    private func suggestion(for input: String) -> String? {
        let needle = Array(input.lowercased().unicodeScalars)
        let limit = max(1, min(3, needle.count / 3))
        var best: (String, Int)?
        func consider(_ candidate: String) {
            let d = EditDistance.levenshtein(needle, Array(candidate.lowercased().unicodeScalars), limit: limit)
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        for slug in tables.groups.keys.sorted() {
            consider(slug)
            consider(tables.groups[slug]!.name)
        }
        for p in tables.places where p.kind != .city {
            consider(p.name)
            consider(p.code)
        }
        if let (candidate, _) = best, let group = tables.groups.values.first(where: { $0.name == candidate }) {
            return group.slug
        }
        return best?.0
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
