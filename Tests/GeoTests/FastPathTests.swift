import Foundation
import Testing
import Tokens
@testable import Geo

/// The detector's fast paths give exactly what the plain ones give: the finder's one-probe
/// edge table (`TrieEdges`) finds the names the term table and edge lookups find, and
/// `regions` (no mentions) returns `detect`'s regions, weights included.
struct FastPathTests {
    let detector = PlaceDetector()
    let trie = Gazetteer.shared.tables.trie

    /// The finder's walk as it was before `TrieEdges`: term id, then edge, then node, per word.
    func referenceNames(_ text: ScannedText) -> [(tokens: Range<Int>, node: Int32)] {
        var out: [(Range<Int>, Int32)] = []
        var next = 0
        for i in 0..<text.count where i >= next && !text.isLower(at: i) {
            guard let id = trie.termID(text.term(at: i)), var node = trie.child(TermTrie.root, id) else { continue }
            var best: (end: Int, node: Int32)?
            if trie.hasEntries(node) { best = (i + 1, node) }
            var j = i + 1
            while j < text.count, !text.isSentenceStart(at: j), let tid = trie.termID(text.term(at: j)),
                  let step = trie.child(node, tid) {
                node = step
                j += 1
                if trie.hasEntries(node) { best = (j, node) }
            }
            guard let (end, hit) = best else { continue }
            out.append((i..<end, hit))
            next = end
        }
        return out
    }

    func expectSameNames(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = ScannedText(s)
        // The Title Case test stops early; it must say what the whole count says.
        let (words, cased) = text.caseCounts(in: 0..<200, minLength: 4)
        #expect(StoryLayout.isTitleCase(text) == (words >= 3 && cased * 4 >= words * 3), "\(s.prefix(80))",
                sourceLocation: sourceLocation)
        let found = MentionFinder(gazetteer: .shared, text: text).find(.title, titleCase: false).map { ($0.tokens, $0.node) }
        let expected = referenceNames(text)
        #expect(found.map(\.0) == expected.map(\.tokens) && found.map(\.1) == expected.map(\.node),
                "\(s.prefix(80)): \(found.map(\.0)) vs \(expected.map(\.tokens))", sourceLocation: sourceLocation)
    }

    /// Every name of the gazetteer as written, fifty to a sentence, so multiword names,
    /// names over 16 bytes and names that run into the next one are all walked both ways.
    @Test func edgeTableFindsEveryNameTheTermTableFinds() {
        let tables = GazetteerTables(text: GazetteerData.text, keepSurfaces: true)
        #expect(tables.surfaces.count > 1_000)
        let names = tables.surfaces.map(\.surface)
        for start in stride(from: 0, to: names.count, by: 50) {
            let chunk = names[start..<min(start + 50, names.count)]
            expectSameNames("Reports came from " + chunk.joined(separator: " and from ") + " today.")
            expectSameNames(chunk.joined(separator: " "))
        }
    }

    /// Every term as a first word: the edge table gives the node, readings and reading
    /// flags the term table, edge table and node entries give.
    @Test func edgeTableAgreesOnEveryTerm() {
        var missing: [String] = []
        for (id, term) in trie.terms.enumerated() {
            var bytes = term
            let slot = bytes.withUTF8 { trie.firstSlot($0) }
            let fast = slot >= 0 ? trie.edge(at: slot) : nil
            let slow = trie.child(TermTrie.root, Int32(id))
            if fast?.child != slow || fast?.entries != slow.map({ trie.entryRange(at: $0) }) {
                missing.append(term)
            }
            if let fast, let slow {
                let readings = trie.entries(at: slow)
                let common = !readings.isEmpty && readings.allSatisfy { $0.flags.contains(.commonWord) }
                let person = readings.contains { $0.flags.contains(.personName) }
                if fast.isCommonWord != common || fast.isPersonName != person || fast.hasEntries == readings.isEmpty {
                    missing.append(term)
                }
            }
        }
        #expect(missing.isEmpty, "\(missing.prefix(20))")
    }

    static let texts: [(title: String, text: String)] = PlaceDetectorTests.traps.map { ($0.title, $0.text) } + [
        ("The Hague hosts talks", "THE HAGUE (Reuters) - Delegates from Bosnia and Herzegovina and Saint Vincent and the Grenadines met in The Hague."),
        ("Storm in New York", "New York City and New Jersey braced for the storm. New Yorkers stocked up. The New York Times reported delays."),
        ("Llanfairpwllgwyngyll", "Visitors to Llanfairpwllgwyngyll, Wales, and to Kaliningrad Oblast were counted."),
        ("Strikes in Babil", "HILLAH, Iraq (AP) — A drone strike hit Babil province. Iraqi officials in Baghdad said Washington was consulted."),
        ("Michael Jordan said", "Michael Jordan said he would visit Jordan. Jordan said the talks in Amman went well."),
        ("", "reading nice mobile split bath turkey us georgia jordan paris washington"),
        ("FLOODS HIT READING AS THAMES BURSTS", "Residents of Reading were evacuated on Monday."),
        ("Floods Hit Reading As Thames Bursts Its Banks Again", "READING (PA) – Flood Warnings Were Issued For Reading And Oxford On Monday."),
        ("", String(repeating: "Officials In Baghdad Said The Talks Went Well And ", count: 30) + "then they went home."),
    ]

    @Test(arguments: texts.indices)
    func regionsEqualDetect(_ k: Int) {
        let (title, text) = Self.texts[k]
        let full = detector.detect(title: title, text: text, defaultRegion: "IQ")
        let fast = detector.regions(title: ScannedText(title), text: ScannedText(text), defaultRegion: "IQ")
        #expect(fast == full.regions)
        let story = ScannedStory(title: title, summary: "", text: text)
        #expect(detector.regions(story) == detector.detect(story).regions)
        expectSameNames(title)
        expectSameNames(text)
    }

    /// The labelled set of the accuracy benchmark (Benchmarks/GeoBench/labelled.jsonl):
    /// the same regions both ways, and the same names as the plain walk.
    @Test func labelledSetGivesTheSameRegionsBothWays() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Benchmarks/GeoBench/labelled.jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 150)
        for line in lines {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let title = obj["title"] as? String ?? "", text = obj["text"] as? String ?? ""
            let region = obj["default_region"] as? String
            let full = detector.detect(title: title, text: text, defaultRegion: region)
            #expect(detector.regions(title: ScannedText(title), text: ScannedText(text), defaultRegion: region) == full.regions)
            expectSameNames(title)
            expectSameNames(text)
        }
    }

    /// The dateline's end as a plain loop over the first 100 bytes finds it.
    static func referenceDatelineEnd(_ s: String) -> Int? {
        let text = ScannedText(s)
        guard text.count > 0, text.range(at: 0).lowerBound < 8 else { return nil }
        let upperStart = text.shape(at: 0) == .upper && text.termLength(at: 0) >= 3
        let bytes = Array(s.utf8)
        for i in 0..<min(bytes.count, 100) {
            let isDash = bytes[i] == UInt8(ascii: "-") ? i > 0 && bytes[i - 1] == 0x20
                : bytes[i] == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x94 || bytes[i + 2] == 0x93)
            if isDash { return upperStart || bytes[0..<i].contains(UInt8(ascii: "(")) ? i : nil }
        }
        return nil
    }

    static let datelines: [String] = [
        "BAGHDAD (Reuters) — Officials said", "HILLAH, Iraq (AP) - A drone", "LONDON, March 3 (Reuters) - Shares",
        "KYIV – Air raid sirens", "Kyiv (AFP) – Sirens", "Kyiv – sirens without a capital start",
        "NEW-YORK (AP) - a hyphen inside the first word, then a dash", "PARIS—no space before the dash",
        "ROME (ANSA) \u{2014}", "BERLIN (dpa) \u{201C}quoted\u{201D} - then a dash", "MADRID (EFE) \u{2192} arrow, no dash",
        String(repeating: "word ", count: 19) + "(AP) - dash at byte 100", String(repeating: "x", count: 98) + " -",
        String(repeating: "WORD ", count: 30) + "- too late", "  SEOUL (Yonhap) - leading spaces", "", "-", " -", "(A) -",
    ]

    /// The table has both texts with a dateline and texts without one.
    @Test func datelineTableHasBothKinds() {
        let found = Self.datelines.filter { Self.referenceDatelineEnd($0) != nil }.count
        #expect(found >= 6 && found <= Self.datelines.count - 6, "\(found)")
    }

    @Test(arguments: datelines)
    func datelineEndMatchesAPlainLoop(_ s: String) {
        #expect(StoryLayout.datelineEnd(ScannedText(s)) == Self.referenceDatelineEnd(s), "\(s)")
    }
}
