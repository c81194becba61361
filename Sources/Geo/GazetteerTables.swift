import Foundation

/// Everything the gazetteer knows, decoded once from the embedded data.
struct GazetteerTables: Sendable {
    var places: [Place] = []
    /// `facts[i]` describes `places[i]`.
    var facts: [PlaceFacts] = []
    /// Country and subdivision codes → place index.
    var byCode: [String: Int32] = [:]
    var trie = TermTrie()
    var groups: [String: RegionGroup] = [:]
    /// Given names ("michael"): a capitalized one right before "Jordan" makes a person.
    var firstNames = TermSet()
    /// Names with their surface spelling, for the fold-parity test (see generate.py).
    var surfaces: [(surface: String, key: String)] = []

    /// Decodes the tab-separated records of `GazetteerData.text` (format in
    /// scripts/geo/generate.py). The data is generated, so a malformed line is a build
    /// defect; it is skipped rather than crashing the service. Parsing works on the UTF-8
    /// bytes directly: splitting a 0.8 MB String by Characters costs several times more.
    init(text: String, keepSurfaces: Bool = false) {
        var text = text
        var groupRows: [(String, String, [String])] = []
        var firstNameList: [String] = []
        places.reserveCapacity(13_000)
        text.withUTF8 { buf in
            var fields: [Range<Int>] = []
            fields.reserveCapacity(8)
            func str(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: buf[r]), as: UTF8.self) }
            func int(_ r: Range<Int>) -> Int {
                var v = 0
                for i in r { v = v * 10 + Int(buf[i] &- 48) }
                return v
            }
            var lineStart = 0
            while lineStart < buf.count {
                var end = lineStart
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                while end < buf.count && buf[end] != 10 {
                    if buf[end] == 9 {
                        fields.append(fieldStart..<end)
                        fieldStart = end + 1
                    }
                    end += 1
                }
                fields.append(fieldStart..<end)
                defer { lineStart = end + 1 }
                guard fields.count >= 2, fields[0].count == 1 else { continue }
                switch buf[fields[0].lowerBound] {
                case UInt8(ascii: "C"), UInt8(ascii: "S"), UInt8(ascii: "T"):
                    guard fields.count >= 6 else { continue }
                    let k = buf[fields[0].lowerBound]
                    let kind: Place.Kind = k == UInt8(ascii: "C") ? .country : k == UInt8(ascii: "S") ? .subdivision : .city
                    let code = str(fields[1])
                    let index = Int32(places.count)
                    places.append(Place(kind: kind, code: code, name: str(fields[2]),
                                        country: kind == .country ? code : str(fields[3]),
                                        population: int(fields[4]), isCapital: !fields[5].isEmpty))
                    if kind != .city { byCode[code] = index }
                case UInt8(ascii: "N"):
                    guard fields.count >= 4 else { continue }
                    var flags: NameFlags = []
                    for i in fields[3] { flags.formUnion(NameFlags(letter: buf[i])) }
                    let key = UnsafeBufferPointer(rebasing: buf[fields[2]])
                    trie.insert(key: key, entry: NameEntry(place: Int32(int(fields[1])), flags: flags))
                    if keepSurfaces, fields.count >= 5 { surfaces.append((str(fields[4]), str(fields[2]))) }
                case UInt8(ascii: "G"):
                    guard fields.count >= 4 else { continue }
                    groupRows.append((str(fields[1]), str(fields[2]), str(fields[3]).split(separator: " ").map(String.init)))
                case UInt8(ascii: "F"):
                    firstNameList.append(str(fields[1]))
                default:
                    continue
                }
            }
        }
        trie.seal()
        firstNames = TermSet(firstNameList)
        facts = places.map { p in
            let country = byCode[p.country] ?? -1
            let sub = p.kind == .country ? -1 : (p.subdivision.flatMap { byCode[$0] } ?? -1)
            return PlaceFacts(kind: p.kind, country: country, subdivision: sub, prior: Self.prior(p))
        }
        for (slug, name, members) in groupRows {
            groups[slug] = RegionGroup(slug: slug, name: name, members: members, countries: [])
        }
        for slug in groups.keys {
            var seen: Set<String> = []
            groups[slug]!.countries = expand(slug, seen: &seen)
        }
        let small = groups.values.filter { $0.countries.count <= Self.neighbourhoodSize }
            .sorted { $0.slug < $1.slug }.prefix(64)
        for (bit, group) in small.enumerated() {
            for code in group.countries {
                if let i = byCode[code] { facts[Int(i)].neighbourhoods |= 1 << UInt64(bit) }
            }
        }
        for i in facts.indices where facts[i].kind != .country && facts[i].country >= 0 {
            facts[i].neighbourhoods = facts[Int(facts[i].country)].neighbourhoods
        }
    }

    /// Groups this small count as a neighbourhood: "Jordan said" is the country when the
    /// story also names Iraq or Israel, a basketball player otherwise.
    static let neighbourhoodSize = 25

    /// Prominence of a place when nothing else decides which one a name means: log
    /// population, +3 for a country, +1 for a subdivision, +2.5 for a national capital
    /// (Washington the capital over Washington the state; Paris, France over Paris, Texas).
    static func prior(_ p: Place) -> Double {
        var s = log10(Double(max(p.population, 1_000)))
        switch p.kind {
        case .country: s += 3
        case .subdivision: s += 1
        case .city: break
        }
        if p.isCapital { s += 2.5 }
        return s
    }

    /// A group's countries, following member groups (cycles are cut).
    private func expand(_ slug: String, seen: inout Set<String>) -> Set<String> {
        guard let group = groups[slug], seen.insert(slug).inserted else { return [] }
        var out: Set<String> = []
        for m in group.members {
            if groups[m] != nil {
                out.formUnion(expand(m, seen: &seen))
            } else {
                out.insert(m)
            }
        }
        return out
    }
}
