import Foundation

/// How the store decides that two stories are copies of one. The defaults are the measured
/// ones (Benchmarks/StoreBench/RESULTS.md, Tests/StoreTests/Fixtures/pairs.json).
public struct DedupPolicy: Sendable, Equatable {
    /// Largest SimHash Hamming distance that still means "the same story". At most 3: the
    /// index splits the fingerprint into four 16-bit bands, and only for k ≤ 3 must two
    /// fingerprints within k share a band (pigeonhole), so no candidate is missed.
    public var maxDistance: Int
    /// Copies are looked for among stories seen within this interval before or after.
    public var window: TimeInterval
    /// A story's body needs at least this many words for its fingerprint to be compared:
    /// below it, template boilerplate (nav, share buttons, footers) would dominate.
    public var minimumWords: Int
    /// A title needs at least this many words for its key to be compared ("Live updates",
    /// "Opinion" and other generic titles are left out).
    public var minimumTitleWords: Int
    /// Stories sharing a title key, both with enough text, must also share the lead key or
    /// have fingerprints within this distance:
    /// recurring headlines and long editor's notes sit above different stories.
    public var confirmDistance: Int
    /// Length of the lead key: the first this-many words of a story's first full line. A
    /// match is confirmed by the second full line when both bodies are long, else by a shared
    /// title word, since datelines, notes and stock openings repeat.
    public var leadWords: Int

    public init(maxDistance: Int = 3, window: TimeInterval = 72 * 3600, minimumWords: Int = 40,
                minimumTitleWords: Int = 4, confirmDistance: Int = 22, leadWords: Int = 16) {
        self.maxDistance = min(max(maxDistance, 0), 3)
        self.window = window
        self.minimumWords = minimumWords
        self.minimumTitleWords = minimumTitleWords
        self.confirmDistance = confirmDistance
        self.leadWords = leadWords
    }
}
