@testable import Rules
import Testing
import Tokens

/// The compiled index must never miss (or invent) a match: random rules and stories,
/// compared with a direct evaluation of each query over the story's tokens.
struct MatcherPropertyTests {
    static let vocabulary = ["strike", "strikes", "airstrike", "militia", "militias", "iran", "backed", "iraq",
                             "drone", "attack", "baghdad", "babil", "sports", "football", "the", "a", "us",
                             "hezbollah", "houthi", "houthis", "ceasefire", "talks", "troops", "border"]

    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomQuery(_ g: inout RNG, depth: Int = 0) -> String {
        let roll = Int.random(in: 0..<10, using: &g)
        if depth >= 3 || roll < 4 {
            let w = vocabulary.randomElement(using: &g)!
            switch Int.random(in: 0..<10, using: &g) {
            case 0: return String(w.prefix(max(2, w.count - 2))) + "*"
            case 1: return "\"\(w) \(vocabulary.randomElement(using: &g)!)\""
            case 2: return "title:" + w
            case 3: return w.capitalized + "-" + vocabulary.randomElement(using: &g)!
            default: return w
            }
        }
        let a = randomQuery(&g, depth: depth + 1), b = randomQuery(&g, depth: depth + 1)
        switch roll {
        case 4, 5: return "(\(a) OR \(b))"
        case 6: return "(\(a) AND \(b))"
        case 7: return "(\(a) \(b))"
        case 8: return "(\(a) -\(b))"
        default: return "(\(a) AND NOT \(b))"
        }
    }

    static func randomText(_ g: inout RNG, words: Int) -> String {
        (0..<words).map { _ in
            var w = vocabulary.randomElement(using: &g)!
            if Int.random(in: 0..<8, using: &g) == 0 { w = w.uppercased() }
            return w + [" ", " ", " ", "-", ". ", ", "].randomElement(using: &g)!
        }.joined()
    }

    /// Direct evaluation over token lists; the specification the index must agree with.
    static func reference(_ node: QueryNode, title: [String], body: [String]) -> Bool {
        switch node {
        case .and(let cs): return cs.allSatisfy { reference($0, title: title, body: body) }
        case .or(let cs): return cs.contains { reference($0, title: title, body: body) }
        case .not(let c): return !reference(c, title: title, body: body)
        case .atom(let a):
            let fields = a.scope == .title ? [title] : [title, body]
            return fields.contains { f in
                switch a.kind {
                case .word(let w): return f.contains(w)
                case .prefix(let p): return f.contains { $0.hasPrefix(p) }
                case .phrase(let ws):
                    guard f.count >= ws.count else { return false }
                    return (0...(f.count - ws.count)).contains { i in Array(f[i..<i + ws.count]) == ws }
                }
            }
        }
    }

    /// Both ways of looking story words up: at once (small indexes) and queued a few new
    /// words behind with their table lines prefetched (`RuleMatcher.defersLookups`, on by
    /// itself only for indexes too large for the caches).
    @Test(arguments: [1, 2, 3, 4], [false, true])
    func indexAgreesWithReference(seed: UInt64, deferred: Bool) throws {
        var g = RNG(state: seed)
        var rules: [MatcherRule] = []
        while rules.count < 300 {
            guard let q = try? QueryParser.parse(Self.randomQuery(&g)) else { continue }
            rules.append(MatcherRule(owner: "o\(rules.count % 7)", rule: "r\(rules.count)", channels: [], query: q))
        }
        var matcher = RuleMatcher(rules: rules)
        matcher.defersLookups = deferred
        var scratch = MatchScratch()
        var hits = 0
        for _ in 0..<100 {
            let title = Self.randomText(&g, words: Int.random(in: 2...8, using: &g))
            let text = Self.randomText(&g, words: Int.random(in: 0...60, using: &g))
            let input = MatchInput(title: title, text: text)
            let got = Set(matcher.match(input, scratch: &scratch).map(\.ruleIndex))
            let tokenized = TokenizedInput(title: Tokenizer.tokenize(title), body: [Tokenizer.tokenize(text)])
            let gotTokenized = Set(matcher.match(tokenized, scratch: &scratch).map(\.ruleIndex))
            let t = Tokenizer.terms(title), b = Tokenizer.terms(text)
            let want = Set(rules.indices.filter { Self.reference(rules[$0].query, title: t, body: b) })
            #expect(got == want, "title: \(title)\ntext: \(text)")
            #expect(gotTokenized == want)
            hits += want.count
        }
        #expect(hits > 500, "the generator must produce real matches")
    }

    /// Long stories with hundreds of distinct words, so the matcher's per-story word cache
    /// (`MatchScratch.words`) fills up and some words stay uncached, while rule words recur
    /// far apart in several fields.
    @Test(arguments: [5, 6], [false, true])
    func longStoriesAgreeWithReference(seed: UInt64, deferred: Bool) throws {
        var g = RNG(state: seed)
        var rules: [MatcherRule] = []
        while rules.count < 300 {
            guard let q = try? QueryParser.parse(Self.randomQuery(&g)) else { continue }
            rules.append(MatcherRule(owner: "o", rule: "r\(rules.count)", channels: [], query: q))
        }
        var matcher = RuleMatcher(rules: rules)
        matcher.defersLookups = deferred
        var scratch = MatchScratch()
        var hits = 0
        for _ in 0..<40 {
            let title = Self.randomText(&g, words: Int.random(in: 2...8, using: &g))
            let text = (0..<Int.random(in: 50...400, using: &g)).map { k in
                Int.random(in: 0..<3, using: &g) == 0
                    ? Self.randomText(&g, words: 1) : "filler\(Int.random(in: 0..<150, using: &g))x\(k % 3) "
            }.joined()
            let got = Set(matcher.match(MatchInput(title: title, text: text), scratch: &scratch).map(\.ruleIndex))
            let t = Tokenizer.terms(title), b = Tokenizer.terms(text)
            let want = Set(rules.indices.filter { Self.reference(rules[$0].query, title: t, body: b) })
            #expect(got == want, "title: \(title)\ntext: \(text)")
            hits += want.count
        }
        #expect(hits > 200, "the generator must produce real matches")
    }
}
