import Testing
@testable import Feeds

/// `XMLRepair` finds sections by their second byte ("!" or "?" after "<") to skip past tags
/// quickly; these tests hold it to the plain byte-by-byte reading of its rules: outside
/// CDATA, comments, processing instructions and declarations, a bare `&` becomes `&amp;`
/// and a C0 control (other than tab and line ends) a space; inside sections only controls
/// are replaced.
@Suite struct XMLRepairTests {
    @Test(arguments: [
        ("<a>AT&T</a>", "<a>AT&amp;T</a>"),
        ("<a>&amp; &#38; &#x26; &nbsp;</a>", nil),
        ("<![CDATA[a & b]]>&", "<![CDATA[a & b]]>&amp;"),
        ("<!-- & -->x&y", "<!-- & -->x&amp;y"),
        ("<?pi & ?>&", "<?pi & ?>&amp;"),
        ("<!DOCTYPE x>&", "<!DOCTYPE x>&amp;"),
        ("a\u{01}b<![CDATA[\u{02}]]>", "a b<![CDATA[ ]]>"),
        ("Why? Now! <<!-- & --> & !? <?", "Why? Now! <<!-- & --> &amp; !? <?"),
    ] as [(String, String?)])
    func repairs(_ input: String, _ expected: String?) {
        let out = Array(input.utf8).withUnsafeBufferPointer { XMLRepair.repair($0) }
        #expect(out.bytes.map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    /// Seeded random inputs over the bytes the rules treat specially.
    @Test func matchesTheByteByByteRules() {
        let alphabet = Array("<<!!??&&--[[]]>>CDATA;#x1a \n\t\u{01}\u{1F}".utf8)
        var state: UInt64 = 0x0DDB_1A5E_5BAD_5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var mismatches: [String] = []
        for _ in 0..<4000 {
            let input = (0..<(next() % 90)).map { _ in alphabet[next() % alphabet.count] }
            let got = input.withUnsafeBufferPointer { XMLRepair.repair($0) }
            let want = Self.reference(input)
            if (got.bytes ?? input) != want.bytes || got.escapedAmpersands != want.ampersands
                || got.replacedControls != want.controls {
                mismatches.append(String(decoding: input, as: UTF8.self).debugDescription)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// The rules one byte at a time.
    static func reference(_ b: [UInt8]) -> (bytes: [UInt8], ampersands: Int, controls: Int) {
        var out: [UInt8] = []
        var amps = 0, controls = 0
        let n = b.count
        func isControl(_ c: UInt8) -> Bool { c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D }
        func starts(_ t: [UInt8], at i: Int) -> Bool { i + t.count <= n && Array(b[i..<(i + t.count)]) == t }
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x3C, i + 1 < n, b[i + 1] == 0x21 || b[i + 1] == 0x3F {
                let terminator: [UInt8]
                if i + 8 < n, b[i + 2] == 0x5B, b[i + 3] == 0x43 { terminator = Array("]]>".utf8) }
                else if i + 3 < n, b[i + 2] == 0x2D, b[i + 3] == 0x2D { terminator = Array("-->".utf8) }
                else if b[i + 1] == 0x3F { terminator = Array("?>".utf8) }
                else { out += b[i..<(i + 2)]; i += 2; continue }
                out += b[i..<(i + 2)]
                i += 2
                while i < n {
                    if starts(terminator, at: i) { out += terminator; i += terminator.count; break }
                    if isControl(b[i]) { out.append(0x20); controls += 1 } else { out.append(b[i]) }
                    i += 1
                }
                continue
            }
            if c == 0x26, !isReference(b, i) {
                out += Array("&amp;".utf8)
                amps += 1
            } else if isControl(c) {
                out.append(0x20)
                controls += 1
            } else {
                out.append(c)
            }
            i += 1
        }
        return (out, amps, controls)
    }

    static func isReference(_ b: [UInt8], _ at: Int) -> Bool {
        var j = at + 1
        guard j < b.count else { return false }
        func letter(_ d: UInt8) -> Bool { (d | 0x20) >= 0x61 && (d | 0x20) <= 0x7A }
        func digit(_ d: UInt8) -> Bool { d >= 0x30 && d <= 0x39 }
        if b[j] == 0x23 {
            j += 1
            let hex = j < b.count && (b[j] | 0x20) == 0x78
            if hex { j += 1 }
            let start = j
            while j < b.count, j - at < 40, digit(b[j]) || (hex && (b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x66) { j += 1 }
            return j > start && j < b.count && b[j] == 0x3B
        }
        let start = j
        while j < b.count, j - at < 40,
              letter(b[j]) || b[j] >= 0x80 || (j > start && (digit(b[j]) || [0x2D, 0x2E, 0x5F, 0x3A].contains(b[j]))) {
            j += 1
        }
        return j > start && j < b.count && b[j] == 0x3B
    }
}
