import Feeds
import Testing
import Tokens

@Suite struct SimHashTests {
    static let text = """
        BAGHDAD (Wire) — A United States airstrike hit a compound used by an Iran-backed militia in Babil province late on Tuesday, two Iraqi security officials said.
        The strike targeted a weapons depot near the town of Jurf al-Sakhar, about 60 kilometres south of the capital, the officials said.
        The Pentagon said the operation was a response to drone attacks on bases hosting American troops in Iraq and Syria.
        """

    @Test func normalizationDoesNotChangeTheFingerprint() {
        let a = SimHash.fingerprint(title: "US strike in Babil", text: Self.text)
        let b = SimHash.fingerprint(title: "US STRIKE IN BABIL", text: Self.text.uppercased())
        #expect(a == b)
        #expect(a != 0)
    }

    @Test func shortBoilerplateLinesAreIgnored() {
        let a = SimHash.fingerprint(title: "US strike in Babil", text: Self.text)
        let b = SimHash.fingerprint(title: "US strike in Babil", text: "Advertisement\nShare this\n" + Self.text + "\nRead more")
        #expect(SimHash.distance(a, b) == 0)
    }

    @Test func anEditedWordMovesFewBitsAndAnotherStoryMany() {
        let a = SimHash.fingerprint(title: "US strike in Babil", text: Self.text)
        let edited = SimHash.fingerprint(title: "US strike in Babil", text: Self.text.replacingOccurrences(of: "Tuesday", with: "Wednesday"))
        let other = SimHash.fingerprint(title: "Yen slides against the dollar",
                                        text: "The yen fell to its weakest level against the dollar in more than three decades on Friday, prompting warnings.")
        #expect(SimHash.distance(a, edited) <= 10)
        #expect(SimHash.distance(a, other) >= 16)
    }

    @Test(arguments: [(0 as UInt64, 0 as UInt64, 0), (0, UInt64.max, 64), (0b1011, 0b0001, 2)])
    func distanceCountsDifferingBits(a: UInt64, b: UInt64, expected: Int) {
        #expect(SimHash.distance(a, b) == expected)
    }

    @Test func emptyInputHasNoFingerprint() {
        #expect(SimHash.fingerprint(title: "", text: "") == 0)
    }
}

/// `SimHash.terms` (the tokenizer's allocation-free scan) must give exactly `Tokenizer.terms`.
@Suite struct FastTermsTests {
    @Test(arguments: [
        "U.S. and U.K. forces", "e.g. this", "Iran's militia", "don't stop", "Iran’s “proxy” — said…",
        "magnitude 5.1 quake", "A.B.C. News", "ABC.D. test", "it's", "'s", "x's", "rock 'n' roll",
        "Hanīyeh visits", "São Paulo", "BAGHDAD (Wire) — A strike", "1990s' boom", "end.", "U.S", "no\u{00A0}break",
    ])
    func matchesTokenizer(_ text: String) {
        #expect(SimHash.terms(text) == Tokenizer.terms(text))
    }

    @Test func matchesTokenizerOnRandomText() {
        let alphabet = ["a", "B", "s", "S", "U", ".", "'", "’", "—", " ", "1", "-", "“", "”", "é", "\n", "x", "Q", "‘", "…"]
        var state: UInt64 = 12345
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(state % 24) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += alphabet[Int((state >> 33) % UInt64(alphabet.count))]
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            #expect(SimHash.terms(text) == Tokenizer.terms(text), "\(text.debugDescription)")
        }
    }

    @Test func matchesTokenizerOnTheLabelledSet() throws {
        for pair in try LabelledPairs.load().pairs {
            for item in [pair.a, pair.b] {
                for text in [item.title, item.summary] + item.text.split(separator: "\n").map(String.init) {
                    #expect(SimHash.terms(text) == Tokenizer.terms(text), "\(text)")
                }
            }
        }
    }
}
