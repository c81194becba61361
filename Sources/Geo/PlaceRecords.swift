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

/// The fields disambiguation reads for every reading, with no reference-counted members so
/// the hot loop touches no strings: the place's kind, the indices (into `places`) of its
/// country and subdivision, and its prominence prior.
struct PlaceFacts: Sendable {
    var kind: Place.Kind
    var country: Int32
    /// -1 when the subdivision is unknown (or the place is a country).
    var subdivision: Int32
    /// See `GazetteerTables.prior`.
    var prior: Double
    /// One bit per small named group (a neighbourhood: Levant, Gulf states, Balkans…) the
    /// place's country belongs to; see `ReadingChooser.neighbourhoodSize`.
    var neighbourhoods: UInt64 = 0
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

    /// The flag a letter of the data file stands for (see scripts/geo/generate.py).
    init(letter: UInt8) {
        switch letter {
        case UInt8(ascii: "a"): self = .alternate
        case UInt8(ascii: "w"): self = .commonWord
        case UInt8(ascii: "p"): self = .personName
        case UInt8(ascii: "d"): self = .demonym
        case UInt8(ascii: "l"): self = .languageDemonym
        default: self = []
        }
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
