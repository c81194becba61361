import Foundation

/// Per-scalar folding: compatibility decomposition (the "K" of NFKC, so "ﬁ" = "fi" and
/// full-width "Ａ" = "A"), nonspacing marks dropped (Hanīyeh = Haniyeh, Arabic harakat,
/// Hebrew niqqud), lowercase, and the few full case foldings lowercasing misses (ß = ss,
/// final sigma = sigma). Decomposing and dropping marks per scalar gives the same words as
/// NFKC followed by diacritic folding, without composing whole strings.
///
/// Scalars below U+2000 (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, Vietnamese) come
/// from a table built once; the rest are folded on the fly.
enum ScalarFolding {
    struct Entry {
        /// Folded UTF-8 is `bytes[start..<end]`.
        var start: UInt32
        var end: UInt16
        var flags: UInt8
    }

    static let word: UInt8 = 1
    static let upper: UInt8 = 2
    static let lower: UInt8 = 4
    static let mark: UInt8 = 8

    static let tableLimit: UInt32 = 0x2000

    struct Table: Sendable {
        var entries: [UInt64]  // start << 24 | length << 8 | flags
        var bytes: [UInt8]
    }

    /// Built on first use (Swift's lazy globals are thread-safe); about 8,000 scalars.
    static let table: Table = {
        var entries = [UInt64](repeating: 0, count: Int(tableLimit))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16_000)
        for v in 0..<tableLimit {
            guard let s = Unicode.Scalar(v) else { continue }
            let folded = compute(s)
            let start = UInt64(bytes.count)
            bytes.append(contentsOf: folded)
            entries[Int(v)] = start << 24 | UInt64(folded.count) << 8 | UInt64(flags(of: s))
        }
        return Table(entries: entries, bytes: bytes)
    }()

    /// `flags(of:)` of the scalars from `tableLimit` up to here (symbols, kana, CJK
    /// ideographs, Hangul), one byte each, built on first use: a page in Chinese or
    /// Japanese has a token per ideograph, and asking the standard library for five
    /// properties of each one cost as much as the rest of the scan.
    static let flagsLimit: UInt32 = 0xD800

    static let highFlags: [UInt8] = (tableLimit..<flagsLimit).map { v in
        if uniformLetters.contains(where: { $0.contains(v) }) { return word }
        return Unicode.Scalar(v).map(flags(of:)) ?? 0
    }

    /// Blocks in which every scalar is a caseless letter (general category Lo): CJK
    /// ideographs and Hangul syllables, two thirds of `highFlags`, filled without asking the
    /// standard library, which would add about 10 ms to every process start
    /// (`ScalarFoldingTests` checks them against `flags(of:)`).
    static let uniformLetters: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3]

    static func flags(of s: Unicode.Scalar) -> UInt8 {
        let p = s.properties
        var f: UInt8 = 0
        if isWord(s) { f |= word }
        if p.isUppercase { f |= upper }
        if p.isLowercase { f |= lower }
        if p.generalCategory == .nonspacingMark || p.generalCategory == .enclosingMark { f |= mark }
        return f
    }

    static func isWord(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        if s.value == 0xAD { return false }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0xAC00...0xD7AF:
            return true
        default:
            return false
        }
    }

    /// The folded UTF-8 of one scalar.
    static func compute(_ s: Unicode.Scalar) -> [UInt8] {
        if s.isASCII {
            let v = UInt8(s.value)
            return [(v >= 0x41 && v <= 0x5A) ? v + 32 : v]
        }
        if isCJK(s.value) && !(0xF900...0xFAFF).contains(s.value) { return Array(String(s).utf8) }
        var out = String.UnicodeScalarView()
        let decomposed = String(s).decomposedStringWithCompatibilityMapping
        for d in decomposed.unicodeScalars {
            let p = d.properties
            if p.generalCategory == .nonspacingMark || p.generalCategory == .enclosingMark { continue }
            for l in p.lowercaseMapping.decomposedStringWithCompatibilityMapping.unicodeScalars {
                let c = l.properties.generalCategory
                if c == .nonspacingMark || c == .enclosingMark { continue }
                switch l.value {
                case 0xDF: out.append("s"); out.append("s")       // ß
                case 0x3C2: out.append("\u{3C3}")                 // ς → σ
                case 0x17F: out.append("s")                       // ſ
                default: out.append(l)
                }
            }
        }
        return Array(String(out).utf8)
    }
}
