import Feeds
import Foundation
import Tokens

/// The values a story is looked up by when it arrives: its SimHash split into four 16-bit
/// bands (nil when the body is too short to trust), a normalized-title key (nil for short,
/// generic titles), the time it counts as seen, and a hash of its content to notice edits.
struct DedupKeys {
    var fingerprint: UInt64
    var bands: [Int64]?
    var titleKey: Int64?
    var leadKey: Int64?
    /// The same for the next full line: with long bodies, a shared first line may be a note
    /// the site puts above every article, so the second must agree too.
    var lead2Key: Int64?
    /// The title's content words, to confirm a lead-key match.
    var titleWords: Set<String>
    var seen: Double
    var contentHash: Int64

    init(story: Story, fetched: Date, policy: DedupPolicy) {
        let body = story.text.isEmpty ? story.summary : story.text
        fingerprint = story.fingerprint != 0 ? story.fingerprint : SimHash.fingerprint(title: story.title, text: body)
        if DedupKeys.wordCount(body) >= policy.minimumWords {
            let f = fingerprint
            bands = (0..<4).map { Int64((f >> (16 * UInt64($0))) & 0xFFFF) }
        }
        let terms = DedupKeys.titleTerms(story.title, minimumWords: policy.minimumTitleWords)
        titleKey = DedupKeys.titleKey(terms, minimumWords: policy.minimumTitleWords)
        titleWords = DedupKeys.contentWords(terms)
        let leads = DedupKeys.leadKeys(body, words: policy.leadWords)
        leadKey = leads.first
        lead2Key = leads.count > 1 ? leads[1] : nil
        // A date in the future (a feed's clock or time zone wrong) counts as the fetch time.
        let fetchedT = fetched.timeIntervalSince1970
        if let p = story.published?.timeIntervalSince1970, p <= fetchedT + 3600 { seen = p } else { seen = fetchedT }
        var h = StableHash()
        for field in [story.title, story.summary, story.text, story.url ?? "", story.canonicalURL ?? "",
                      story.language ?? "", story.authors.joined(separator: "\u{1}"),
                      story.regions.map { "\($0.code):\($0.weight)" }.joined(separator: ","),
                      story.published.map { "\($0.timeIntervalSince1970)" } ?? ""] {
            h.add(field)
        }
        contentHash = Int64(bitPattern: h.value)
    }

    /// Words separated by whitespace: cheap, and what "enough text" means here.
    static func wordCount(_ s: String) -> Int { wordCount(s.utf8[...]) }

    static func wordCount(_ bytes: Substring.UTF8View) -> Int {
        var count = 0
        var inWord = false
        for b in bytes {
            let space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// The first `words` terms of the first line that has that many: the wire's opening
    /// sentence, which a truncated summary keeps even under an edited headline. Short lines
    /// (boilerplate such as "Advertisement") are skipped.
    static func leadKeys(_ body: String, words: Int) -> [Int64] {
        var keys: [Int64] = []
        for line in body.utf8.split(separator: 0x0A) where wordCount(line) >= words {
            // Only the opening words are needed: tokenize a prefix of the line, not all of it.
            let terms = SimHash.terms(prefix(line, words: words * 2))
            guard terms.count >= words else { continue }
            var h = StableHash()
            h.add(terms.prefix(words).joined(separator: " "))
            keys.append(Int64(bitPattern: h.value))
            if keys.count == 2 { break }
        }
        return keys
    }

    /// The line up to the end of its `words`-th whitespace-separated word.
    static func prefix(_ line: Substring.UTF8View, words: Int) -> String {
        var count = 0
        var inWord = false
        var end = line.endIndex
        for i in line.indices {
            let b = line[i]
            let space = b == 0x20 || b == 0x09 || b == 0x0D
            if space && inWord {
                count += 1
                if count == words { end = i; break }
            }
            inWord = !space
        }
        return String(decoding: line[line.startIndex..<end], as: UTF8.self)
    }

    /// Title words of four letters or more that are not function words.
    static func contentWords(_ terms: [String]) -> Set<String> {
        Set(terms.filter { $0.count >= 4 && !stopwords.contains($0) })
    }

    static let stopwords: Set<String> = ["with", "from", "after", "over", "into", "about", "says", "said", "that",
                                         "this", "their", "they", "will", "have", "been", "more", "than", "amid",
                                         "news", "live", "update", "updates", "what", "when", "where", "which"]

    /// The title's terms without what outlets add to the same headline: site suffixes
    /// ("… - Reuters", "… | BBC News") and desk prefixes ("UPDATE 2-", "EXCLUSIVE:").
    static func titleTerms(_ title: String, minimumWords: Int) -> [String] {
        var t = Substring(title)
        for sep in [" - ", " | ", " – ", " — "] {
            if let r = t.range(of: sep, options: .backwards) {
                let tail = t[r.upperBound...]
                if wordCount(String(tail)) <= 4 && wordCount(String(t[..<r.lowerBound])) >= minimumWords {
                    t = t[..<r.lowerBound]
                }
                break
            }
        }
        var terms = SimHash.terms(String(t))
        while let first = terms.first, deskPrefixes.contains(first) {
            terms.removeFirst()
            if let n = terms.first, n.count <= 2, Int(n) != nil { terms.removeFirst() }
        }
        return terms
    }

    static let deskPrefixes: Set<String> = ["update", "updated", "exclusive", "breaking", "watch", "live", "analysis",
                                            "video", "corrected", "refile", "factbox", "explainer"]

    /// A key for the title; nil for short, generic titles ("Live updates", "Opinion").
    static func titleKey(_ terms: [String], minimumWords: Int) -> Int64? {
        guard terms.count >= minimumWords else { return nil }
        var h = StableHash()
        h.add(terms.joined(separator: " "))
        return Int64(bitPattern: h.value)
    }
}

/// FNV-1a 64 with a field separator: stable across runs and machines, unlike `Hasher`.
struct StableHash {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ s: String) {
        for b in s.utf8 {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01B3
        }
        value ^= 0xFF
        value = value &* 0x0000_0100_0000_01B3
    }
}
