import Tokens
#if canImport(Glibc)
import Glibc
#endif

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
        SimHashASCII.fingerprint(title: title, text: text) ?? generalFingerprint(title: title, text: text)
    }

    /// Any text, through `Tokenizer.scan`: the reference the ASCII fast path is tested against.
    static func generalFingerprint(title: String, text: String) -> UInt64 {
        var votes = BitVotes()
        var hashes: [UInt64] = []
        hashes.reserveCapacity(64)
        Tokenizer.scan(title) { hashes.append(termHash($0.bytes)) }
        add(hashes[...], to: &votes)
        let lines = contentLines(text)
        for r in lines.ranges { add(lines.hashes[r], to: &votes) }
        return votes.any ? votes.result : 0
    }

    /// One line's shingles (or, for a line shorter than a shingle, one hash of its terms).
    private static func add(_ hashes: ArraySlice<UInt64>, to votes: inout BitVotes) {
        hashes.withUnsafeBufferPointer { add($0, to: &votes) }
    }

    static func add(_ t: UnsafeBufferPointer<UInt64>, to votes: inout BitVotes) {
        guard !t.isEmpty else { return }
        votes.any = true
        if t.count < shingle {
            var h: UInt64 = 0x5851_F42D_4C95_7F2D
            for x in t { h = mix(h ^ x) }
            votes.add(h)
            return
        }
        for i in 0...(t.count - shingle) {
            var h = t[i]
            h = mix(h ^ (t[i + 1] &* 0x9E37_79B9_7F4A_7C15))
            h = mix(h ^ (t[i + 2] &* 0xC2B2_AE3D_27D4_EB4F))
            votes.add(h)
        }
    }

    /// Number of differing bits.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }

    /// The text's lines (split at "\n", empty lines skipped) as term hashes, short lines
    /// dropped when any line is long enough. One tokenizer pass over the whole text: a word
    /// never spans a newline, so each token belongs to the line its first byte is on.
    static func contentLines(_ text: String) -> (hashes: [UInt64], ranges: [Range<Int>]) {
        var hashes: [UInt64] = []
        var ranges: [Range<Int>] = []
        hashes.reserveCapacity(text.utf8.count / 5)
        var copy = text
        copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var lineStart = 0
            var lineEnd = nextNewline(base, from: 0, count: bytes.count)
            Tokenizer.scan(text) { token in
                let at = token.range.lowerBound
                if at > lineEnd {
                    if hashes.count > lineStart { ranges.append(lineStart..<hashes.count) }
                    lineStart = hashes.count
                    lineEnd = nextNewline(base, from: at, count: bytes.count)
                }
                hashes.append(termHash(token.bytes))
            }
            if hashes.count > lineStart { ranges.append(lineStart..<hashes.count) }
        }
        if ranges.contains(where: { $0.count >= minimumLineWords }) {
            ranges.removeAll { $0.count < minimumLineWords }
        }
        return (hashes, ranges)
    }

    private static func nextNewline(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
        guard from < count, let hit = memchr(base + from, 0x0A, count - from) else { return count }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The normalized terms of `text` (`Tokenizer`'s, through its allocation-free scan).
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        Tokenizer.scan(text) { out.append($0.term) }
        return out
    }

    /// FNV-1a over the term's UTF-8, finished with a mixer so every output bit depends on
    /// every input byte (FNV alone leaves the high bits weak for short words).
    static func termHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
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
}
