import Foundation
/// Decides which candidates are places and which place each one names.
///
/// The approach follows CLIFF-CLAVIN's heuristics (D'Ignazio et al., 2014): names with
/// one reading anchor the story's countries; an ambiguous name takes the reading that
/// shares a country (or subdivision) with the anchors, else the most prominent one
/// (countries over subdivisions over cities, capitals over other cities, larger over
/// smaller). "Paris, Texas" style qualifiers override everything.
struct ReadingChooser {
    let gazetteer: Gazetteer

    /// Added to a reading's score when another mention is in the same country.
    static let countrySupport = 2.5
    /// Added when another mention is in the same subdivision ("Seattle" for Washington state).
    static let subdivisionSupport = 1.5
    /// Added when the name is qualified by its country or subdivision ("Paris, Texas").
    static let qualifierSupport = 10.0
    /// Groups this small count as a neighbourhood: "Jordan said" is the country when the
    /// story also names Iraq or Israel, a basketball player otherwise.
    static let neighbourhoodSize = 25

    /// For each candidate, the chosen entry, or nil when it is not a place here.
    func choose(_ candidates: [Candidate]) -> [NameEntry?] {
        var chosen = [NameEntry?](repeating: nil, count: candidates.count)
        // Pass 1: anchors are the mentions that can only mean one country.
        var anchors = Support()
        for (k, c) in candidates.enumerated() where c.personCue == .none && !c.isCommonWord {
            let countries = Set(c.entries.map { place($0).country })
            if countries.count == 1 { anchors.add(k, country: countries.first!, subdivision: commonSubdivision(c)) }
        }
        for (k, c) in candidates.enumerated() { chosen[k] = pick(k, c, candidates, anchors) }
        // Pass 2: every accepted reading supports the others, except repetitions of the
        // same name (a name does not vouch for itself).
        var all = Support()
        for (k, e) in chosen.enumerated() {
            if let e { all.add(k, country: place(e).country, subdivision: place(e).subdivision) }
        }
        for (k, c) in candidates.enumerated() {
            let same = candidates.indices.filter { candidates[$0].node == c.node }
            chosen[k] = pick(k, c, candidates, all.without(same))
        }
        // One sense per story: a name qualified once ("Paris, Texas") reads so throughout.
        for (k, c) in candidates.enumerated() {
            guard let q = c.qualifier, let e = chosen[k], qualifies(candidates[q], place(e)) else { continue }
            for j in candidates.indices where candidates[j].node == c.node && chosen[j] != nil {
                chosen[j] = e
            }
        }
        return chosen
    }

    private func pick(_ k: Int, _ c: Candidate, _ all: [Candidate], _ support: Support) -> NameEntry? {
        if c.personCue == .firstName || c.personCue == .followedByName { return nil }
        var best: (NameEntry, Double, Bool)?
        // Alternate spellings are a fallback: "Philadelphia" is the US city, whatever else
        // was once called so.
        let primary = c.entries.contains { !$0.flags.contains(.alternate) }
        for e in c.entries where !(primary && e.flags.contains(.alternate)) {
            let p = place(e)
            var score = prior(p, e.flags), supported = false
            if support.hasCountry(p.country, besides: k) {
                score += Self.countrySupport
                supported = true
            }
            if let sub = p.subdivision, support.hasSubdivision(sub, besides: k) {
                score += Self.subdivisionSupport
                supported = true
            }
            if let q = c.qualifier, qualifies(all[q], p) {
                score += Self.qualifierSupport
                supported = true
            }
            if best == nil || score > best!.1 { best = (e, score, supported) }
        }
        guard let (entry, _, supported) = best else { return nil }
        // "East Palestine, Ohio": a town or country name qualified by a state it is not in
        // is some other place, unknown to the gazetteer.
        if let q = c.qualifier, !c.entries.contains(where: { place($0).kind == .subdivision }),
           all[q].entries.allSatisfy({ place($0).kind == .subdivision }),
           !c.entries.contains(where: { qualifies(all[q], place($0)) }) {
            return nil
        }
        if c.isCommonWord && !(c.caseEvidence || c.zone == .dateline || supported) { return nil }
        if c.personCue == .speechVerb && c.zone != .dateline
            && !(supported || inNeighbourhood(place(entry).country, support, besides: k)) {
            return nil
        }
        return entry
    }

    /// Prominence of a reading when nothing else decides: log population, plus a bonus
    /// by kind, a bonus for capitals, a malus for alternate spellings.
    func prior(_ p: Place, _ flags: NameFlags) -> Double {
        var s = log10(Double(max(p.population, 1_000)))
        switch p.kind {
        case .country: s += 3
        case .subdivision: s += 1
        case .city: break
        }
        if p.isCapital { s += 2.5 }
        if flags.contains(.alternate) { s -= 1.5 }
        return s
    }

    func qualifies(_ q: Candidate, _ p: Place) -> Bool {
        q.entries.contains { e in
            let qp = place(e)
            switch qp.kind {
            case .country: return qp.country == p.country
            case .subdivision: return qp.code == p.subdivision
            case .city: return false
            }
        }
    }

    private func inNeighbourhood(_ country: String, _ support: Support, besides k: Int) -> Bool {
        let others = support.countries(besides: k)
        guard !others.isEmpty else { return false }
        return gazetteer.tables.groups.values.contains { g in
            g.countries.count <= Self.neighbourhoodSize && g.countries.contains(country)
                && !g.countries.isDisjoint(with: others)
        }
    }

    private func commonSubdivision(_ c: Candidate) -> String? {
        let subs = Set(c.entries.map { place($0).subdivision })
        return subs.count == 1 ? subs.first! : nil
    }

    private func place(_ e: NameEntry) -> Place { gazetteer.tables.places[Int(e.place)] }
}

/// Which candidates vouch for which countries and subdivisions.
private struct Support {
    private var countries: [String: [Int]] = [:]
    private var subdivisions: [String: [Int]] = [:]

    mutating func add(_ k: Int, country: String, subdivision: String?) {
        countries[country, default: []].append(k)
        if let subdivision { subdivisions[subdivision, default: []].append(k) }
    }

    func hasCountry(_ c: String, besides k: Int) -> Bool {
        countries[c]?.contains { $0 != k } ?? false
    }

    func hasSubdivision(_ s: String, besides k: Int) -> Bool {
        subdivisions[s]?.contains { $0 != k } ?? false
    }

    /// The same support without the given candidates' contributions.
    func without(_ ks: [Int]) -> Support {
        guard ks.count > 1 else { return self }
        var s = self
        s.countries = s.countries.mapValues { $0.filter { !ks.contains($0) } }
        s.subdivisions = s.subdivisions.mapValues { $0.filter { !ks.contains($0) } }
        return s
    }

    func countries(besides k: Int) -> Set<String> {
        Set(countries.compactMap { key, ks in ks.contains { $0 != k } ? key : nil })
    }
}
