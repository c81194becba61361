import Foundation
import Testing
import Tokens
@testable import Geo

struct GazetteerTests {
    let geo = Gazetteer.shared

    @Test(arguments: [
        ("IQ", ["IQ"]), ("iq-bb", ["IQ-BB"]), ("Babylon", ["IQ-BB"]), ("Babil", ["IQ-BB"]),
        ("Bābil", ["IQ-BB"]), ("Iraq", ["IQ"]), ("United States", ["US"]), ("U.S.", ["US"]),
        ("America", ["US"]), ("Britain", ["GB"]), ("UK", ["GB"]), ("Texas", ["US-TX"]),
        ("Hillah", ["IQ-BB"]), ("gulf-states", ["AE", "BH", "KW", "OM", "QA", "SA"]),
        ("Gulf States", ["AE", "BH", "KW", "OM", "QA", "SA"]), ("Ivory Coast", ["CI"]),
    ])
    func resolvesNamesCodesAndGroups(input: String, expected: [String]) {
        #expect(geo.resolveRegion(input) == .codes(expected))
    }

    @Test func resolvesLargeGroups() {
        guard case .codes(let codes) = geo.resolveRegion("middle-east") else {
            Issue.record("middle-east did not resolve")
            return
        }
        #expect(codes.contains("IQ") && codes.contains("IR") && codes.contains("IL") && !codes.contains("FR"))
        guard case .codes(let europe) = geo.resolveRegion("europe") else {
            Issue.record("europe did not resolve")
            return
        }
        #expect(europe.contains("FR") && europe.contains("GB") && europe.contains("UA") && !europe.contains("IQ"))
    }

    @Test(arguments: [
        ("Middle Est", "middle-east"), ("middle east asia", nil), ("Afganistan", "Afghanistan"),
        ("Gemany", "Germany"), ("sub-saharan afrika", "sub-saharan-africa"), ("Xyzzyqq", nil),
        ("latin-amercia", "latin-america"),
    ] as [(String, String?)])
    func suggestsCloseSpellings(input: String, suggestion: String?) {
        #expect(geo.resolveRegion(input) == .unknown(suggestion: suggestion))
    }

    @Test(arguments: [
        ("IQ-BB", "IQ", true), ("IQ-BB", "middle-east", true), ("IQ", "middle-east", true),
        ("IQ", "Middle East", true), ("IQ", "europe", false), ("gulf-states", "middle-east", true),
        ("middle-east", "gulf-states", false), ("FR", "eu", true), ("FR", "europe", true),
        ("US-DC", "US", true), ("US", "US-DC", false), ("IQ-BB", "IR", false), ("iq", "IQ", true),
        ("IQ-BB", "IQ-BB", true), ("IQ-BB", "IQ-BG", false), ("IN-PB", "south-asia", true),
    ])
    func hierarchy(code: String, ancestor: String, within: Bool) {
        #expect(geo.isWithin(code, ancestor) == within)
    }

    @Test(arguments: [("IQ", "Iraq"), ("iq-bb", "Bābil"), ("middle-east", "Middle East"), ("GB", "United Kingdom")])
    func names(code: String, name: String) {
        #expect(geo.name(of: code) == name)
    }

    @Test func unknownCodeHasNoName() {
        #expect(geo.name(of: "ZZ") == nil)
    }

    /// The generator folds names in Python; the rules and stories are folded by Tokenizer.
    /// Every name whose spelling is more than plain letters is checked against Tokenizer.
    @Test func generatorFoldingAgreesWithTokenizer() {
        let tables = GazetteerTables(text: GazetteerData.text, keepSurfaces: true)
        #expect(tables.surfaces.count > 1_000)
        var mismatches: [String] = []
        for (surface, key) in tables.surfaces where Tokenizer.terms(surface).joined(separator: " ") != key {
            mismatches.append("\(surface) → \(Tokenizer.terms(surface)) ≠ \(key)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test func coversCountriesSubdivisionsCitiesAndGroups() {
        let t = geo.tables
        #expect(t.places.filter { $0.kind == .country }.count >= 249)
        #expect(t.places.filter { $0.kind == .subdivision }.count >= 3_000)
        #expect(t.places.filter { $0.kind == .city }.count >= 4_000)
        #expect(t.places.filter { $0.isCapital }.count >= 180)
        #expect(t.groups.count >= 20)
    }

    /// Load time and memory are measured by GeoBench (release build), not here: a timed
    /// assertion in a debug build on a shared machine measures the machine, not the code.
    @Test func loadsTheEmbeddedData() {
        let g = Gazetteer.loadEmbedded()
        #expect(g.name(of: "IQ") == "Iraq")
        #expect(g.groupSlugs.contains("middle-east"))
    }
}
