import Testing
import Tokens

/// `ScannedText` keeps what `Tokenizer.scan` yields; place detection and the matcher read
/// it instead of scanning again, so it must agree with `Tokenizer.tokenize` token for token.
struct ScannedTextTests {
    @Test(arguments: [
        "",
        "BAGHDAD (Reuters) — A U.S. strike hit Kata'ib Hezbollah’s depot in Babil province.",
        "Hanīyeh met officials in İstanbul and Ｔｏｋｙｏ; Αθήνα, Straße, ÉCOLE.",
        "東京で会議。Seoul 서울 talks resumed.\nNew line: Iran's envoy said 3.5 percent.",
        "soft\u{AD}hyphen and dots: e.g. U.N. and F.B.I. agents, ver. 2.0!",
        String(repeating: "Mosul ", count: 40) + String(repeating: "x", count: 300),
        // One-letter words: more tokens than the first record buffer holds (it grows).
        String(repeating: "a B 東京 ", count: 200),
        // Terms of 7, 8, 9, 15, 16 and 17 bytes, the longest last.
        "Kurdish Baghdadi Ramadiyah Internationals Internationalist Internationalists",
    ])
    func agreesWithTokenize(text: String) {
        let scanned = ScannedText(text)
        #expect(scanned.tokens == Tokenizer.tokenize(text))
        #expect(scanned.string == text)
        #expect(scanned.withUTF8 { Array($0) } == Array(text.utf8) && scanned.byteCount == text.utf8.count)
        for i in 0..<scanned.count {
            #expect(scanned.isLower(at: i) == (scanned.shape(at: i) == .lower))
            #expect(scanned.termLength(at: i) == scanned.term(at: i).utf8.count)
            let r = scanned.range(at: i)
            #expect(scanned.string(in: r) == String(decoding: Array(text.utf8)[r], as: UTF8.self))
        }
        var cased: [Int] = []
        scanned.forEachCased { cased.append($0) }
        #expect(cased == (0..<scanned.count).filter { !scanned.isLower(at: $0) })
        // Each cased word's length and first eight bytes, zero past its end (the last word
        // of a text included: it reads into the zeroed tail).
        var heads: [Int] = []
        scanned.forEachCasedHead { i, length, head in
            heads.append(i)
            let term = Array(scanned.term(at: i).utf8)
            var want: UInt64 = 0
            for (k, b) in term.prefix(8).enumerated() { want |= UInt64(b) << (8 * UInt64(k)) }
            #expect(length == term.count && head == want, "token \(i) of \(text.prefix(40))")
        }
        #expect(heads == cased)
        // Every term with its first sixteen bytes as two words, zero past its end (the
        // matcher's word-cache key), the last term of the text included.
        var indices: [Int] = []
        scanned.forEachTerm { i, term, key0, key1 in
            indices.append(i)
            let want = Array(scanned.term(at: i).utf8)
            var w0: UInt64 = 0, w1: UInt64 = 0
            for (k, b) in want.prefix(16).enumerated() {
                if k < 8 { w0 |= UInt64(b) << (8 * UInt64(k)) } else { w1 |= UInt64(b) << (8 * UInt64(k - 8)) }
            }
            #expect(Array(term) == want && key0 == w0 && key1 == w1, "token \(i) of \(text.prefix(40))")
        }
        #expect(indices == Array(0..<scanned.count))
    }

    @Test func countsTitleCaseWords() {
        let scanned = ScannedText("Floods Hit Reading as the Thames Rises. OK")
        // Words of four bytes or more: floods, reading, thames, rises, all capitalized
        // ("Hit", "as", "the" and "OK" are shorter).
        #expect(scanned.caseCounts(in: 0..<200, minLength: 4) == (words: 4, cased: 4))
        #expect(scanned.caseCounts(in: 0..<3, minLength: 4) == (words: 2, cased: 2))
        #expect(ScannedText("floods hit reading").caseCounts(in: 0..<200, minLength: 4) == (words: 2, cased: 0))
    }

    /// Folding can make a text longer than its source (ﷺ is one scalar of three bytes and
    /// folds to eighteen letters): the kept terms outgrow the first buffer and must survive
    /// its growth intact.
    @Test func keepsTermsWhenFoldingLengthens() {
        let text = Array(repeating: "\u{FDFA} \u{FB01}x ß", count: 300).joined(separator: " ")
        let scanned = ScannedText(text)
        #expect(scanned.count == 900)
        #expect(scanned.tokens == Tokenizer.tokenize(text))
    }

    @Test func forEachYieldsTheScan() {
        let text = "Strikes near Hillah, Iraq; the U.S. said."
        var streamed: [String] = [], kept: [String] = []
        var positions: [Int] = []
        Tokenizer.scan(text) { streamed.append($0.term) }
        ScannedText(text).forEach { t in
            kept.append(t.term)
            positions.append(t.position)
        }
        #expect(kept == streamed && positions == Array(0..<streamed.count))
    }

    @Test func storyBodyIsTextElseSummary() {
        #expect(ScannedStory(title: "t", summary: "s", text: "body").body.string == "body")
        #expect(ScannedStory(title: "t", summary: "s", text: "").body.string == "s")
    }
}
