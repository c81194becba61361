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
        guard text.utf8.contains(0x26) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "&", let (replacement, length) = reference(scalars, at: i) {
                out.append(contentsOf: replacement.unicodeScalars)
                i += length
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }

    /// The reference starting at `i` (which holds "&"): its text and how many scalars it spans.
    static func reference(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        guard j < s.count else { return nil }
        if s[j] == "#" {
            j += 1
            var hex = false
            if j < s.count, s[j] == "x" || s[j] == "X" { hex = true; j += 1 }
            var v: UInt32 = 0
            let start = j
            while j < s.count, let d = hex ? s[j].hexDigitValue : s[j].decimalDigitValue, j - start < 8 {
                v = v &* (hex ? 16 : 10) &+ UInt32(d)
                j += 1
            }
            guard j > start else { return nil }
            if j < s.count, s[j] == ";" { j += 1 }
            if let r = c1Replacements[v] { v = r }
            let scalar = (v == 0 || (0xD800...0xDFFF).contains(v)) ? nil : Unicode.Scalar(v)
            return (String(scalar ?? "\u{FFFD}"), j - i)
        }
        var name = ""
        while j < s.count, j - i <= 32, s[j].properties.isAlphabetic || s[j].decimalDigitValue != nil {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard !name.isEmpty else { return nil }
        if j < s.count, s[j] == ";", let r = named[name] { return (r, j + 1 - i) }
        if legacyWithoutSemicolon.contains(name), let r = named[name] { return (r, j - i) }
        return nil
    }
}

extension Unicode.Scalar {
    var hexDigitValue: Int? {
        switch value {
        case 0x30...0x39: return Int(value - 0x30)
        case 0x41...0x46: return Int(value - 0x41 + 10)
        case 0x61...0x66: return Int(value - 0x61 + 10)
        default: return nil
        }
    }

    var decimalDigitValue: Int? {
        (0x30...0x39).contains(value) ? Int(value - 0x30) : nil
    }
}
