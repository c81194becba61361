import Feeds
import Foundation

/// SplitMix64: a seeded generator, so every run ingests the same stories.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Synthetic news stories with the shape of real feed items (a 9-word title, a 40-word
/// summary, a 5-paragraph body of about 1.6 KB), drawn from an 8,000-word made-up vocabulary,
/// and a share of syndicated copies (site suffix, boilerplate, a dropped paragraph) of
/// recent stories from other sources, so clustering has real work to do.
struct StoryGenerator {
    var rng: SeededRandom
    let vocabulary: [String]
    var recent: [Story] = []
    var serial = 0

    init(seed: UInt64) {
        rng = SeededRandom(state: seed)
        let syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "ve", "da", "pi", "sha", "gor", "lin", "tam", "bel",
                         "qua", "zen", "dor", "fi", "hu", "ex", "ar", "ol", "um", "is", "ent", "ber", "cal", "mon", "rik"]
        var words = Set<String>()
        var r = SeededRandom(state: 42)
        while words.count < 8000 {
            let n = 1 + Int(r.next() % 3)
            words.insert((0..<n).map { _ in syllables[Int(r.next() % UInt64(syllables.count))] }.joined())
        }
        vocabulary = words.sorted()
    }

    mutating func words(_ n: Int) -> String {
        (0..<n).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
    }

    /// The next story: a copy of a recent one with probability `copyShare`, else a new one.
    mutating func next(published: Date, copyShare: Double = 0.15) -> Story {
        serial += 1
        if !recent.isEmpty, Double(rng.next() % 1000) / 1000 < copyShare {
            var s = recent[Int(rng.next() % UInt64(recent.count))]
            s.guid = "copy-\(serial)"
            s.url = "https://aggregator\(serial % 50).example/a/\(serial)?utm_source=rss"
            s.canonicalURL = "https://aggregator\(serial % 50).example/a/\(serial)"
            s.title += " - Outlet \(serial % 50)"
            var lines = s.text.split(separator: "\n").map(String.init)
            if rng.next() % 2 == 0 { lines.removeLast() }
            lines.append("Sign up for our newsletter to get the day's top stories delivered to your inbox every morning.")
            s.text = lines.joined(separator: "\n")
            s.published = published
            s.fingerprint = SimHash.fingerprint(title: s.title, text: s.text)
            return s
        }
        let title = words(9).capitalized
        let paras = (0..<5).map { _ in words(45) + "." }
        let url = "https://news\(serial % 1000).example/story/\(serial)"
        var s = Story(guid: "gen-\(serial)", url: url, canonicalURL: url, title: title,
                      summary: String(paras[0].prefix(260)), text: paras.joined(separator: "\n"),
                      authors: ["Staff reporter"], published: published, language: "en",
                      regions: [RegionScore(code: "IQ", name: "Iraq", weight: 0.8)])
        s.fingerprint = SimHash.fingerprint(title: s.title, text: s.text)
        recent.append(s)
        if recent.count > 2000 { recent.removeFirst(500) }
        return s
    }
}
