import Testing
import Tokens
@testable import Geo

/// One trap: a story, the country it must be about first (nil: none), codes that must be
/// among its focus regions, and codes that must not appear at all.
struct Trap: Sendable, CustomTestStringConvertible {
    var title: String
    var text: String
    var top: String?
    var focus: [String] = []
    var absent: [String] = []
    var testDescription: String { title.isEmpty ? String(text.prefix(40)) : title }
}

struct PlaceDetectorTests {
    let detector = PlaceDetector()

    static let traps: [Trap] = [
        // Datelines
        Trap(title: "Rocket attack hits base", text: "BAGHDAD (Reuters) — Three rockets struck a base on Tuesday.", top: "IQ", focus: ["IQ-BG"]),
        Trap(title: "Commander killed", text: "HILLAH, Iraq (AP) — A drone strike killed a militia commander.", top: "IQ", focus: ["IQ-BB"]),
        Trap(title: "Senate passes bill", text: "WASHINGTON (Reuters) - The Senate passed a spending bill.", top: "US"),
        Trap(title: "Station closed", text: "READING, England (Reuters) - The station was closed after flooding.", top: "GB"),
        Trap(title: "Port expansion approved", text: "MOBILE, Ala. (AP) — The port approved an expansion.", top: "US", focus: ["US-AL"]),
        // Babil / Babylon
        Trap(title: "Car bomb kills four in Babil province", text: "Police said the blast hit a market.", top: "IQ", focus: ["IQ-BB"]),
        Trap(title: "Strikes near Babylon", text: "Air strikes hit militia positions near Babylon, Iraqi sources said.", top: "IQ", focus: ["IQ-BB"]),
        // Demonyms only
        Trap(title: "Iraqi forces arrest suspects", text: "Iraqi security forces arrested five suspects.", top: "IQ"),
        Trap(title: "Yemeni rebels claim attack", text: "Yemeni rebels claimed an attack on a ship.", top: "YE"),
        // Reading, Nice, Mobile, Split, Bath: places only in context
        Trap(title: "Reading lifts spirits", text: "Reading aloud helps children.", top: nil, absent: ["GB"]),
        Trap(title: "Nice weather ahead", text: "Nice weather is expected at the weekend.", top: nil, absent: ["FR"]),
        Trap(title: "Mobile sales slump", text: "Mobile phone sales fell 8%.", top: nil, absent: ["US"]),
        Trap(title: "Split decision", text: "Split decisions are rare at this level.", top: nil, absent: ["HR"]),
        Trap(title: "Bath time tips", text: "Bath time can be stressful for parents.", top: nil, absent: ["GB"]),
        Trap(title: "Knife attack suspect held", text: "Police in Nice arrested a man near the seafront.", top: "FR"),
        Trap(title: "Ferries suspended", text: "Ferry services from Split to the islands were suspended.", top: "HR"),
        Trap(title: "Hurricane threatens coast", text: "Residents of Mobile, Alabama, boarded up windows.", top: "US", focus: ["US-AL"]),
        Trap(title: "Roman baths reopen", text: "The Roman Baths in Bath, England, reopened on Saturday.", top: "GB"),
        Trap(title: "Mobile World Congress opens in Barcelona", text: "The Mobile World Congress opened on Monday.", top: "ES", absent: ["US"]),
        Trap(title: "Floods Hit Reading As River Bursts", text: "Homes were flooded on Sunday.", top: nil, absent: ["GB"]),
        Trap(title: "", text: "MARKETS UPDATE: SHARES SLIP AS NICE WEATHER KEEPS SHOPPERS AWAY FROM STORES", top: nil, absent: ["FR"]),
        // Georgia
        Trap(title: "Georgia passes foreign agents law", text: "Georgia's parliament in Tbilisi passed the law despite protests.", top: "GE", absent: ["US"]),
        Trap(title: "Georgia voters head to polls", text: "Turnout was high in Atlanta and its suburbs.", top: "US", focus: ["US-GA"], absent: ["GE"]),
        Trap(title: "Georgian protesters rally", text: "Georgian protesters rallied outside parliament.", top: "GE"),
        Trap(title: "Hurricane heads for Georgia", text: "The storm approached Georgia and South Carolina.", top: "US", absent: ["GE"]),
        // Jordan
        Trap(title: "Michael Jordan sells stake", text: "Michael Jordan agreed to sell his stake in the team.", top: nil, absent: ["JO"]),
        Trap(title: "Jordan said he was proud", text: "After the final, Jordan said he was proud of the players.", top: nil, absent: ["JO"]),
        Trap(title: "Jordan intercepts drones", text: "Jordan said it intercepted drones launched from Iraq.", top: "JO"),
        Trap(title: "Jordan Peterson talk cancelled", text: "A talk by Jordan Peterson in Auckland was cancelled.", top: "NZ", absent: ["JO"]),
        Trap(title: "King Abdullah of Jordan visits Cairo", text: "The king met Egypt's president.", focus: ["JO", "EG"]),
        // Washington
        Trap(title: "Washington warns Beijing", text: "Washington warned Beijing against pressure on Taiwan.", focus: ["US", "CN"]),
        Trap(title: "Wildfire in Washington state", text: "Evacuations were ordered near Spokane.", top: "US", focus: ["US-WA"]),
        Trap(title: "Denzel Washington returns to stage", text: "Denzel Washington will star in a revival.", top: nil, absent: ["US"]),
        Trap(title: "Letters on display", text: "Letters by George Washington went on display in Philadelphia.", top: "US", absent: ["ZA", "JO"]),
        // Paris
        Trap(title: "Paris prepares for ceremony", text: "Security was tightened across Paris.", top: "FR"),
        Trap(title: "Hail hits town", text: "Hailstones fell on Paris, Texas, on Wednesday.", top: "US", focus: ["US-TX"], absent: ["FR"]),
        Trap(title: "Texas town of Paris hit by hail", text: "Hail fell on Paris, Texas, damaging cars.", top: "US", absent: ["FR"]),
        Trap(title: "Paris Hilton launches podcast", text: "Paris Hilton launched a podcast on Monday.", top: nil, absent: ["FR"]),
        // Lists and unknown towns
        Trap(title: "India, Pakistan exchange fire", text: "Troops from India and Pakistan exchanged fire.", focus: ["IN", "PK"]),
        Trap(title: "Derailment probe", text: "The train derailed in East Palestine, Ohio, on Friday.", top: "US", absent: ["PS"]),
        // Focus: passing mentions do not count
        Trap(title: "Iran and Saudi Arabia restore ties", text: "Iran and Saudi Arabia agreed to restore relations in a deal brokered by China.",
             focus: ["IR", "SA"]),
    ]

    @Test(arguments: traps)
    func trap(_ t: Trap) {
        let a = detector.detect(title: t.title, text: t.text)
        let countries = a.regions.filter { $0.code.utf8.count == 2 && $0.weight >= PlaceDetector.focusThreshold }
        let explain = a.mentions.map { "\($0.surface)→\($0.code)" }
        #expect(countries.first?.code == t.top || (t.top == nil && !t.focus.isEmpty), "\(a.regions) \(explain)")
        for code in t.focus {
            #expect(a.focusCodes.contains(code), "\(code) not in focus \(a.regions) \(explain)")
        }
        for code in t.absent {
            #expect(!a.regions.contains { $0.code == code || $0.code.hasPrefix(code + "-") }, "\(code) in \(a.regions) \(explain)")
        }
    }

    @Test func passingMentionIsNotFocus() {
        let a = detector.detect(title: "Iran and Saudi Arabia restore ties",
                                text: "Iran and Saudi Arabia agreed to restore relations in a deal brokered by China.")
        let china = a.regions.first { $0.code == "CN" }
        #expect(china != nil && china!.weight < PlaceDetector.focusThreshold)
    }

    @Test func weightsAreOrderedAndBounded() {
        let a = detector.detect(title: "Strikes in Iraq", text: "HILLAH, Iraq (AP) — Strikes hit Babil province; Iranian officials condemned them.")
        #expect(a.regions.first?.code == "IQ")
        #expect(a.regions.allSatisfy { $0.weight > 0 && $0.weight <= 1 })
        #expect(zip(a.regions, a.regions.dropFirst()).allSatisfy { $0.weight >= $1.weight })
        #expect(a.focusCodes.contains("IQ-BB"))
    }

    @Test func mentionsExplainWhere() {
        let text = "BAGHDAD (Reuters) — Officials in Basra said exports resumed."
        let a = detector.detect(title: "Iraq resumes exports", text: text)
        let zones = a.mentions.map { "\($0.surface):\($0.zone.rawValue)" }
        #expect(zones == ["Iraq:title", "BAGHDAD:dateline", "Basra:lead"])
        let basra = a.mentions.first { $0.surface == "Basra" }!
        #expect(Array(text.utf8)[basra.range].elementsEqual("Basra".utf8))
        #expect(basra.code == "IQ-BA" && basra.country == "IQ")
    }

    @Test func usesDefaultRegionOnlyWhenNothingIsNamed() {
        let none = detector.detect(title: "Council approves water project", text: "The council approved funding.", defaultRegion: "IQ")
        #expect(none.usedDefaultRegion && none.regions.map(\.code) == ["IQ"])
        #expect(none.regions[0].weight >= PlaceDetector.focusThreshold)
        let named = detector.detect(title: "Talks in Geneva", text: "Delegations met in Geneva.", defaultRegion: "IQ")
        #expect(!named.usedDefaultRegion && named.regions.first?.code == "CH")
    }

    @Test func acceptsAScannedStory() {
        let title = "Floods in Sindh", text = "Pakistani officials said two million people were displaced."
        let a = detector.detect(title: title, text: text)
        let b = detector.detect(ScannedStory(title: title, summary: "Floods in Nepal", text: text))
        #expect(a == b && a.regions.first?.code == "PK")
        // No text: the summary is the body.
        let c = detector.detect(ScannedStory(title: title, summary: text, text: ""))
        #expect(c == a)
    }

    /// No region ever comes from a lowercase word: every single-word name of the gazetteer,
    /// written in lowercase inside ordinary sentences, yields no mention at all.
    @Test func lowercaseWordsAreNeverPlaces() {
        let trie = Gazetteer.shared.tables.trie
        let words = trie.terms.indices.filter { id in
            trie.child(TermTrie.root, Int32(id)).map { trie.hasEntries($0) } ?? false
        }.map { trie.terms[$0] }.filter { $0.unicodeScalars.allSatisfy { $0.isASCII } }
        #expect(words.count > 5_000)
        for chunk in stride(from: 0, to: words.count, by: 200) {
            let slice = words[chunk..<min(chunk + 200, words.count)]
            let text = slice.map { "we talked about \($0) and more" }.joined(separator: ", ")
            let a = detector.detect(title: "a story about \(slice.first!)", text: text)
            #expect(a.mentions.isEmpty, "\(a.mentions.prefix(5).map(\.surface))")
        }
    }

    /// The first-word filter may let anything through but must never turn away a word that
    /// starts a name: every first word of the gazetteer, capitalized in a sentence, is found.
    @Test func firstWordFilterAdmitsEveryNameStart() {
        let trie = Gazetteer.shared.tables.trie
        var missed: [String] = []
        for (id, term) in trie.terms.enumerated() where trie.child(TermTrie.root, Int32(id)) != nil {
            var bytes = term
            if !bytes.withUTF8({ trie.mayStartName($0) }) { missed.append(term) }
        }
        #expect(missed.isEmpty, "\(missed.prefix(10))")
        // And it turns most other words away: a sample of common English words.
        let common = ["the", "he", "she", "but", "monday", "said", "president", "company", "however", "people"]
        let passed = common.filter { w in
            var w = w
            return w.withUTF8 { trie.mayStartName($0) } && trie.termID(w).flatMap { trie.child(TermTrie.root, $0) } == nil
        }
        #expect(passed.count <= 3, "\(passed)")
        // These numbers stop at the filter itself (it lets about 4 % of numbers through to the
        // exact edge lookup, which turns them away; none of these).
        for number in ["2024", "15", "1,000", "0.5"] {
            var w = number
            #expect(!w.withUTF8 { trie.mayStartName($0) }, "\(number)")
        }
    }

    @Test(arguments: [
        "Shares rose as turkey and cranberry prices fell, a relief for us shoppers, though china sales were flat.",
        "The chef's recipe for jordan almonds used a splash of port and a nice glass of wine.",
        "Choosing a mobile plan can feel like reading a contract; scientists are split and take a bath.",
    ])
    func lowercaseTraps(text: String) {
        #expect(detector.detect(title: "", text: text).regions.isEmpty)
    }
}
