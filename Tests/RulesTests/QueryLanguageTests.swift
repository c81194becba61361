import Feeds
import Rules
import Testing

/// The seed case: a US strike on Iran-backed militias in Babil province, Iraq.
let seedStory = MatchInput(
    title: "U.S. strikes Iran–backed militia sites in Iraq",
    summary: "American aircraft hit depots used by Kata'ib Hezbollah in Babil province in a strike on Tuesday.",
    text: """
    The U.S. military carried out an airstrike on Tuesday against Iran-backed militias \
    south of Baghdad. Officials in Hanīyeh's office condemned the attack.
    A drone attack followed near Jurf al-Sakhar.
    """,
    source: "Reuters World",
    regions: [RegionScore(code: "IQ", name: "Iraq", weight: 0.92), RegionScore(code: "IQ-BB", name: "Babil", weight: 0.6)]
)

func matches(_ query: String, _ input: MatchInput = seedStory) throws -> Bool {
    let node = try QueryParser.parse(query)
    let m = RuleMatcher(rules: [MatcherRule(owner: "o", rule: "r", channels: [], query: node)])
    return !m.match(input).isEmpty
}

struct QueryLanguageTests {
    @Test(arguments: [
        // The issue's acceptance pair.
        ("(strike OR airstrike) AND (militia* OR \"Iran-backed\")", true),
        ("strike AND sports", false),
        // Words are whole words, case- and accent-insensitive.
        ("airstrike", true),
        ("AIRSTRIKE", true),
        ("strik", false),
        ("haniyeh", true),
        ("Hanīyeh", true),
        ("HANIYEH", true),
        // Implicit AND, OR, NOT, -word.
        ("militias depots", true),
        ("militias football", false),
        ("football OR depots", true),
        ("strike AND NOT sports", true),
        ("strike -sports", true),
        ("strike -militias", false),
        ("strike NOT militias", false),
        ("-(football OR tennis) drone", true),
        // Precedence NOT > AND > OR.
        ("football AND tennis OR drone", true),      // (football AND tennis) OR drone
        ("football AND (tennis OR drone)", false),
        ("drone OR football AND tennis", true),      // drone OR (football AND tennis)
        ("airstrike AND NOT drone OR depots", true), // (airstrike AND NOT drone) OR depots
        ("airstrike -drone OR football", false),
        ("NOT drone AND airstrike", false),          // (NOT drone) AND airstrike
        ("NOT (drone AND football)", false),         // refused? no: see negative-only table
        // Phrases are consecutive words.
        ("\"drone attack\"", true),
        ("\"attack drone\"", false),
        ("\"babil province\"", true),
        ("\"province babil\"", false),
        // Hyphen and dash variants meet.
        ("Iran-backed", true),
        ("\"Iran backed\"", true),
        ("Iran–backed", true),
        ("\"backed militia\"", true),
        // Abbreviations: U.S. = US.
        ("US", true),
        ("U.S.", true),
        ("\"u.s. military\"", true),
        // Apostrophes.
        ("kataib", true),
        ("Kata'ib", true),
        ("Kata’ib Hezbollah", true),
        // Prefixes.
        ("militia*", true),
        ("milit*", true),
        ("jurf*", true),
        ("baghd*", true),
        ("sakh*", true),
        ("hezbollahx*", false),
        // Scopes.
        ("title:iraq", true),
        ("title:babil", false),
        ("title:\"backed militia\"", true),
        ("title:(babil OR iraq)", true),
        ("title:(babil OR baghdad)", false),
        ("source:reuters", true),
        ("source:\"reuters world\"", true),
        ("reuters", false),
        ("source:bbc", false),
        ("title:milit*", true),
        ("title:drone", false),
    ])
    func semantics(query: String, expected: Bool) throws {
        if query == "NOT (drone AND football)" {
            #expect(throws: QueryError.self) { try QueryParser.parse(query) }
            return
        }
        #expect(try matches(query) == expected, "\(query)")
    }

    @Test(arguments: [
        ("Москва", "Удар по Москве", false),
        ("Москва", "В Москва прошли переговоры", true),
        ("москва", "МОСКВА", true),
        ("Αθήνα", "Συνάντηση στην ΑΘΗΝΑ", true),
        ("بغداد", "انفجار في بغدادَ", true),
        ("北京", "习近平在北京会见", true),
        ("\"京北\"", "习近平在北京会见", false),
        ("東京", "東西京都", false),
        ("Zürich", "ZURICH police", true),
        ("strasse", "Hauptstraße closed", false),
        ("hauptstrasse", "Hauptstraße closed", true),
        ("ﬁnal", "final vote", true),
    ])
    func scripts(query: String, title: String, expected: Bool) throws {
        #expect(try matches(query, MatchInput(title: title)) == expected, "\(query) vs \(title)")
    }

    @Test(arguments: [
        ("", 0, "empty query"),
        ("   ", 0, "empty query"),
        ("(strike OR airstrike", 0, "unbalanced '('"),
        ("strike)", 6, "unbalanced ')'"),
        ("strike OR", 7, "OR needs a term on both sides"),
        ("OR strike", 0, "OR needs a term on both sides"),
        ("strike AND AND x", 7, "AND needs a term on both sides"),
        ("\"drone attack", 0, "unterminated phrase"),
        ("strike or airstrike", 7, "'or' is not an operator"),
        ("body:strike", 0, "unknown field 'body:'"),
        ("tilte:strike", 0, "(did you mean title:?)"),
        ("NOT strike", 0, "only excludes"),
        ("-strike -sports", 0, "only excludes"),
        ("strike OR -sports", 0, "only excludes"),
        ("NOT drone OR airstrike", 0, "only excludes"),
        ("m*", 0, "too short"),
        ("mil*tia", 3, "'*' works only at the end"),
        ("\"drone att*\"", 10, "does not work inside"),
        ("()", 0, "empty parentheses"),
        ("x \"\"", 2, "empty phrase"),
        ("strike & sports", 7, "contains no searchable word"),
        ("title: strike", 0, "right after it"),
    ])
    func errors(query: String, offset: Int, message: String) {
        do {
            _ = try QueryParser.parse(query)
            Issue.record("\(query) parsed")
        } catch {
            #expect(error.offset == offset, "\(query): \(error)")
            #expect(error.message.contains(message), "\(query): \(error)")
        }
    }

    @Test func matchedTermsNameWhereTheyWereFound() throws {
        let node = try QueryParser.parse("(strike OR airstrike) AND (militia* OR \"Iran-backed\") -sports")
        let m = RuleMatcher(rules: [MatcherRule(owner: "alice", rule: "iraq-strikes", channels: ["inbox"], query: node)])
        let r = try #require(m.match(seedStory).first)
        #expect(r.owner == "alice" && r.rule == "iraq-strikes" && r.channels == ["inbox"])
        #expect(r.terms == ["strike", "airstrike", "militia*", "\"iran backed\""])
        #expect(r.matched[2].fields == [.title, .body])
        #expect(r.matched[0].fields == [.body])
    }
}
