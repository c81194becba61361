import Tokens

/// A name found in the token stream, before disambiguation.
struct Candidate {
    /// What in the context argues the name is not a place.
    enum PersonCue {
        case none
        /// "Michael Jordan"
        case firstName
        /// Next to another capitalized word: "Jordan Peterson", "App Store".
        case followedByName
        /// "Jordan said": a person unless the story's other places make it the country.
        case speechVerb
    }

    var zone: Mention.Zone
    var inTitle: Bool
    /// Token indices (into the title's or the text's tokens) and UTF-8 bytes covered.
    var tokens: Range<Int>
    var bytes: Range<Int>
    /// The name's readings: indices into `TermTrie.entries` (a plain range keeps the
    /// candidate free of reference counting).
    var entries: Range<Int>
    /// Capitalized where a capital means something: not at a sentence start and not in a
    /// headline written in Title Case.
    var caseEvidence: Bool
    var personCue: PersonCue = .none
    /// The candidate right after ", " ("Paris, Texas"; "HILLAH, Iraq"), which narrows this one.
    var qualifier: Int?
    /// The trie node of the name: candidates with the same node are the same name.
    var node: Int32

    /// Every reading is an ordinary word ("Reading", "Nice"): a place only with context.
    var isCommonWord = false
    /// Some reading is also a personal name ("Jordan").
    var isPersonName = false
}

/// Finds place-name candidates in a scanned text with the gazetteer's term trie.
///
/// A name must begin with a token that is not lowercase, so a lowercase common word
/// ("reading", "turkey", "us") is never a place; later words of a multiword name may be
/// lowercase ("Bosnia and Herzegovina", "Babil province", "Washington state"). The
/// lowercase test is a flag of the scan, made before any hashing, and most words of a story
/// stop there; the rest, and the words around a name that may be a person's, are looked up
/// by their folded bytes, so no word becomes a String.
struct MentionFinder {
    let gazetteer: Gazetteer
    let text: ScannedText

    /// Where mentions stand, for their weight: tokens ending by `datelineEnd` (a byte
    /// offset) are the dateline, tokens before `leadEnd` the lead, the rest the body.
    struct Zones {
        var inTitle: Bool
        var datelineEnd: Int?
        var leadEnd: Int

        static let title = Zones(inTitle: true, datelineEnd: nil, leadEnd: 0)

        func zone(of range: Range<Int>, token: Int) -> Mention.Zone {
            if inTitle { return .title }
            if let d = datelineEnd, range.upperBound <= d { return .dateline }
            return token < leadEnd ? .lead : .body
        }
    }

    static let speechVerbs = TermSet(["said", "says", "told", "added", "scored", "tweeted", "wrote",
                                      "insisted", "recalled", "joked", "smiled", "laughed", "shot", "dunked"])
    /// Capitalized words that may follow a place name without making it a person's name.
    static let placeFollowers = TermSet([
        "province", "governorate", "state", "city", "county", "region", "district", "river", "valley",
        "airport", "olympics", "games", "government", "police", "army", "summit", "agreement", "accord",
        "bay", "strip", "border", "coast", "island", "islands", "mountains", "lake", "sea", "gulf", "metro",
        "station", "port", "harbour", "harbor", "capital", "parliament", "ministry", "embassy", "consulate",
    ])

    /// All candidates, left to right, longest name first at each position.
    func find(_ zones: Zones, titleCase: Bool) -> [Candidate] {
        var out: [Candidate] = []
        find(zones, titleCase: titleCase, into: &out)
        return out
    }

    /// The same, appended to `out` (the title's candidates, then the text's, in one array:
    /// `qualifier` indexes `out`).
    func find(_ zones: Zones, titleCase: Bool, into out: inout [Candidate]) {
        let first = out.count
        let n = text.count
        // First the cheap test of every cased word, in a loop of its own: its filter loads
        // are independent of each other, so their cache misses overlap (after the matcher
        // has run, the filter is rarely in cache), and the loop has no data-dependent
        // branch: each word is written down and kept when it passes. About one cased word
        // in seven passes.
        // Then the slot of the edge table each passing word names (`TermTrie.firstSlot`,
        // by the hash the filter computed), again in a loop of its own so those misses
        // overlap too; a word that starts no name (a third of them) is dropped there, and
        // the walk below finds the slots of the rest in cache.
        // All in one temporary block: the passing words' hashes, token indices and slots.
        // The trie is read in place (`gazetteer.tables.trie`): a local copy of it would
        // retain and release its arrays for every text.
        let cap = text.casedCount
        withUnsafeTemporaryAllocation(byteCount: 16 * cap + 8, alignment: 8) { block in
            let hashes = block.baseAddress!.bindMemory(to: UInt64.self, capacity: cap)
            let words = (block.baseAddress! + 8 * cap).bindMemory(to: Int32.self, capacity: 2 * cap + 2)
            let slots = words + cap
            var kept = 0
            gazetteer.tables.trie.withStartFilter { filter in
                text.forEachCasedHead { i, length, head in
                    let h = TermTrie.startHash(head: head, length: length)
                    words[kept] = Int32(truncatingIfNeeded: i)
                    hashes[kept] = h
                    kept &+= filter.bit(h)
                }
            }
            var starts = 0
            for k in 0..<kept {
                let i = words[k]
                let slot = text.withTerm(at: Int(i)) { gazetteer.tables.trie.firstSlot($0, startHash: hashes[k]) }
                words[starts] = i
                slots[starts] = Int32(truncatingIfNeeded: slot)
                starts &+= slot < 0 ? 0 : 1
            }
            // Each candidate starts at one of these words: room for all of them at once, so
            // a long text's candidates are not copied as the array doubles.
            out.reserveCapacity(out.count + starts)
            var next = 0
            for k in 0..<starts {
                let i = Int(words[k])
                guard i >= next else { continue }
                // The walk keeps slot indices: a slot copied across the call for the next
                // word would be 56 bytes through memory on every step.
                var slot = Int(slots[k]), best = -1, end = 0
                if gazetteer.tables.trie.edge(at: slot).hasEntries { (best, end) = (slot, i + 1) }
                var j = i + 1
                while gazetteer.tables.trie.edge(at: slot).childMask != 0, j < n, !text.isSentenceStart(at: j) {
                    let from = slot
                    slot = text.withTerm(at: j) { gazetteer.tables.trie.nextSlot(after: from, $0) }
                    guard slot >= 0 else { break }
                    j += 1
                    if gazetteer.tables.trie.edge(at: slot).hasEntries { (best, end) = (slot, j) }
                }
                guard best >= 0 else { continue }
                let hit = gazetteer.tables.trie.edge(at: best)
                let evidence = !titleCase && !text.isSentenceStart(at: i)
                let bytes = text.range(at: i).lowerBound..<text.range(at: end - 1).upperBound
                var c = Candidate(zone: zones.zone(of: text.range(at: i), token: i), inTitle: zones.inTitle,
                                  tokens: i..<end, bytes: bytes, entries: hit.entries, caseEvidence: evidence, node: hit.child)
                c.isCommonWord = hit.isCommonWord
                c.isPersonName = hit.isPersonName
                if c.isPersonName || c.isCommonWord {
                    c.personCue = personCue(start: i, end: end, titleCase: titleCase)
                }
                if out.count > first, let last = out.last, last.tokens.upperBound == i,
                   gap(last.tokens.upperBound - 1, i, { $0.contains(UInt8(ascii: ",")) }) {
                    out[out.count - 1].qualifier = out.count
                }
                out.append(c)
                next = end
            }
        }
    }

    /// "Michael Jordan", "Jordan Peterson", "Jordan said"; and for ordinary words, names of
    /// things ("Mobile World Congress", "Reading Festival", "App Store").
    private func personCue(start: Int, end: Int, titleCase: Bool) -> Candidate.PersonCue {
        if start > 0 {
            let prev = start - 1
            if !text.isLower(at: prev), gap(prev, start, Self.isSpaces) {
                if text.withTerm(at: prev, { gazetteer.tables.firstNames.contains($0) }) { return .firstName }
                if !titleCase, !text.isSentenceStart(at: prev), text.shape(at: prev) == .capitalized { return .followedByName }
            }
        }
        guard end < text.count, gap(end - 1, end, Self.isSpaces) else { return .none }
        if text.withTerm(at: end, { Self.speechVerbs.contains($0) }) { return .speechVerb }
        if !titleCase, text.shape(at: end) == .capitalized, !text.isSentenceStart(at: end),
           !text.withTerm(at: end, { Self.placeFollowers.contains($0) }) {
            return .followedByName
        }
        return .none
    }

    /// `test` of the bytes between token `a` and the following token `b`, read in place.
    private func gap(_ a: Int, _ b: Int, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        let lo = text.range(at: a).upperBound, hi = text.range(at: b).lowerBound
        return text.withUTF8 { u in
            test(lo < hi && hi <= u.count ? UnsafeBufferPointer(rebasing: u[lo..<hi]) : UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    private static func isSpaces(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        !s.isEmpty && s.allSatisfy { $0 == 0x20 }
    }
}
