import Tokens

/// 64-bit SimHash (Charikar 2002) of a story's normalized title and text, over word
/// 3-shingles, so syndicated copies of one story land a few bits apart while different
/// stories land about 32 bits apart. Manku, Jain & Das Sarma ("Detecting near-duplicates for
/// web crawling", WWW 2007) use 64-bit fingerprints and Hamming distance 3; the store picks its
/// own distance by measurement (Benchmarks/StoreBench/RESULTS.md).
public enum SimHash {
    /// Word shingle length: long enough that two stories about one country share few shingles,
    /// short enough that one edited word changes only three of them.
    static let shingle = 3
    /// Lines with fewer words are left out of the text's fingerprint when longer lines exist:
    /// that is where template boilerplate lives ("Advertisement", "Share this article",
    /// bylines, "Read more"), and an aggregator's copy differs from the wire mostly there.
    static let minimumLineWords = 6

    /// The fingerprint of a story: the title's shingles and the text's shingles, each counted
    /// once per occurrence, Unicode-normalized through `Tokenizer` (case, accents, hyphens).
    public static func fingerprint(title: String, text: String) -> UInt64 {
        var counts = [Int32](repeating: 0, count: 64)
        var any = false
        func add(_ terms: [String]) {
            guard !terms.isEmpty else { return }
            let hashes = terms.map(termHash)
            if hashes.count < shingle {
                var h: UInt64 = 0x5851_F42D_4C95_7F2D
                for t in hashes { h = mix(h ^ t) }
                accumulate(h, into: &counts)
                any = true
                return
            }
            for i in 0...(hashes.count - shingle) {
                var h = hashes[i]
                h = mix(h ^ (hashes[i + 1] &* 0x9E37_79B9_7F4A_7C15))
                h = mix(h ^ (hashes[i + 2] &* 0xC2B2_AE3D_27D4_EB4F))
                accumulate(h, into: &counts)
                any = true
            }
        }
        add(terms(title))
        for line in contentLines(text) { add(line) }
        guard any else { return 0 }
        var result: UInt64 = 0
        for bit in 0..<64 where counts[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// Number of differing bits.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }

    /// The text's lines as terms, short lines dropped when any line is long enough.
    static func contentLines(_ text: String) -> [[String]] {
        let lines = text.utf8.split(separator: 0x0A).map { terms(String(Substring($0))) }
            .filter { !$0.isEmpty }
        let long = lines.filter { $0.count >= minimumLineWords }
        return long.isEmpty ? lines : long
    }

    /// The normalized terms of `text`, exactly as `Tokenizer.terms` gives them, through a
    /// byte scanner when the text is ASCII plus common punctuation (dashes, curly quotes,
    /// no-break space), which is most news text; anything else goes through `Tokenizer`.
    /// The scanner follows Tokenizer's rules for ASCII: letters and digits make words,
    /// case folds to lower, a dot between single capitals joins ("U.S." = "us"), a
    /// possessive 's is dropped, an inner apostrophe joins ("don't" = "dont").
    public static func terms(_ text: String) -> [String] {
        var copy = text
        if let fast = copy.withUTF8({ FastTerms.scan($0) }) { return fast }
        return Tokenizer.terms(text)
    }

    /// FNV-1a over the term's UTF-8, finished with a mixer so every output bit depends on
    /// every input byte (FNV alone leaves the high bits weak for short words).
    static func termHash(_ term: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in term.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return mix(h)
    }

    /// The SplitMix64 finalizer (Steele, Lea & Flood 2014).
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always) static func accumulate(_ h: UInt64, into counts: inout [Int32]) {
        var bits = h
        for bit in 0..<64 {
            counts[bit] += (bits & 1) == 1 ? 1 : -1
            bits >>= 1
        }
    }
}

/// The byte scanner behind `SimHash.terms`; returns nil for text it does not cover.
enum FastTerms {
    /// What a byte sequence at a position is: its length, and its role.
    enum Kind { case word, dot, apostrophe, separator }

    @inline(__always) static func isWord(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// The scalar at `i`: ASCII, or one of the punctuation marks news text is full of.
    @inline(__always) static func classify(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Kind, Int)? {
        let c = b[i]
        if c < 0x80 {
            if isWord(c) { return (.word, 1) }
            if c == 0x2E { return (.dot, 1) }
            if c == 0x27 { return (.apostrophe, 1) }
            return (.separator, 1)
        }
        if c == 0xC2, i + 1 < b.count, [0xA0, 0xAB, 0xBB].contains(b[i + 1]) { return (.separator, 2) }
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80 {
            switch b[i + 2] {
            case 0x99: return (.apostrophe, 3)  // ’
            case 0x93, 0x94, 0x98, 0x9C, 0x9D, 0xA6: return (.separator, 3)  // – — ‘ “ ” …
            default: return nil
            }
        }
        return nil
    }

    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> [String]? {
        var out: [String] = []
        out.reserveCapacity(b.count / 5)
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var allUpper = true
        func flush() {
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            allUpper = true
        }
        @inline(__always) func wordAt(_ j: Int) -> Bool { j < b.count && isWord(b[j]) }
        var i = 0
        while i < b.count {
            guard let (kind, width) = classify(b, i) else { return nil }
            switch kind {
            case .word:
                let c = b[i]
                if c >= 0x41 && c <= 0x5A { current.append(c + 32) } else { current.append(c); allUpper = false }
            case .dot:
                // Tokenizer: a dot after one letter (or all capitals) followed by a word
                // character and another dot joins ("U.S." = "US").
                if !current.isEmpty, current.count == 1 || allUpper, i + 2 < b.count, isWord(b[i + 1]), b[i + 2] == 0x2E {
                    break
                }
                flush()
            case .apostrophe:
                if !current.isEmpty, wordAt(i + width) {
                    let s = b[i + width]
                    if s == 0x73 || s == 0x53, !wordAt(i + width + 1) {
                        flush()
                        i += width + 1
                        continue
                    }
                    break
                }
                flush()
            case .separator:
                flush()
            }
            i += width
        }
        flush()
        return out
    }
}
