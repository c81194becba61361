/// The one normalization shared by rules, place detection and fingerprints, so a query term
/// and a story word meet exactly when a reader would say they are the same word:
/// NFKC, case folding, diacritics folded (Hanīyeh = Haniyeh), apostrophes and hyphen variants
/// split alike ("Iran-backed", "Iran backed", "Iran–backed"), dotted abbreviations joined
/// (U.S. = US), CJK split into characters.
///
/// The work happens in `scan`, one pass over the UTF-8 bytes with an ASCII fast path and no
/// allocation per word; `tokenize` builds `Token` values on top of it.
public enum Tokenizer {
    /// Splits `text` into normalized tokens.
    public static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 6)
        scan(text) { t in
            tokens.append(Token(term: t.term, range: t.range, position: t.position,
                                shape: t.shape, sentenceStart: t.sentenceStart))
        }
        return tokens
    }

    /// The normalized terms of a text, in order (for keys and fingerprints).
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        out.reserveCapacity(text.utf8.count / 6)
        scan(text) { out.append($0.term) }
        return out
    }

    /// The normalized form of a single word (what `Token.term` holds): every scalar folded,
    /// nothing split or dropped.
    public static func fold(_ word: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(word.utf8.count)
        for s in word.unicodeScalars {
            appendFolded(s, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Calls `body` for each token of `text` with the folded term's bytes, valid only during
    /// the call. The allocation-free path for hot loops (the rule matcher hashes these bytes).
    public static func scan(_ text: String, _ body: (ScannedToken) throws -> Void) rethrows {
        var copy = text
        try copy.withUTF8 { src in
            var scanner = ByteScanner(src: src)
            defer { scanner.deallocate() }
            try scanner.run(body)
        }
    }

    static func appendFolded(_ s: Unicode.Scalar, to bytes: inout [UInt8]) {
        if s.isASCII {
            let v = UInt8(s.value)
            bytes.append((v >= 0x41 && v <= 0x5A) ? v + 32 : v)
        } else if s.value < ScalarFolding.tableLimit {
            let table = ScalarFolding.table
            let e = table.entries[Int(s.value)]
            let start = Int(e >> 24), len = Int((e >> 8) & 0xFFFF)
            bytes.append(contentsOf: table.bytes[start..<start + len])
        } else {
            bytes.append(contentsOf: ScalarFolding.compute(s))
        }
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool { ScalarFolding.isWord(s) }
    static func isCJK(_ s: Unicode.Scalar) -> Bool { ScalarFolding.isCJK(s.value) }
}

/// A token seen by `Tokenizer.scan`: the folded term as bytes (no String made).
public struct ScannedToken {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let range: Range<Int>
    public let position: Int
    public let shape: Token.Shape
    public let sentenceStart: Bool

    public var term: String { String(decoding: bytes, as: UTF8.self) }
}
