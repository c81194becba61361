import Testing
import Tokens
@testable import Rules

/// The per-story word cache and packed term state must not change what matches: a repeated
/// word still records its field and phrase position, a word that begins a prefix term is
/// marked in every field, and a scratch handed a rebuilt matcher of the same size forgets
/// the old one's phrase terms.
@Suite struct MatchScratchTests {
    static func matcher(_ queries: [String]) throws -> RuleMatcher {
        RuleMatcher(rules: try queries.enumerated().map {
            MatcherRule(owner: "o", rule: "r\($0.offset)", channels: [], query: try QueryParser.parse($0.element))
        })
    }

    static let filler = (0..<64).map { "filler\($0)" }.joined(separator: " ")

    @Test(arguments: [
        // The word is cached from the title; its later sight in the source still counts.
        ("source:reuters strike", MatchInput(title: "Reuters strike", source: "Reuters"), ["r0"]),
        ("source:reuters strike", MatchInput(title: "Reuters strike", source: "AP"), []),
        // A cached prefix word is marked in each field it turns up in, and only there.
        ("title:militia* strike", MatchInput(title: "strike", text: "militias militias"), []),
        ("title:militia* strike", MatchInput(title: "militias strike", text: "militias"), ["r0"]),
        // The same with many other words between the sights.
        ("title:militia* strike", MatchInput(title: "strike", text: "militias \(filler) militias"), []),
        ("source:reut* strike", MatchInput(title: "strike", text: "reuters \(filler) reuters", source: "Reuters"), ["r0"]),
        ("source:reut* strike", MatchInput(title: "strike", text: "reuters \(filler)", source: "AP"), []),
        ("title:reut* strike", MatchInput(title: "strike", text: "reuters \(filler)", source: "Reuters"), []),
        ("\"the militia\"", MatchInput(title: "strike", text: "militia the \(filler) the militia"), ["r0"]),
        // A phrase whose words repeat: each occurrence keeps its position.
        ("\"the militia\"", MatchInput(title: "the the militia the", text: "the"), ["r0"]),
        ("\"militia the\"", MatchInput(title: "the the militia", text: "the militia"), []),
        // Words of 8, 9, 16 and 17 bytes repeated across fields, cached and not.
        ("title:peshmerga internationalists", MatchInput(title: "Peshmerga Internationalists", text: "peshmerga internationalists"), ["r0"]),
        ("title:baghdadi \"kurdistan internationalist\"", MatchInput(title: "Kurdistan internationalist Baghdadi",
                                                                   text: "baghdadi kurdistan internationalist"), ["r0"]),
        ("title:baghdadi", MatchInput(title: "Kurdistan", text: "baghdadi baghdadi"), []),
    ])
    func repeatsKeepFieldsAndPositions(_ query: String, _ story: MatchInput, _ want: [String]) throws {
        for deferred in [false, true] {
            var m = try Self.matcher([query])
            m.defersLookups = deferred
            var scratch = MatchScratch()
            // Twice with the same scratch: the second story must not see the first one's words.
            #expect(m.match(story, scratch: &scratch).map(\.rule) == want, "deferred: \(deferred)")
            #expect(m.match(MatchInput(title: "nothing here"), scratch: &scratch).isEmpty)
            #expect(m.match(story, scratch: &scratch).map(\.rule) == want, "deferred: \(deferred)")
            // A kept scan (the pipeline's way) packs its words with loads, not byte by byte:
            // the same word must meet the same cache entry.
            let scan = ScannedStory(title: story.title, summary: story.summary, text: story.text)
            #expect(m.match(scan, source: story.source, regions: [], scratch: &scratch).map(\.rule) == want, "kept, deferred: \(deferred)")
        }
    }

    /// An index whose slot array outgrows the caches queues new story words; words that
    /// repeat inside the queue, long words that skip it, and words at a field's end (the
    /// queue is emptied per field) all still count, each in its own field.
    @Test func aLargeIndexQueuesNewWordsAndMissesNone() throws {
        // 17,000 names need a 2 MiB slot array (`RuleMatcher.deferringSlotBytes`).
        func word(_ w: String) -> QueryNode { .atom(QueryAtom(kind: .word(w), scope: .any, offset: 0)) }
        let generated = (0..<17_000).map { i in
            MatcherRule(owner: "o", rule: "r\(i)", channels: [], query: .and([word("name\(i)"), word("topic\(i % 40)")]))
        }
        let written = try ["\"name5 name6\" AND title:topic5", "averyveryverylongnameindeed name7", "source:reuters name9"]
            .enumerated().map { MatcherRule(owner: "o", rule: "r\(17_000 + $0.offset)", channels: [], query: try QueryParser.parse($0.element)) }
        let m = RuleMatcher(rules: generated + written)
        let deferring = m.defersLookups, small = try Self.matcher(["strike militia*"]).defersLookups
        #expect(deferring)
        #expect(!small)
        var scratch = MatchScratch()
        let story = MatchInput(
            title: "name1 topic5 name1 name1",
            text: "topic1 name2 topic2 topic3 name5 name6 name5 \(Self.filler) averyveryverylongnameindeed name7 topic7 name9",
            source: "Reuters name8")
        let got = Set(m.match(story, scratch: &scratch).map(\.rule))
        #expect(got == ["r1", "r2", "r5", "r7", "r17000", "r17001", "r17002"])
        // The same story once more, and a story with the words swapped between fields.
        #expect(Set(m.match(story, scratch: &scratch).map(\.rule)) == got)
        let swapped = MatchInput(title: "name8 topic8", text: "name5 name6 topic5", source: "name1 topic1")
        #expect(Set(m.match(swapped, scratch: &scratch).map(\.rule)) == ["r5", "r8"])
    }

    @Test func aRebuiltMatcherOfTheSameSizeResetsTheScratch() throws {
        let phrase = try Self.matcher(["\"ismail haniyeh\""])
        let words = try Self.matcher(["ismail haniyeh"])
        #expect(phrase.termCount == words.termCount)
        var scratch = MatchScratch()
        let story = MatchInput(title: "Haniyeh met Ismail")
        #expect(phrase.match(story, scratch: &scratch).isEmpty)
        #expect(words.match(story, scratch: &scratch).map(\.rule) == ["r0"])
        #expect(phrase.match(MatchInput(title: "Ismail Haniyeh"), scratch: &scratch).map(\.rule) == ["r0"])
    }
}
