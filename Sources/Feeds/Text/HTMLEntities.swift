#if canImport(Glibc)
import Glibc
#endif

/// HTML named and numeric character references (HTML §13.2.5.72–80), decoded in feed text
/// because RSS descriptions routinely carry `&nbsp;`, `&rsquo;` and double-escaped HTML.
public enum HTMLEntities {
    /// Name (without `&` and `;`) → replacement text.
    static let named: [String: String] = {
        var map: [String: String] = [:]
        map.reserveCapacity(2200)
        for line in HTMLEntityTable.raw.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { continue }
            var s = String.UnicodeScalarView()
            for cp in parts.dropFirst() {
                if let v = UInt32(cp, radix: 16), let u = Unicode.Scalar(v) { s.append(u) }
            }
            map[String(parts[0])] = String(s)
        }
        return map
    }()

    /// References that browsers accept without the semicolon (the legacy subset people still write).
    static let legacyWithoutSemicolon: Set<String> = [
        "amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "AMP", "LT", "GT", "QUOT",
    ]

    /// Windows-1252 meanings of numeric references 0x80–0x9F (HTML §13.2.5.80).
    static let c1Replacements: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020,
        0x87: 0x2021, 0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152,
        0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022,
        0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
        0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// Decodes every character reference in `text`; unknown ones stay as written.
    public static func decode(_ text: String) -> String {
        guard text.hasByte(0x26) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var text = text
        text.withUTF8 { decode($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Byte-level decoding for the hot path (feed text is mostly ASCII).
    static func decode(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        var copied = 0
        let n = b.count
        while i < n {
            guard let base = b.baseAddress, let hit = memchr(base + i, 0x26, n - i) else { break }
            i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            if let (replacement, length) = reference(b, at: i) {
                out.append(contentsOf: b[copied..<i])
                out.append(contentsOf: replacement.utf8)
                i += length
                copied = i
            } else {
                i += 1
            }
        }
        out.append(contentsOf: b[copied..<n])
    }

    /// Whether `b` holds an `&` at all (most text runs do not: nothing to decode).
    static func hasAmpersand(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, b.count > 0 else { return false }
        return memchr(base, 0x26, b.count) != nil
    }

    /// The reference starting at `i` (which holds "&"): its text and how many bytes it spans.
    static func reference(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (String, Int)? {
        var j = i + 1
        guard j < s.count else { return nil }
        if s[j] == 0x23 {
            j += 1
            var hex = false
            if j < s.count, s[j] | 0x20 == 0x78 { hex = true; j += 1 }
            var v: UInt32 = 0
            let start = j
            while j < s.count, j - start < 8, let d = digit(s[j], hex: hex) {
                v = v &* (hex ? 16 : 10) &+ UInt32(d)
                j += 1
            }
            guard j > start else { return nil }
            if j < s.count, s[j] == 0x3B { j += 1 }
            if let r = c1Replacements[v] { v = r }
            let scalar = (v == 0 || (0xD800...0xDFFF).contains(v)) ? nil : Unicode.Scalar(v)
            return (String(scalar ?? "\u{FFFD}"), j - i)
        }
        let start = j
        while j < s.count, j - start < 32, isAlnum(s[j]) { j += 1 }
        guard j > start else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: s[start..<j]), as: UTF8.self)
        if j < s.count, s[j] == 0x3B, let r = named[name] { return (r, j + 1 - i) }
        if legacyWithoutSemicolon.contains(name), let r = named[name] { return (r, j - i) }
        return nil
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39)
    }

    private static func digit(_ c: UInt8, hex: Bool) -> Int? {
        if c >= 0x30 && c <= 0x39 { return Int(c - 0x30) }
        if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { return Int((c | 0x20) - 0x61 + 10) }
        return nil
    }
}
