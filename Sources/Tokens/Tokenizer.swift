import Foundation

/// The one normalization shared by rules, place detection and fingerprints, so a query term
/// and a story word meet exactly when a reader would say they are the same word:
/// NFKC, case folding, diacritics folded (Hanīyeh = Haniyeh), apostrophes and hyphen variants
/// split alike ("Iran-backed", "Iran backed", "Iran–backed"), dotted abbreviations joined
/// (U.S. = US), CJK split into characters.
public enum Tokenizer {
    /// Splits `text` into normalized tokens.
    public static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 5)
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        var sentenceStart = true
        var lastWasDot = false

        func flush(end: Int) {
            guard !current.isEmpty else { return }
            let raw = String(current)
            current = String.UnicodeScalarView()
            let term = fold(raw)
            guard !term.isEmpty else { return }
            tokens.append(Token(term: term, range: start..<end, position: tokens.count,
                                shape: shape(of: raw), sentenceStart: sentenceStart))
            sentenceStart = false
        }

        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            let width = UTF8.width(s)
            if isWordScalar(s) {
                if isCJK(s) {
                    flush(end: offset)
                    start = offset
                    current.append(s)
                    flush(end: offset + width)
                } else {
                    if current.isEmpty { start = offset }
                    current.append(s)
                }
                lastWasDot = false
            } else if s == "." && !current.isEmpty && isAbbreviationDot(scalars, i, current) {
                // U.S. → US: a dot between single letters joins them.
                lastWasDot = true
            } else if (s == "'" || s == "\u{2019}") && !current.isEmpty && i + 1 < scalars.count && isWordScalar(scalars[i + 1]) {
                // Possessive 's is dropped; an inner apostrophe (don't) joins.
                if i + 2 <= scalars.count, (scalars[i + 1] == "s" || scalars[i + 1] == "S"),
                   i + 2 == scalars.count || !isWordScalar(scalars[i + 2]) {
                    flush(end: offset)
                    i += 2
                    offset += width + 1
                    continue
                }
            } else {
                flush(end: offset)
                if s == "." || s == "!" || s == "?" || s == "\n" || s == ":" || s == "—" {
                    if !(s == "." && lastWasDot) { sentenceStart = true }
                }
                lastWasDot = false
            }
            offset += width
            i += 1
        }
        flush(end: offset)
        return tokens
    }

    /// The normalized form of a single word or phrase (what `Token.term` holds).
    public static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: word.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }, as: UTF8.self)
        }
        let nfkc = word.precomposedStringWithCompatibilityMapping
        return nfkc.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The normalized terms of a text, in order (for keys and fingerprints).
    public static func terms(_ text: String) -> [String] {
        tokenize(text).map(\.term)
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0xAC00...0xD7AF:
            return true
        default:
            return false
        }
    }

    /// "U.S." / "U.K." / "e.g.": a dot after a single letter that is followed by a single letter
    /// and another dot, or that closes such a run.
    private static func isAbbreviationDot(_ s: [Unicode.Scalar], _ i: Int, _ current: String.UnicodeScalarView) -> Bool {
        guard current.count == 1 || current.allSatisfy({ $0.properties.isUppercase }) else { return false }
        // Followed by a letter and a dot ("U.S" + ".")
        if i + 2 < s.count, isWordScalar(s[i + 1]), s[i + 2] == "." { return true }
        // Closing dot of a run: previous pattern was letter-dot-letter.
        return false
    }

    private static func shape(of raw: String) -> Token.Shape {
        var upper = 0, lower = 0, cased = 0
        for s in raw.unicodeScalars {
            let p = s.properties
            if p.isUppercase { upper += 1; cased += 1 } else if p.isLowercase { lower += 1; cased += 1 }
        }
        if cased == 0 { return .other }
        if lower == cased { return .lower }
        if upper == cased { return .upper }
        if raw.unicodeScalars.first!.properties.isUppercase && upper == 1 { return .capitalized }
        return .other
    }
}
