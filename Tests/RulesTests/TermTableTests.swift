@testable import Rules
import Testing

/// The term table keeps the first 24 key bytes inline in its slots and the rest in a pool;
/// lookups must stay exact on both sides of that boundary and for every prefix length.
struct TermTableTests {
    static let words: [String] = [
        "a", "ab", "abcdefg", "abcdefgh", "abcdefghi",
        String(repeating: "x", count: 23), String(repeating: "x", count: 24), String(repeating: "x", count: 25),
        String(repeating: "y", count: 24) + "z", String(repeating: "y", count: 24) + "q",
        String(repeating: "k", count: 40) + "end", "ħanīyeh", "حنية", "ваш",
    ]

    @Test func everyInsertedTermIsFoundAndNothingElse() {
        var table = TermTable()
        var ids: [String: Int32] = [:]
        for (n, w) in Self.words.enumerated() {
            // Many fillers force the table to grow and re-place the slots.
            for k in 0..<40 { _ = table.insert("filler\(n)-\(k)") }
            ids[w] = table.insert(w)
        }
        for w in Self.words {
            #expect(table.insert(w) == ids[w])
            #expect(table.term(ids[w]!) == w)
            var copy = w
            copy.withUTF8 { bytes in
                #expect(table.lookup(bytes, hash: TermTable.hash(bytes), length: bytes.count) == ids[w])
                // Every proper prefix that is not itself a term is absent.
                for k in 1..<bytes.count {
                    let prefix = UnsafeBufferPointer(rebasing: bytes[0..<k])
                    let found = table.lookup(bytes, hash: TermTable.hash(prefix), length: k)
                    let expected = ids[String(decoding: prefix, as: UTF8.self)]
                    #expect(found == expected, "prefix \(k) of \(w)")
                }
            }
        }
        for miss in [String(repeating: "x", count: 26), String(repeating: "y", count: 24) + "r",
                     String(repeating: "k", count: 40) + "enD", "abcdefgj", "b"] {
            var copy = miss
            copy.withUTF8 { bytes in
                #expect(table.lookup(bytes, hash: TermTable.hash(bytes), length: bytes.count) == nil, "\(miss)")
            }
        }
    }

    /// The packed-key lookup the matcher uses for words of at most 16 bytes (the word
    /// cache's key) answers like the byte lookup, for terms, their prefixes and near misses.
    @Test func packedLookupAgreesWithByteLookup() {
        var table = TermTable()
        for (n, w) in Self.words.enumerated() {
            for k in 0..<40 { _ = table.insert("filler\(n)-\(k)") }
            _ = table.insert(w)
        }
        let probes = Self.words + ["abcdefgj", "b", "filler3-7", "filler3-7x", String(repeating: "x", count: 16),
                                   "abcdefghabcdefgh", "abcdefghabcdefg", "ħanī"]
        for w in probes {
            var copy = w
            copy.withUTF8 { bytes in
                for k in 1...min(bytes.count, 16) {
                    let prefix = UnsafeBufferPointer(rebasing: bytes[0..<k])
                    var key0: UInt64 = 0, key1: UInt64 = 0
                    for (i, b) in prefix.enumerated() {
                        if i < 8 { key0 |= UInt64(b) << (8 * UInt64(i)) } else { key1 |= UInt64(b) << (8 * UInt64(i - 8)) }
                    }
                    let h = TermTable.hash(prefix)
                    #expect(table.lookup(hash: h, key0: key0, key1: key1, length: k) == table.lookup(bytes, hash: h, length: k),
                            "prefix \(k) of \(w)")
                }
            }
        }
        // Byte k of the key sits in bits 8k of the packed words (little-endian).
        let h = Array("abcdefgh".utf8).withUnsafeBufferPointer { TermTable.hash($0) }
        #expect(table.lookup(hash: h, key0: 0x6867_6665_6463_6261, key1: 0, length: 8) != nil)
    }
}
