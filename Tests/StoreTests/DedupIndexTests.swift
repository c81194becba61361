import Testing
@testable import Store

/// The in-memory banded index against a plain model: after random adds (new ids, edits,
/// ids below the window's first), removals and expiry, every band and key lookup returns
/// exactly the model's entries.
@Suite struct DedupIndexTests {
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11 ^ state << 29
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func randomEntry(_ id: Int64, fetched: Double, _ rng: inout Rng) -> WindowEntry {
        // Few band values and keys, so chains are long and key buckets shared.
        let fp = (0..<4).reduce(UInt64(0)) { $0 | UInt64(rng.below(5)) << (16 * UInt64($1)) }
        return WindowEntry(story: id, fetched: fetched, seen: fetched, cluster: id, fingerprint: fp, long: rng.below(4) != 0,
                           titleKey: rng.below(3) == 0 ? nil : Int64(rng.below(7)) << 20,
                           leadKey: rng.below(3) == 0 ? nil : Int64(rng.below(7)) - 3, lead2Key: nil)
    }

    static func check(_ index: DedupIndex, _ model: [Int64: WindowEntry]) {
        #expect(index.count == model.count)
        for list in 0..<6 {
            let bands: [Int64] = [0, 1, 2, 3, 4]
            let titles: [Int64] = (0..<7).map { Int64($0) << 20 }
            let leads: [Int64] = [-3, -2, -1, 0, 1, 2, 3]
            for value in list < 4 ? bands : (list == 4 ? titles : leads) {
                var found: [Int64] = []
                index.forEach(list, value) { found.append($0.story) }
                let expected = model.values.filter { $0.isListed(list, value) }.map(\.story).sorted()
                #expect(found.sorted() == expected, "list \(list) value \(value)")
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func lookupsMatchAModel(seed: UInt64) {
        var rng = Rng(state: seed)
        var index = DedupIndex()
        var model: [Int64: WindowEntry] = [:]
        var nextID: Int64 = 1000
        var clock = 0.0
        for step in 0..<3000 {
            clock += 1
            switch rng.below(10) {
            case 0..<5:  // a new story, sometimes after a gap of ids
                nextID += rng.below(6) == 0 ? Int64(rng.below(50)) + 1 : 1
                let e = Self.randomEntry(nextID, fetched: clock, &rng)
                index.add(e)
                model[e.story] = e
            case 5, 6:  // an edit keeps the story's id and fetch time
                let ids = model.keys.sorted()
                if !ids.isEmpty {
                    let id = ids[rng.below(ids.count)]
                    let e = Self.randomEntry(id, fetched: model[id]!.fetched, &rng)
                    index.add(e)
                    model[id] = e
                }
            case 7:  // retention deletes a story
                if let id = model.keys.min(), rng.below(2) == 0 { index.remove(id); model[id] = nil }
                else if let id = model.keys.max() { index.remove(id); model[id] = nil }
            case 8:  // an id below the window's first
                let id = (model.keys.min() ?? 500) - Int64(rng.below(20)) - 1
                if id > 0, model[id] == nil {
                    let e = Self.randomEntry(id, fetched: clock, &rng)
                    index.add(e)
                    model[id] = e
                }
            default:
                let cutoff = clock - 400
                let removed = index.expire(fetchedBefore: cutoff)
                // Expiry walks ids in order and stops at the first story still inside.
                for id in model.keys.sorted() {
                    if model[id]!.fetched >= cutoff { break }
                    model[id] = nil
                }
                #expect(removed >= 0)
            }
            if step % 100 == 0 { Self.check(index, model) }
        }
        Self.check(index, model)
        #expect(index.inOrder.map(\.story) == model.keys.sorted())
    }

    @Test func keyChainsStayCorrectAcrossARehash() {
        var index = DedupIndex()
        for id in Int64(1)...20_000 {
            index.add(WindowEntry(story: id, fetched: 0, seen: 0, cluster: id, fingerprint: UInt64(id), long: false,
                                  titleKey: id % 9000, leadKey: id, lead2Key: nil))
        }
        var found: [Int64] = []
        index.forEach(DedupIndex.titleList, 17) { found.append($0.story) }
        #expect(found.sorted() == [17, 9017, 18017])
        found = []
        index.forEach(DedupIndex.leadList, 12345) { found.append($0.story) }
        #expect(found == [12345])
    }
}

/// Title and lead keys are stored with every story: hashing the terms one by one must give
/// the value the joined string gave, or stored stories would stop matching new copies.
@Suite struct StableHashTests {
    @Test(arguments: [[], ["one"], ["floods", "close", "the", "river", "port"], ["é", "日本", ""]])
    func termsHashLikeTheirJoinedString(_ terms: [String]) {
        var a = StableHash(), b = StableHash()
        a.add(joining: terms)
        b.add(terms.joined(separator: " "))
        #expect(a.value == b.value)
    }

    @Test func aKnownTitleKeepsItsKey() {
        // FNV-1a 64 of "floods close river port" followed by the field byte 0xFF.
        var h = StableHash()
        h.add("floods close river port")
        var expected: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in Array("floods close river port".utf8) + [0xFF] { expected = (expected ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        #expect(h.value == expected)
    }
}
