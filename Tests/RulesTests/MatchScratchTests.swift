import Testing
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
    ])
    func repeatsKeepFieldsAndPositions(_ query: String, _ story: MatchInput, _ want: [String]) throws {
        let m = try Self.matcher([query])
        var scratch = MatchScratch()
        // Twice with the same scratch: the second story must not see the first one's words.
        #expect(m.match(story, scratch: &scratch).map(\.rule) == want)
        #expect(m.match(MatchInput(title: "nothing here"), scratch: &scratch).isEmpty)
        #expect(m.match(story, scratch: &scratch).map(\.rule) == want)
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
