import Testing
@testable import Feeds

/// The eight-bytes-at-a-time checks against their byte-by-byte meaning.
@Suite struct SWARTests {
    static func randomInputs(_ alphabet: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in (0..<(next() % 40)).map { _ in alphabet[next() % alphabet.count] } }
    }

    @Test func firstOfFindsTheFirstMatch() {
        let alphabet: [UInt8] = [0x61, 0x62, 0x26, 0x3C, 0x3E, 0x3D, 0x3B, 0xC3, 0xA9, 0x00, 0xFF]
        for bytes in Self.randomInputs(alphabet, count: 2000, seed: 7) {
            for from in [0, 1, 9] where from <= bytes.count {
                let want = bytes[from...].firstIndex { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E } ?? bytes.count
                let got = bytes.withUnsafeBufferPointer {
                    $0.baseAddress.map { SWAR.firstOf(0x26, 0x3C, 0x3E, in: $0, from: from, count: bytes.count) } ?? 0
                }
                #expect(got == want, "\(bytes)")
            }
        }
    }

    /// A line is "normalized" exactly when normalization would copy it unchanged (for the
    /// printable ASCII lines the fast path takes).
    @Test func normalizedLineMeansNormalizationKeepsIt() {
        let alphabet: [UInt8] = [0x61, 0x20, 0x20, 0x2E, 0x09, 0x0A, 0x1F, 0x7F, 0x7E, 0x21, 0xC2, 0xA0]
        for bytes in Self.randomInputs(alphabet, count: 4000, seed: 11) {
            let fast = bytes.withUnsafeBufferPointer(SWAR.isNormalizedLine)
            var out: [UInt8] = []
            bytes.withUnsafeBufferPointer { HTMLFragment.appendNormalizedLineSlowly($0, to: &out) }
            let printable = !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x80 }
            #expect(fast == (printable && out == bytes), "\(bytes)")
        }
    }
}

extension SWARTests {
    @Test(arguments: ["Plain title", "A", "Title with  two spaces", " leading", "trailing ", "Tom &amp; Jerry",
                      "<b>bold</b>", "line\nbreak", "tab\there", "Café", "", "Reporter 7", "a\u{00A0}b"])
    func plainLinesAreWhatPlainTextKeeps(_ s: String) {
        if HTMLFragment.isPlainLine(s) {
            #expect(String(decoding: HTMLRender(s, sanitize: false, baseURL: nil).text, as: UTF8.self) == s)
            #expect(HTMLFragment.normalizeWhitespace(s) == s)
        }
        #expect(HTMLFragment.isPlainLine(s) == ["Plain title", "A", "Reporter 7"].contains(s))
    }
}
