import Feeds
import Rules
import Testing

struct RegionFilterTests {
    static let iraq = [RegionScore(code: "IQ", name: "Iraq", weight: 0.92), RegionScore(code: "IQ-BB", name: "Babil", weight: 0.6),
                       RegionScore(code: "US", name: "United States", weight: 0.2)]

    @Test(arguments: [
        (RegionFilter(), iraq, true),
        (RegionFilter(include: ["IQ"]), iraq, true),
        (RegionFilter(include: ["IQ-BB"]), iraq, true),
        (RegionFilter(include: ["US"]), iraq, false),
        (RegionFilter(include: ["US"], mode: .mentioned), iraq, true),
        (RegionFilter(include: ["middle-east"]), iraq, true),
        (RegionFilter(include: ["IQ"], exclude: ["IQ-BB"]), iraq, false),
        (RegionFilter(include: ["IQ"], exclude: ["US"]), iraq, true),
        (RegionFilter(include: ["IQ"], exclude: ["US"], mode: .mentioned), iraq, false),
        (RegionFilter(include: ["IQ"]), [], false),
        (RegionFilter(exclude: ["IQ"]), [], true),
        (RegionFilter(include: ["SY"]), [RegionScore(code: "SY", name: "Syria", weight: 0.3)], true),
    ])
    func filters(filter: RegionFilter, regions: [RegionScore], expected: Bool) {
        #expect(filter.admits(regions, resolver: RegionResolverDouble()) == expected)
    }

    @Test func matcherAppliesRegionsAfterText() throws {
        let q = try QueryParser.parse("airstrike")
        let m = RuleMatcher(rules: [
            MatcherRule(owner: "a", rule: "iraq", channels: [], query: q, regions: RegionFilter(include: ["IQ"])),
            MatcherRule(owner: "a", rule: "syria", channels: [], query: q, regions: RegionFilter(include: ["SY"])),
            MatcherRule(owner: "a", rule: "anywhere", channels: [], query: q),
        ], regions: RegionResolverDouble())
        let hits = m.match(MatchInput(title: "Airstrike near Hillah", regions: Self.iraq)).map(\.rule)
        #expect(hits == ["iraq", "anywhere"])
    }

    @Test func bookCarriesResolvedRegionsIntoTheMatcher() throws {
        let t = try TempRules()
        try t.write("alice.yaml", goodFile)
        let (book, diags) = RulesLoader.load(path: t.dir, regions: RegionResolverDouble())
        #expect(diags.isEmpty)
        let m = book.compile(regions: RegionResolverDouble())
        let r = m.match(MatchInput(title: "Hezbollah statement", regions: [RegionScore(code: "LB", name: "Lebanon", weight: 0.9)]))
        #expect(r.map(\.rule) == ["digest"])
        #expect(r.first?.channels == ["inbox"] && r.first?.terms == ["hezbollah"])
    }
}
