/// Everything the gazetteer knows, decoded once from the embedded data.
struct GazetteerTables: Sendable {
    var places: [Place] = []
    /// Country and subdivision codes → place index.
    var byCode: [String: Int32] = [:]
    var trie = TermTrie()
    var groups: [String: RegionGroup] = [:]
    /// Given names ("michael"): a capitalized one right before "Jordan" makes a person.
    var firstNames: Set<String> = []
    /// Names with their surface spelling, for the fold-parity test (see generate.py).
    var surfaces: [(surface: String, key: String)] = []

    /// Decodes the tab-separated records of `GazetteerData.text` (format in
    /// scripts/geo/generate.py). The data is generated, so a malformed line is a build
    /// defect; it is skipped rather than crashing the service.
    init(text: String, keepSurfaces: Bool = false) {
        var groupRows: [(String, String, [String])] = []
        places.reserveCapacity(13_000)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 2 else { continue }
            switch f[0] {
            case "C", "S", "T":
                guard f.count >= 6 else { continue }
                let kind: Place.Kind = f[0] == "C" ? .country : f[0] == "S" ? .subdivision : .city
                let code = String(f[1])
                let country = kind == .country ? code : String(f[3])
                let index = Int32(places.count)
                places.append(Place(kind: kind, code: code, name: String(f[2]), country: country,
                                    population: Int(f[4]) ?? 0, isCapital: f[5].contains("c")))
                if kind != .city { byCode[code] = index }
            case "N":
                guard f.count >= 4, let place = Int32(f[1]) else { continue }
                trie.insert(key: f[2], entry: NameEntry(place: place, flags: NameFlags(letters: f[3])))
                if keepSurfaces, f.count >= 5 { surfaces.append((String(f[4]), String(f[2]))) }
            case "G":
                guard f.count >= 4 else { continue }
                groupRows.append((String(f[1]), String(f[2]), f[3].split(separator: " ").map(String.init)))
            case "F":
                firstNames.insert(String(f[1]))
            default:
                continue
            }
        }
        trie.seal()
        for (slug, name, members) in groupRows {
            groups[slug] = RegionGroup(slug: slug, name: name, members: members, countries: [])
        }
        for slug in groups.keys {
            var seen: Set<String> = []
            groups[slug]!.countries = expand(slug, seen: &seen)
        }
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
