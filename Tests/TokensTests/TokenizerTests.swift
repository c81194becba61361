import Testing
import Tokens

struct TokenizerTests {
    @Test(arguments: [
        ("Iran-backed militias", ["iran", "backed", "militias"]),
        ("Iran–backed", ["iran", "backed"]),
        ("the U.S. said", ["the", "us", "said"]),
        ("Hanīyeh's aide", ["haniyeh", "aide"]),
        ("ÉCOLE Straße", ["ecole", "strasse"]),
        ("北京市", ["北", "京", "市"]),
        ("Москва и Киев", ["москва", "и", "киев"]),
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
}
