import Feeds
import Testing

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
