/// A text scanned once by the tokenizer and kept, so the rules matcher and place detection
/// read the same tokens from one pass (issue 6: "mentions are found with the same token
/// machinery as the rules matcher, in the same pass").
///
/// No String per word: per token a 16-byte record (byte range, where its folded term lies
/// in `folded`, shape), and the folded terms back to back in one buffer, written there by
/// the scanner itself. Token `i` is the `i`-th token `Tokenizer.scan` yields (its
/// `position` is `i`), with the same term, range, shape and sentence start.
public struct ScannedText: Sendable {
    /// The text's UTF-8 (ranges index it).
    public let utf8: [UInt8]
    @usableFromInline let folded: [UInt8]
    @usableFromInline let items: [Item]
    /// Indices of the tokens that are not all lowercase, in order: where place detection
    /// looks for a name's first word (on news text about one token in six).
    @usableFromInline let cased: [Int32]

    @usableFromInline
    struct Item: Sendable {
        @usableFromInline var start: Int32
        @usableFromInline var end: Int32
        @usableFromInline var fold: Int32
        @usableFromInline var length: UInt8
        /// Bits 0-1: shape (`Shape` order), bit 2: sentence start.
        @usableFromInline var flags: UInt8
    }

    public init(_ text: String) {
        self.init(utf8: Array(text.utf8))
    }

    public init(utf8: [UInt8]) {
        self.utf8 = utf8
        // Records go to a raw buffer (no uniqueness or capacity check of an Array per token)
        // and move into the array once at the end.
        var capacity = utf8.count / 5 + 16
        var buffer = UnsafeMutablePointer<Item>.allocate(capacity: capacity)
        var casedBuffer = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        var count = 0, casedCount = 0
        var kept: [UInt8] = []
        utf8.withUnsafeBufferPointer { src in
            var scanner = ByteScanner(src: src, keeping: true)
            defer { scanner.deallocate() }
            var fold: Int32 = 0
            scanner.run { t in
                if count == capacity {
                    capacity *= 2
                    let bigger = UnsafeMutablePointer<Item>.allocate(capacity: capacity)
                    bigger.moveInitialize(from: buffer, count: count)
                    buffer.deallocate()
                    buffer = bigger
                    let biggerCased = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
                    biggerCased.moveInitialize(from: casedBuffer, count: casedCount)
                    casedBuffer.deallocate()
                    casedBuffer = biggerCased
                }
                let shape = Self.code(t.shape)
                casedBuffer[casedCount] = Int32(truncatingIfNeeded: count)
                casedCount += shape == 0 ? 0 : 1
                let n = t.bytes.count
                (buffer + count).initialize(to: Item(
                    start: Int32(truncatingIfNeeded: t.range.lowerBound),
                    end: Int32(truncatingIfNeeded: t.range.upperBound), fold: fold,
                    length: UInt8(truncatingIfNeeded: n),
                    flags: shape | (t.sentenceStart ? 4 : 0)))
                count += 1
                fold += Int32(truncatingIfNeeded: n)
            }
            kept = scanner.keptBytes()
        }
        items = Array(UnsafeBufferPointer(start: buffer, count: count))
        buffer.deallocate()
        cased = Array(UnsafeBufferPointer(start: casedBuffer, count: casedCount))
        casedBuffer.deallocate()
        folded = kept
    }

    /// The number of tokens.
    @inlinable public var count: Int { items.count }

    /// Byte range of token `i` in `utf8`.
    @inlinable public func range(at i: Int) -> Range<Int> {
        let t = items[i]
        return Int(t.start)..<Int(t.end)
    }

    @inlinable public func shape(at i: Int) -> Token.Shape {
        Self.shape(items[i].flags)
    }

    @inlinable static func shape(_ flags: UInt8) -> Token.Shape {
        switch flags & 3 {
        case 0: .lower
        case 1: .capitalized
        case 2: .upper
        default: .other
        }
    }

    /// True when token `i` is all lowercase ("strike"): the cheap test place detection makes
    /// before any lookup.
    @inlinable public func isLower(at i: Int) -> Bool { items[i].flags & 3 == 0 }

    @inlinable public func isSentenceStart(at i: Int) -> Bool { items[i].flags & 4 != 0 }

    /// UTF-8 length of token `i`'s folded term.
    @inlinable public func termLength(at i: Int) -> Int { Int(items[i].length) }

    /// Calls `body` with token `i`'s folded term, valid only during the call.
    @inlinable
    public func withTerm<R>(at i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let t = items[i]
        return try folded.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[Int(t.fold)..<Int(t.fold) + Int(t.length)]))
        }
    }

    /// Token `i`'s folded term as a String (allocates; for the odd lookup, not for loops).
    public func term(at i: Int) -> String {
        withTerm(at: i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` for each token, as `Tokenizer.scan` would have. Inlinable, so the
    /// matcher's loop over a kept scan is specialized for its closure like its streaming one.
    @inlinable
    public func forEach(_ body: (ScannedToken) throws -> Void) rethrows {
        try folded.withUnsafeBufferPointer { all in
            try items.withUnsafeBufferPointer { records in
                guard let base = all.baseAddress else { return }
                for k in 0..<records.count {
                    let t = records[k]
                    try body(ScannedToken(kept: UnsafeBufferPointer(start: base + Int(t.fold), count: Int(t.length)),
                                          range: Int(t.start)..<Int(t.end), position: k,
                                          shape: Self.shape(t.flags), sentenceStart: t.flags & 4 != 0))
                }
            }
        }
    }

    /// Calls `body` with the index of each token that is not all lowercase (a capitalized,
    /// all-caps or other word: where a name may start), from the list the scan keeps.
    @inlinable
    public func forEachCased(_ body: (Int) throws -> Void) rethrows {
        for k in cased { try body(Int(k)) }
    }

    /// Among the first `limit` tokens, how many have a folded term of at least `minLength`
    /// bytes and how many of those are capitalized or all caps (a Title Case test).
    @inlinable
    public func caseCounts(first limit: Int, minLength: Int) -> (words: Int, cased: Int) {
        items.withUnsafeBufferPointer { records in
            var words = 0, cased = 0
            for t in records.prefix(limit) where Int(t.length) >= minLength {
                words += 1
                let shape = t.flags & 3
                cased += shape == 1 || shape == 2 ? 1 : 0
            }
            return (words, cased)
        }
    }

    /// The tokens as values (what `Tokenizer.tokenize` returns for the same text).
    public var tokens: [Token] {
        var out: [Token] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            out.append(Token(term: term(at: i), range: range(at: i), position: i,
                             shape: shape(at: i), sentenceStart: isSentenceStart(at: i)))
        }
        return out
    }

    private static func code(_ shape: Token.Shape) -> UInt8 {
        switch shape {
        case .lower: 0
        case .capitalized: 1
        case .upper: 2
        case .other: 3
        }
    }
}

extension ScannedToken {
    @usableFromInline
    init(kept bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, position: Int, shape: Token.Shape, sentenceStart: Bool) {
        self.init(bytes: bytes, range: range, position: position, shape: shape, sentenceStart: sentenceStart)
    }
}

/// A story's title, summary and text, each scanned once; the pipeline hands the same value
/// to place detection and to the rules matcher.
public struct ScannedStory: Sendable {
    public let title: ScannedText
    public let summary: ScannedText
    public let text: ScannedText

    public init(title: String, summary: String, text: String) {
        self.title = ScannedText(title)
        self.summary = ScannedText(summary)
        self.text = ScannedText(text)
    }

    /// What place detection reads after the title: the text, or the summary when the story
    /// has no text.
    public var body: ScannedText { text.utf8.isEmpty ? summary : text }
}
