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
        func add(_ hashes: [UInt64]) {
            guard !hashes.isEmpty else { return }
            any = true
            if hashes.count < shingle {
                var h: UInt64 = 0x5851_F42D_4C95_7F2D
                for t in hashes { h = mix(h ^ t) }
                accumulate(h, into: &counts)
                return
            }
            for i in 0...(hashes.count - shingle) {
                var h = hashes[i]
                h = mix(h ^ (hashes[i + 1] &* 0x9E37_79B9_7F4A_7C15))
                h = mix(h ^ (hashes[i + 2] &* 0xC2B2_AE3D_27D4_EB4F))
                accumulate(h, into: &counts)
            }
        }
        add(termHashes(title))
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

    /// The text's lines as term hashes, short lines dropped when any line is long enough.
    static func contentLines(_ text: String) -> [[UInt64]] {
        let lines = text.utf8.split(separator: 0x0A).map { termHashes(String(Substring($0))) }
            .filter { !$0.isEmpty }
        let long = lines.filter { $0.count >= minimumLineWords }
        return long.isEmpty ? lines : long
    }

    /// The normalized terms of `text` (`Tokenizer`'s, through its allocation-free scan).
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        Tokenizer.scan(text) { out.append($0.term) }
        return out
    }

    /// One hash per normalized term, straight from the tokenizer's bytes (no strings built).
    static func termHashes(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        Tokenizer.scan(text) { out.append(termHash($0.bytes)) }
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

    @inline(__always) static func accumulate(_ h: UInt64, into counts: inout [Int32]) {
        var bits = h
        for bit in 0..<64 {
            counts[bit] += (bits & 1) == 1 ? 1 : -1
            bits >>= 1
        }
    }
}
