/// One word of a text, normalized for matching, with where it stood and how it was written.
public struct Token: Sendable, Equatable {
    /// The normalized form: NFKC, case-folded, diacritics folded, dots of abbreviations removed.
    public var term: String
    /// Byte range of the word in the original text's UTF-8.
    public var range: Range<Int>
    /// Ordinal of the token in the text (phrases match consecutive positions).
    public var position: Int
    /// How the original was written; place detection trusts capitals only where they mean something.
    public var shape: Shape
    /// True for the first token of a sentence or of a line, where a capital says nothing.
    public var sentenceStart: Bool

    public enum Shape: Sendable, Equatable {
        /// "strike"
        case lower
        /// "Reading"
        case capitalized
        /// "BAGHDAD", "US"
        case upper
        /// digits, mixed case, scripts without case
        case other
    }

    public init(term: String, range: Range<Int>, position: Int, shape: Shape, sentenceStart: Bool) {
        self.term = term
        self.range = range
        self.position = position
        self.shape = shape
        self.sentenceStart = sentenceStart
    }
}
