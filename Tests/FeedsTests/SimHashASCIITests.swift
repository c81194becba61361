import Testing
@testable import Feeds

/// `SimHashASCII` must give exactly the fingerprint of the general path (`Tokenizer.scan`
/// and a hash per folded term) for every ASCII input: stored fingerprints and the store's
/// dedup depend on it.
@Suite struct SimHashASCIITests {
    @Test(arguments: [
        ("", ""), ("Title only", ""), ("", "Text only, one short line"),
        ("Iran's drone attack", "U.S. officials said the attack on the base was Iran's.\nShort line\n\nA much longer line with more than six words in it here."),
        ("don't can't won't", "'quoted' words, rock 'n' roll, O'Brien's and students' books; it's 's s' 'S x's"),
        ("U.S.A. and U.K.", "a.b.c. A.B. x.y z.. 3.14 U.S. 1.2.3 e.g. i.e., Ph.D. U.S"),
        ("Numbers 2024 and 10,000", "The 3rd quarter: 4.5% growth.\n\n\nline\nline two\nline three has exactly six words\n"),
        ("   ", "\n\n\n"), ("x", "y"), ("A-B C_D", "tab\tseparated\rcarriage\r\nreturns"),
        ("Long", String(repeating: "a", count: 300) + " " + String(repeating: "B9", count: 100)),
        ("Possessive at end Iran's", "Iran's"), ("Apostrophe at end", "word' 'word ''"),
        ("Dots", ". .. ...a.b. U.S.'s U.S's A.b.C.d.E."),
    ])
    func matchesTheGeneralPath(_ title: String, _ text: String) {
        #expect(SimHashASCII.fingerprint(title: title, text: text) == SimHash.generalFingerprint(title: title, text: text))
    }

    /// Seeded random strings over the characters the rules treat specially.
    @Test(arguments: [
        // Separators and joiners dense: apostrophes, abbreviations, lines.
        ("aAsSzZ09 '.'.\n\n,-:!?\tUSxyq", 200),
        // Long letter runs (the eight-byte path, and words past the 128-byte cap).
        ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij '.\n", 600),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaZ9 ", 900),
    ])
    func matchesTheGeneralPathOnRandomInputs(_ characters: String, _ maxLength: Int) {
        let alphabet = Array(characters.utf8)
        var state: UInt64 = 0x1234_5678_9ABC_DEF0 ^ UInt64(maxLength)
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var mismatches: [String] = []
        for _ in 0..<2000 {
            let lengthT = Int(next() % 24), lengthX = Int(next() % UInt64(maxLength))
            let t = String(decoding: (0..<lengthT).map { _ in alphabet[Int(next()) % alphabet.count] }, as: UTF8.self)
            let x = String(decoding: (0..<lengthX).map { _ in alphabet[Int(next()) % alphabet.count] }, as: UTF8.self)
            if SimHashASCII.fingerprint(title: t, text: x) != SimHash.generalFingerprint(title: t, text: x) {
                mismatches.append("\(t.debugDescription) / \(x.debugDescription)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test(arguments: [("Café", "plain"), ("plain", "naïve résumé"), ("plain", "a\u{00A0}b")])
    func leavesNonASCIIToTheGeneralPath(_ title: String, _ text: String) {
        #expect(SimHashASCII.fingerprint(title: title, text: text) == nil)
        #expect(SimHash.fingerprint(title: title, text: text) == SimHash.generalFingerprint(title: title, text: text))
    }

    @Test func asciiCheckSeesEveryByte() {
        for k in 0..<20 {
            var bytes = [UInt8](repeating: 0x61, count: 19)
            if k < 19 { bytes[k] = 0xC3 }
            #expect(bytes.withUnsafeBufferPointer(SWAR.isASCII) == (k == 19))
        }
    }
}
