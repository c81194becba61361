import Rules
import Testing

/// The presearcher's clauses: which atoms propose a rule, which confirm it.
struct PresearchTests {
    static func clauses(_ query: String) throws -> [String] {
        let node = try QueryParser.parse(query)
        return (node.presearchClauses() ?? []).map { c in
            c.index.map(\.display).joined(separator: "|") + " ? " + c.guardAtoms.map(\.display).joined(separator: "|")
        }
    }

    @Test(arguments: [
        // The longer (rarer) branch proposes, the other confirms.
        ("(haniyeh OR nasrallah) AND (strike OR talks)", ["haniyeh ? strike|talks", "nasrallah ? strike|talks"]),
        ("haniyeh police", ["haniyeh ? police"]),
        // A phrase is proposed by its rarest word and confirmed by the next.
        ("\"ismail haniyeh\"", ["\"ismail haniyeh\" ? ismail"]),
        ("title:\"ismail haniyeh\"", ["title:\"ismail haniyeh\" ? title:ismail"]),
        // A single word has nothing to confirm it.
        ("airstrike", ["airstrike ? "]),
        // NOT branches never propose or confirm.
        ("haniyeh -sports", ["haniyeh ? "]),
        ("haniyeh AND NOT (sports OR football) AND strike", ["haniyeh ? strike"]),
        // OR of ANDs: one clause per disjunct, each with its own guard.
        ("(haniyeh strike) OR (nasrallah talks)", ["haniyeh ? strike", "nasrallah ? talks"]),
        // A branch of more than three atoms is too large to store as a guard.
        ("haniyeh (a1 OR b1 OR c1 OR d1)", ["haniyeh ? "]),
        ("title:haniyeh strike", ["title:haniyeh ? strike"]),
    ])
    func clausesOf(_ query: String, _ want: [String]) throws {
        #expect(try Self.clauses(query) == want)
    }

    @Test func guardsDropCandidatesWithoutChangingMatches() throws {
        let rules = try ["(haniyeh OR nasrallah) AND (strike OR talks)", "\"ismail haniyeh\"", "title:haniyeh talks"]
            .enumerated().map { MatcherRule(owner: "o", rule: "r\($0.offset)", channels: [], query: try QueryParser.parse($0.element)) }
        let matcher = RuleMatcher(rules: rules)
        var scratch = MatchScratch()

        // Haniyeh is named but neither strike nor talks: both postings (r0, r2) are dropped;
        // the phrase rule is indexed under its rarer word, ismail, and is not even read.
        #expect(matcher.match(MatchInput(title: "Haniyeh visits Cairo", text: "A visit."), scratch: &scratch).isEmpty)
        #expect(scratch.postingCount == 2)
        #expect(scratch.candidateCount == 0)

        // All three guards hold; the phrase still needs its words in order.
        let hits = matcher.match(MatchInput(title: "Talks with Haniyeh", text: "Haniyeh Ismail spoke."), scratch: &scratch)
        #expect(hits.map(\.rule) == ["r0", "r2"])
        #expect(scratch.candidateCount == 3)

        // A title-scoped guard is not satisfied by the body.
        let scoped = RuleMatcher(rules: [MatcherRule(owner: "o", rule: "t", channels: [], query: try QueryParser.parse("haniyeh title:talks"))])
        #expect(scoped.match(MatchInput(title: "Haniyeh", text: "talks"), scratch: &scratch).isEmpty)
        #expect(scratch.candidateCount == 0)
        #expect(scoped.match(MatchInput(title: "Haniyeh talks", text: ""), scratch: &scratch).map(\.rule) == ["t"])
    }
}
