import Testing
import Tokens

struct TokenizerTests {
    @Test(arguments: [
        ("Iran-backed militias", ["iran", "backed", "militias"]),
        ("Iran–backed", ["iran", "backed"]),
        ("Iran\u{2011}backed Iran\u{2010}backed", ["iran", "backed", "iran", "backed"]),
        ("the U.S. said", ["the", "us", "said"]),
        ("U.S.-led U.K. e.g. U.S.A.", ["us", "led", "uk", "eg", "usa"]),
        ("US", ["us"]),
        ("Hanīyeh's aide", ["haniyeh", "aide"]),
        ("Iran’s proxies don't", ["iran", "proxies", "dont"]),
        ("ÉCOLE Straße", ["ecole", "strasse"]),
        ("İstanbul ﬁnal Ａｂｃ", ["istanbul", "final", "abc"]),
        ("北京市", ["北", "京", "市"]),
        ("東京 Tokyo", ["東", "京", "tokyo"]),
        // Kana, Hangul and symbols read from the flag table: letters are words, the
        // katakana middle dot, box drawing, arrows and ™ are not.
        ("カタカナ・ひらがな", ["カ", "タ", "カ", "ナ", "ひ", "ら", "が", "な"]),
        ("서울 Seoul", ["서", "울", "seoul"]),
        ("up ↑ 5% ─ Ⅻ ™", ["up", "5", "xii"]),
        ("Москва и Киев", ["москва", "и", "киев"]),
        ("Αθήνα ΑΘΗΝΑ", ["αθηνα", "αθηνα"]),
        ("بغداد العراقُ", ["بغداد", "العراق"]),
        ("co\u{AD}operate", ["cooperate"]),
        ("3.5 percent, F-16s", ["3", "5", "percent", "f", "16s"]),
        ("", []),
        ("  --  ", []),
    ])
    func normalizes(input: String, expected: [String]) {
        #expect(Tokenizer.terms(input) == expected)
    }

    @Test func shapesAndSentenceStarts() {
        let t = Tokenizer.tokenize("Reading is fun. We went to Reading.")
        #expect(t[0].shape == .capitalized && t[0].sentenceStart)
        #expect(t[1].shape == .lower && !t[1].sentenceStart)
        #expect(t[3].term == "we" && t[3].sentenceStart)
        #expect(t[6].term == "reading" && t[6].shape == .capitalized && !t[6].sentenceStart)
    }

    @Test func abbreviationDotDoesNotStartSentence() {
        let t = Tokenizer.tokenize("The U.S. Army and 3.5 Marines")
        #expect(t.map(\.term) == ["the", "us", "army", "and", "3", "5", "marines"])
        #expect(!t[2].sentenceStart)
        #expect(!t[5].sentenceStart)
        #expect(t[1].shape == .upper)
    }

    @Test func rangesAreUTF8ByteOffsets() {
        let text = "Hanīyeh's — BAGHDAD"
        let t = Tokenizer.tokenize(text)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[t[0].range], as: UTF8.self) == "Hanīyeh")
        #expect(String(decoding: bytes[t[1].range], as: UTF8.self) == "BAGHDAD")
        #expect(t[1].shape == .upper && t[1].sentenceStart)
        #expect(t.map(\.position) == [0, 1])
    }

    @Test(arguments: ["Hanīyeh", "ÉCOLE", "Straße", "İstanbul", "Ｔｏｋｙｏ", "Αθήνα", "plain"])
    func foldAgreesWithTokenizeAndIsIdempotent(word: String) {
        let folded = Tokenizer.fold(word)
        #expect(Tokenizer.terms(word) == [folded])
        #expect(Tokenizer.fold(folded) == folded)
    }

    @Test func scanMatchesTokenize() {
        let text = "In Babil province, Iraq, a U.S. strike hit Kata'ib Hezbollah’s depot."
        var scanned: [String] = []
        Tokenizer.scan(text) { scanned.append($0.term) }
        #expect(scanned == Tokenizer.terms(text))
        #expect(scanned == ["in", "babil", "province", "iraq", "a", "us", "strike", "hit", "kataib", "hezbollah", "depot"])
    }
}
