/// Decides which candidates are places and which place each one names.
///
/// The approach follows CLIFF-CLAVIN's heuristics (D'Ignazio et al., 2014): names with
/// one reading anchor the story's countries; an ambiguous name takes the reading that
/// shares a country (or subdivision) with the anchors, else the most prominent one
/// (`GazetteerTables.prior`: countries over subdivisions over cities, capitals over other
/// cities, larger over smaller). "Paris, Texas" style qualifiers override everything.
struct ReadingChooser {
    private let entries: [NameEntry]
    private let facts: [PlaceFacts]

    init(gazetteer: Gazetteer) {
        entries = gazetteer.tables.trie.entries
        facts = gazetteer.tables.facts
    }

    /// Added to a reading's score when another name is in the same country.
    static let countrySupport = 2.5
    /// Added when another name is in the same subdivision ("Seattle" for Washington state).
    static let subdivisionSupport = 1.5
    /// Added when the name is qualified by its country or subdivision ("Paris, Texas").
    static let qualifierSupport = 10.0
    /// Subtracted for a GeoNames alternate spelling.
    static let alternateMalus = 1.5

    /// For each candidate, the chosen entry, or nil when it is not a place here.
    func choose(_ candidates: [Candidate]) -> [NameEntry?] {
        var chosen = [NameEntry?](repeating: nil, count: candidates.count)
        // Pass 1: anchors are the names that can only mean one country.
        var anchors = Support()
        for c in candidates where c.personCue == .none && !c.isCommonWord {
            let first = facts(entries[c.entries.lowerBound])
            if c.entries.allSatisfy({ facts(entries[$0]).country == first.country }) {
                let sub = c.entries.allSatisfy({ facts(entries[$0]).subdivision == first.subdivision }) ? first.subdivision : -1
                anchors.add(node: c.node, country: first.country, subdivision: sub)
            }
        }
        for (k, c) in candidates.enumerated() { chosen[k] = pick(c, candidates, anchors) }
        // Pass 2: every accepted reading supports the others, except repetitions of the
        // same name (a name does not vouch for itself).
        var all = Support()
        for (k, e) in chosen.enumerated() {
            if let e { all.add(node: candidates[k].node, country: facts(e).country, subdivision: facts(e).subdivision) }
        }
        for (k, c) in candidates.enumerated() { chosen[k] = pick(c, candidates, all) }
        // One sense per story: a name qualified once ("Paris, Texas") reads so throughout.
        for (k, c) in candidates.enumerated() {
            guard let q = c.qualifier, let e = chosen[k], qualifies(candidates[q], facts(e)) else { continue }
            for j in candidates.indices where candidates[j].node == c.node && chosen[j] != nil {
                chosen[j] = e
            }
        }
        return chosen
    }

    private func pick(_ c: Candidate, _ all: [Candidate], _ support: Support) -> NameEntry? {
        if c.personCue == .firstName || c.personCue == .followedByName { return nil }
        // Most names have one reading and nothing to weigh ("Iraq", "Baghdad").
        if c.entries.count == 1, c.personCue == .none, !c.isCommonWord, c.qualifier == nil {
            return entries[c.entries.lowerBound]
        }
        var best: NameEntry?
        var bestScore = -Double.infinity, bestSupported = false
        // Alternate spellings are a fallback: "Philadelphia" is the US city, whatever else
        // was once called so.
        let primary = c.entries.contains { !entries[$0].flags.contains(.alternate) }
        for i in c.entries {
            let e = entries[i]
            if primary && e.flags.contains(.alternate) { continue }
            let f = facts(e)
            var score = f.prior, supported = false
            if e.flags.contains(.alternate) { score -= Self.alternateMalus }
            if support.has(f.country, besides: c.node) {
                score += Self.countrySupport
                supported = true
            }
            if f.subdivision >= 0, support.has(f.subdivision, besides: c.node) {
                score += Self.subdivisionSupport
                supported = true
            }
            if let q = c.qualifier, qualifies(all[q], f) {
                score += Self.qualifierSupport
                supported = true
            }
            if score > bestScore { (best, bestScore, bestSupported) = (e, score, supported) }
        }
        guard let entry = best else { return nil }
        // "East Palestine, Ohio": a town or country name qualified by a state it is not in
        // is some other place, unknown to the gazetteer.
        if let q = c.qualifier, !c.entries.contains(where: { facts(entries[$0]).kind == .subdivision }),
           all[q].entries.allSatisfy({ facts(entries[$0]).kind == .subdivision }),
           !c.entries.contains(where: { qualifies(all[q], facts(entries[$0])) }) {
            return nil
        }
        if c.isCommonWord && !(c.caseEvidence || c.zone == .dateline || bestSupported) { return nil }
        if c.personCue == .speechVerb && c.zone != .dateline
            && !(bestSupported || inNeighbourhood(facts(entry).country, support, besides: c.node)) {
            return nil
        }
        return entry
    }

    /// True when candidate `q` names the country or subdivision that the place lies in.
    func qualifies(_ q: Candidate, _ f: PlaceFacts) -> Bool {
        q.entries.contains { i in
            let e = entries[i]
            let qf = facts(e)
            switch qf.kind {
            case .country: return qf.country == f.country
            case .subdivision: return e.place == f.subdivision
            case .city: return false
            }
        }
    }

    /// True when another name of the story lies in a neighbourhood of `country`
    /// (`GazetteerTables.neighbourhoodSize`).
    private func inNeighbourhood(_ country: Int32, _ support: Support, besides node: Int32) -> Bool {
        let mine = facts[Int(country)].neighbourhoods
        guard mine != 0 else { return false }
        return support.regions(besides: node).contains { facts[Int($0)].neighbourhoods & mine != 0 }
    }

    func facts(_ e: NameEntry) -> PlaceFacts { facts[Int(e.place)] }
}

/// Which names vouch for which countries and subdivisions (by place index). A name never
/// vouches for itself: a region is supported for a name when some *other* name (trie node)
/// contributed to it. A story has a few dozen regions at most, so a linear list beats
/// hashing.
private struct Support {
    /// Per region, the first contributing node, or -1 once two different nodes contributed
    /// (pairs in one array: one allocation per story).
    private var entries: [(region: Int32, soleNode: Int32)] = []

    mutating func add(node: Int32, country: Int32, subdivision: Int32) {
        add(node: node, region: country)
        if subdivision >= 0 { add(node: node, region: subdivision) }
    }

    private mutating func add(node: Int32, region: Int32) {
        if let i = entries.firstIndex(where: { $0.region == region }) {
            if entries[i].soleNode != node { entries[i].soleNode = -1 }
        } else {
            entries.append((region, node))
        }
    }

    func has(_ region: Int32, besides node: Int32) -> Bool {
        guard let e = entries.first(where: { $0.region == region }) else { return false }
        return e.soleNode != node
    }

    func regions(besides node: Int32) -> [Int32] {
        entries.compactMap { $0.soleNode != node ? $0.region : nil }
    }
}
