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

/// Finds place-name candidates in a token stream with the gazetteer's term trie.
///
/// A name must begin with a token that is not lowercase, so a lowercase common word
/// ("reading", "turkey", "us") is never a place; later words of a multiword name may be
/// lowercase ("Bosnia and Herzegovina", "Babil province", "Washington state").
struct MentionFinder {
    let gazetteer: Gazetteer
    let bytes: [UInt8]
    let tokens: [Token]

    static let speechVerbs: Set<String> = ["said", "says", "told", "added", "scored", "tweeted", "wrote",
                                           "insisted", "recalled", "joked", "smiled", "laughed", "shot", "dunked"]
    /// Capitalized words that may follow a place name without making it a person's name.
    static let placeFollowers: Set<String> = [
        "province", "governorate", "state", "city", "county", "region", "district", "river", "valley",
        "airport", "olympics", "games", "government", "police", "army", "summit", "agreement", "accord",
        "bay", "strip", "border", "coast", "island", "islands", "mountains", "lake", "sea", "gulf", "metro",
        "station", "port", "harbour", "harbor", "capital", "parliament", "ministry", "embassy", "consulate",
    ]

    /// All candidates, left to right, longest name first at each position.
    func find(zone: (Int) -> Mention.Zone, inTitle: Bool, titleCase: Bool) -> [Candidate] {
        let trie = gazetteer.tables.trie
        var out: [Candidate] = []
        var i = 0
        while i < tokens.count {
            let first = tokens[i]
            guard first.shape != .lower, let id = trie.termID(first.term),
                  var node = trie.child(TermTrie.root, id) else {
                i += 1
                continue
            }
            var best: (end: Int, node: Int32)?
            if trie.hasEntries(node) { best = (i + 1, node) }
            var j = i + 1
            while j < tokens.count, !tokens[j].sentenceStart,
                  let tid = trie.termID(tokens[j].term), let next = trie.child(node, tid) {
                node = next
                j += 1
                if trie.hasEntries(node) { best = (j, node) }
            }
            guard let (end, hit) = best else {
                i += 1
                continue
            }
            let evidence = !titleCase && !first.sentenceStart && first.shape != .lower
            let readings = trie.entryRange(at: hit)
            var c = Candidate(zone: zone(i), inTitle: inTitle, tokens: i..<end,
                              bytes: first.range.lowerBound..<tokens[end - 1].range.upperBound,
                              entries: readings, caseEvidence: evidence, node: hit)
            c.isCommonWord = trie.entries[readings].allSatisfy { $0.flags.contains(.commonWord) }
            c.isPersonName = trie.entries[readings].contains { $0.flags.contains(.personName) }
            if c.isPersonName || c.isCommonWord {
                c.personCue = personCue(start: i, end: end, titleCase: titleCase)
            }
            if let last = out.last, last.tokens.upperBound == i, gap(last.tokens.upperBound - 1, i).contains(UInt8(ascii: ",")) {
                out[out.count - 1].qualifier = out.count
            }
            out.append(c)
            i = end
        }
        return out
    }

    /// "Michael Jordan", "Jordan Peterson", "Jordan said"; and for ordinary words, names of
    /// things ("Mobile World Congress", "Reading Festival", "App Store").
    private func personCue(start: Int, end: Int, titleCase: Bool) -> Candidate.PersonCue {
        if start > 0 {
            let prev = tokens[start - 1]
            if prev.shape != .lower, isSpaces(gap(start - 1, start)) {
                if gazetteer.tables.firstNames.contains(prev.term) { return .firstName }
                if !titleCase, !prev.sentenceStart, prev.shape == .capitalized { return .followedByName }
            }
        }
        guard end < tokens.count, isSpaces(gap(end - 1, end)) else { return .none }
        let next = tokens[end]
        if Self.speechVerbs.contains(next.term) { return .speechVerb }
        if !titleCase, next.shape == .capitalized, !next.sentenceStart, !Self.placeFollowers.contains(next.term) {
            return .followedByName
        }
        return .none
    }

    /// The bytes between token `a` and the following token `b`.
    private func gap(_ a: Int, _ b: Int) -> ArraySlice<UInt8> {
        let lo = tokens[a].range.upperBound, hi = tokens[b].range.lowerBound
        return lo < hi && hi <= bytes.count ? bytes[lo..<hi] : []
    }

    private func isSpaces(_ s: ArraySlice<UInt8>) -> Bool {
        !s.isEmpty && s.allSatisfy { $0 == 0x20 }
    }
}

/// Layout facts about a story's text that decide how much a mention weighs.
enum StoryLayout {
    /// Title Case or ALL CAPS headlines (and the odd all-caps summary) capitalize
    /// everything, so a capital there is no evidence of a proper name ("Floods Hit Reading").
    /// Judged on the first 200 tokens: enough to tell, bounded for long texts.
    static func isTitleCase(_ tokens: [Token]) -> Bool {
        var words = 0, cased = 0
        for t in tokens.prefix(200) where t.term.utf8.count >= 4 {
            words += 1
            if t.shape == .capitalized || t.shape == .upper { cased += 1 }
        }
        return words >= 3 && cased * 4 >= words * 3
    }

    /// The end (UTF-8 offset) of a dateline such as "BAGHDAD (Reuters) —",
    /// "HILLAH, Iraq (AP) -" or "LONDON, March 3 (Reuters) -", or nil when the text has none.
    /// A dateline starts the text with a place in capitals, or ends with an agency in
    /// parentheses, and closes with a dash within the first 100 bytes.
    static func datelineEnd(bytes: [UInt8], tokens: [Token]) -> Int? {
        guard let first = tokens.first, first.range.lowerBound < 8 else { return nil }
        let limit = min(bytes.count, 100)
        var i = 0, sawParen = false
        while i < limit {
            let b = bytes[i]
            if b == UInt8(ascii: "(") { sawParen = true }
            let isDash = b == UInt8(ascii: "-") && i > 0 && bytes[i - 1] == 0x20
                || b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x94 || bytes[i + 2] == 0x93)
            if isDash {
                let upperStart = first.shape == .upper && first.term.utf8.count >= 3
                return upperStart || sawParen ? i : nil
            }
            i += 1
        }
        return nil
    }

    /// Index of the first token after the lead: the first three sentences (a dateline counts
    /// as one), at most 80 tokens.
    static func leadEnd(_ tokens: [Token]) -> Int {
        var starts = 0
        for (i, t) in tokens.enumerated() {
            if i >= 80 { return i }
            if t.sentenceStart {
                starts += 1
                if starts > 3 { return i }
            }
        }
        return tokens.count
    }
}
