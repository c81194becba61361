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
    ///
    /// Runs on every story with a place name, so the tables are read through buffer
    /// pointers (the indices come from the trie, which was built with them) and both
    /// passes' support lists share one temporary block.
    func choose(_ candidates: [Candidate]) -> [NameEntry?] {
        let n = candidates.count
        var chosen = [NameEntry?](repeating: nil, count: n)
        withReadings(candidates) { r in
            chosen.withUnsafeMutableBufferPointer { chosen in
                // A candidate adds at most two regions (country, subdivision) to a list.
                withUnsafeTemporaryAllocation(of: Support.Entry.self, capacity: 4 * n + 2) { block in
                    r.choose(into: chosen, anchors: Support(block.baseAddress!), all: Support(block.baseAddress! + 2 * n + 1))
                }
            }
        }
        return chosen
    }

    /// True when candidate `q` names the country or subdivision that the place lies in.
    func qualifies(_ q: Candidate, _ f: PlaceFacts) -> Bool {
        withReadings([]) { $0.qualifies(q, f) }
    }

    func facts(_ e: NameEntry) -> PlaceFacts { facts[Int(e.place)] }

    private func withReadings<R>(_ candidates: [Candidate], _ body: (Readings) -> R) -> R {
        entries.withUnsafeBufferPointer { e in
            facts.withUnsafeBufferPointer { f in
                candidates.withUnsafeBufferPointer { body(Readings(entries: e, facts: f, candidates: $0)) }
            }
        }
    }
}

/// The chooser's work on one story, over buffer pointers to the gazetteer's readings and
/// facts and to the story's candidates (valid while `ReadingChooser.withReadings` runs).
private struct Readings {
    let entries: UnsafeBufferPointer<NameEntry>
    let facts: UnsafeBufferPointer<PlaceFacts>
    let candidates: UnsafeBufferPointer<Candidate>

    func facts(_ e: NameEntry) -> PlaceFacts { facts[Int(e.place)] }
    func facts(at i: Int) -> PlaceFacts { facts[Int(entries[i].place)] }

    func choose(into chosen: UnsafeMutableBufferPointer<NameEntry?>, anchors: Support, all: Support) {
        var anchors = anchors, all = all
        // Pass 1: anchors are the names that can only mean one country.
        for c in candidates where c.personCue == .none && !c.isCommonWord {
            let first = facts(at: c.entries.lowerBound)
            var oneCountry = true, oneSubdivision = true
            for i in c.entries {
                let f = facts(at: i)
                oneCountry = oneCountry && f.country == first.country
                oneSubdivision = oneSubdivision && f.subdivision == first.subdivision
            }
            if oneCountry {
                anchors.add(node: c.node, country: first.country, subdivision: oneSubdivision ? first.subdivision : -1)
            }
        }
        // Each name's reading given the anchors. Every reading accepted here supports the
        // others in pass 2, except repetitions of the same name (a name does not vouch for
        // itself); what a list answers does not depend on the order names were added, so
        // the list fills as the readings are chosen.
        for k in candidates.indices {
            let c = candidates[k]
            let e: NameEntry?
            if let fixed = settled(c) {
                e = fixed
            } else {
                e = pick(c, anchors)
            }
            chosen[k] = e
            if let e { all.add(node: c.node, country: facts(e).country, subdivision: facts(e).subdivision) }
        }
        // Pass 2: the weighed names again, with all that support; what `settled` decided stays.
        for k in candidates.indices where settled(candidates[k]) == nil {
            chosen[k] = pick(candidates[k], all)
        }
        // One sense per story: a name qualified once ("Paris, Texas") reads so throughout.
        for k in candidates.indices {
            let c = candidates[k]
            guard let q = c.qualifier, let e = chosen[k], qualifies(candidates[q], facts(e)) else { continue }
            for j in candidates.indices where candidates[j].node == c.node && chosen[j] != nil {
                chosen[j] = e
            }
        }
    }

    /// The choice for a candidate that support cannot change: none for a person's name
    /// ("Michael Jordan"), the one reading of a plain unambiguous name ("Iraq", "Baghdad",
    /// most names); nil when the readings must be weighed (`pick`).
    private func settled(_ c: Candidate) -> NameEntry?? {
        if c.personCue == .firstName || c.personCue == .followedByName { return .some(nil) }
        if c.entries.count == 1, c.personCue == .none, !c.isCommonWord, c.qualifier == nil {
            return entries[c.entries.lowerBound]
        }
        return nil
    }

    private func pick(_ c: Candidate, _ support: Support) -> NameEntry? {
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
            if e.flags.contains(.alternate) { score -= ReadingChooser.alternateMalus }
            if support.has(f.country, besides: c.node) {
                score += ReadingChooser.countrySupport
                supported = true
            }
            if f.subdivision >= 0, support.has(f.subdivision, besides: c.node) {
                score += ReadingChooser.subdivisionSupport
                supported = true
            }
            if let q = c.qualifier, qualifies(candidates[q], f) {
                score += ReadingChooser.qualifierSupport
                supported = true
            }
            if score > bestScore { (best, bestScore, bestSupported) = (e, score, supported) }
        }
        guard let entry = best else { return nil }
        // "East Palestine, Ohio": a town or country name qualified by a state it is not in
        // is some other place, unknown to the gazetteer.
        if let q = c.qualifier, !c.entries.contains(where: { facts(at: $0).kind == .subdivision }),
           candidates[q].entries.allSatisfy({ facts(at: $0).kind == .subdivision }),
           !c.entries.contains(where: { qualifies(candidates[q], facts(at: $0)) }) {
            return nil
        }
        if c.isCommonWord && !(c.caseEvidence || c.zone == .dateline || bestSupported) { return nil }
        if c.personCue == .speechVerb && c.zone != .dateline
            && !(bestSupported || inNeighbourhood(facts(entry).country, support, besides: c.node)) {
            return nil
        }
        return entry
    }

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
        return support.contains(besides: node) { facts[Int($0)].neighbourhoods & mine != 0 }
    }
}

/// Which names vouch for which countries and subdivisions (by place index). A name never
/// vouches for itself: a region is supported for a name when some *other* name (trie node)
/// contributed to it. A story has a few dozen regions at most, so a linear list beats
/// hashing; it lies in memory the caller provides, room for two regions per candidate and
/// one more.
private struct Support {
    /// Per region, the first contributing node, or -1 once two different nodes contributed.
    struct Entry {
        var region: Int32
        var soleNode: Int32
    }

    private let list: UnsafeMutablePointer<Entry>
    private var count = 0
    /// One bit per region of the list, by its low seven bits: most readings of an ambiguous
    /// name lie in regions the story does not mention ("San Jose" has dozens), and the bit
    /// turns them away without a walk over the list; a region new to the list is added
    /// without one too.
    private var low: UInt64 = 0, high: UInt64 = 0

    init(_ list: UnsafeMutablePointer<Entry>) {
        self.list = list
    }

    mutating func add(node: Int32, country: Int32, subdivision: Int32) {
        add(node: node, region: country)
        if subdivision >= 0 { add(node: node, region: subdivision) }
    }

    private mutating func add(node: Int32, region: Int32) {
        if mayHave(region) {
            let i = index(of: region)
            if i < count {
                if list[i].soleNode != node { list[i].soleNode = -1 }
                return
            }
        }
        (list + count).initialize(to: Entry(region: region, soleNode: node))
        count += 1
        if region & 64 == 0 { low |= 1 &<< region } else { high |= 1 &<< region }
    }

    func has(_ region: Int32, besides node: Int32) -> Bool {
        guard mayHave(region) else { return false }
        let i = index(of: region)
        return i < count && list[i].soleNode != node
    }

    /// False when `region` is certainly not in the list (its bit is clear).
    private func mayHave(_ region: Int32) -> Bool {
        (region & 64 == 0 ? low : high) &>> region & 1 != 0
    }

    /// The position of `region` in the list, or `count` when it is not there: the region is
    /// written to the free entry past the end first, so the scan needs no bound check
    /// (these scans were most of the chooser's instructions).
    private func index(of region: Int32) -> Int {
        (list + count).initialize(to: Entry(region: region, soleNode: -1))
        var i = 0
        while list[i].region != region { i &+= 1 }
        return i
    }

    /// True when some region that a name other than `node` contributed satisfies `test`.
    func contains(besides node: Int32, where test: (Int32) -> Bool) -> Bool {
        (0..<count).contains { list[$0].soleNode != node && test(list[$0].region) }
    }
}
