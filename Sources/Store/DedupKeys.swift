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
        var body = story.text.isEmpty ? story.summary : story.text
        fingerprint = story.fingerprint != 0 ? story.fingerprint : SimHash.fingerprint(title: story.title, text: body)
        // One pass over the body's bytes for both its length and its lead lines: this runs for
        // every story of every poll (Benchmarks/StoreBench/RESULTS.md, per-story CPU).
        let (long, leads) = body.withUTF8 { bytes in
            (DedupKeys.wordCount(bytes, atLeast: policy.minimumWords) >= policy.minimumWords,
             DedupKeys.leadKeys(bytes, words: policy.leadWords))
        }
        if long {
            let f = fingerprint
            bands = (0..<4).map { Int64((f >> (16 * UInt64($0))) & 0xFFFF) }
        }
        let terms = DedupKeys.titleTerms(story.title, minimumWords: policy.minimumTitleWords)
        titleKey = DedupKeys.titleKey(terms, minimumWords: policy.minimumTitleWords)
        titleWords = DedupKeys.contentWords(terms)
        leadKey = leads.first
        lead2Key = leads.count > 1 ? leads[1] : nil
        // A date in the future (a feed's clock or time zone wrong) counts as the fetch time.
        let fetchedT = fetched.timeIntervalSince1970
        if let p = story.published?.timeIntervalSince1970, p <= fetchedT + 3600 { seen = p } else { seen = fetchedT }
        contentHash = DedupKeys.contentHash(story)
    }

    /// What the feed said about the story: a changed hash means an edit to update in place.
    /// Regions are left out: they are derived from the title and text, so a poll can tell an
    /// unchanged story before locating it (`Store.unchangedStories`).
    static func contentHash(_ story: Story) -> Int64 {
        var h = StableHash()
        h.add(story.title)
        h.add(story.summary)
        h.add(story.text)
        h.add(story.url ?? "")
        h.add(story.canonicalURL ?? "")
        h.add(story.language ?? "")
        h.add(story.authors.joined(separator: "\u{1}"))
        h.add(story.published.map { "\($0.timeIntervalSince1970)" } ?? "")
        return Int64(bitPattern: h.value)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// Words separated by whitespace: cheap, and what "enough text" means here.
    static func wordCount(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { wordCount($0) }
    }

    /// The words in `bytes`, counting stopped once `limit` is reached.
    static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>, atLeast limit: Int = .max) -> Int {
        var count = 0
        var inWord = false
        for b in bytes {
            let space = isSpace(b)
            if !space && !inWord {
                count += 1
                if count >= limit { return count }
            }
            inWord = !space
        }
        return count
    }

    /// The first `words` terms of the first line that has that many: the wire's opening
    /// sentence, which a truncated summary keeps even under an edited headline. Short lines
    /// (boilerplate such as "Advertisement") are skipped. Two lines at most.
    static func leadKeys(_ body: UnsafeBufferPointer<UInt8>, words: Int) -> [Int64] {
        var keys: [Int64] = []
        var start = 0
        while start < body.count && keys.count < 2 {
            var end = start
            while end < body.count && body[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: body[start..<end])
            start = end + 1
            guard wordCount(line, atLeast: words) >= words else { continue }
            // Only the opening words are needed: tokenize a prefix of the line, not all of it.
            let terms = SimHash.terms(prefix(line, words: words * 2))
            guard terms.count >= words else { continue }
            var h = StableHash()
            h.add(joining: terms.prefix(words))
            keys.append(Int64(bitPattern: h.value))
        }
        return keys
    }

    /// The line up to the end of its `words`-th whitespace-separated word.
    static func prefix(_ line: UnsafeBufferPointer<UInt8>, words: Int) -> String {
        var count = 0
        var inWord = false
        var end = line.count
        for i in 0..<line.count {
            let b = line[i]
            let space = b == 0x20 || b == 0x09 || b == 0x0D
            if space && inWord {
                count += 1
                if count == words { end = i; break }
            }
            inWord = !space
        }
        return String(decoding: UnsafeBufferPointer(rebasing: line[0..<end]), as: UTF8.self)
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
        var bytesOf = title
        let cut: String? = bytesOf.withUTF8 { bytes in
            var end = bytes.count
            for sep in titleSeparators {
                if let at = lastIndex(of: sep, in: bytes) {
                    let tail = UnsafeBufferPointer(rebasing: bytes[(at + sep.count)...])
                    if wordCount(tail) <= 4 && wordCount(UnsafeBufferPointer(rebasing: bytes[..<at])) >= minimumWords { end = at }
                    break
                }
            }
            return end == bytes.count ? nil : String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        }
        var terms = SimHash.terms(cut ?? title)
        while let first = terms.first, deskPrefixes.contains(first) {
            terms.removeFirst()
            if let n = terms.first, n.count <= 2, Int(n) != nil { terms.removeFirst() }
        }
        return terms
    }

    /// What outlets put between a headline and their name, tried in this order.
    static let titleSeparators: [[UInt8]] = [" - ", " | ", " – ", " — "].map { Array($0.utf8) }

    /// Where the last occurrence of `needle` starts in `bytes`.
    static func lastIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = bytes.count - needle.count
        while i >= 0 {
            if bytes[i] == needle[0] {
                var j = 1
                while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i -= 1
        }
        return nil
    }

    static let deskPrefixes: Set<String> = ["update", "updated", "exclusive", "breaking", "watch", "live", "analysis",
                                            "video", "corrected", "refile", "factbox", "explainer"]

    /// A key for the title; nil for short, generic titles ("Live updates", "Opinion").
    static func titleKey(_ terms: [String], minimumWords: Int) -> Int64? {
        guard terms.count >= minimumWords else { return nil }
        var h = StableHash()
        h.add(joining: terms)
        return Int64(bitPattern: h.value)
    }
}

/// FNV-1a 64 with a field separator: stable across runs and machines, unlike `Hasher`.
struct StableHash {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ s: String) {
        addBytes(s)
        endField()
    }

    /// The same value as `add(terms.joined(separator: " "))`, without building the string.
    mutating func add(joining terms: some Collection<String>) {
        var first = true
        for term in terms {
            if !first { mix(0x20) }
            first = false
            addBytes(term)
        }
        endField()
    }

    private mutating func mix(_ b: UInt8) {
        value ^= UInt64(b)
        value = value &* 0x0000_0100_0000_01B3
    }

    private mutating func addBytes(_ s: String) {
        var s = s
        value = s.withUTF8 { bytes in
            var v = value
            for b in bytes {
                v ^= UInt64(b)
                v = v &* 0x0000_0100_0000_01B3
            }
            return v
        }
    }

    private mutating func endField() {
        mix(0xFF)
    }
}
