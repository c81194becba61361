/// A text scanned once by the tokenizer and kept, so the rules matcher and place detection
/// read the same tokens from one pass (issue 6: "mentions are found with the same token
/// machinery as the rules matcher, in the same pass").
///
/// No String per word: per token 13 bytes in columns (byte range, where its folded term lies
/// in `folded`, shape), and the folded terms back to back in one buffer, written there by
/// the scanner itself and kept without a copy. Token `i` is the `i`-th token `Tokenizer.scan` yields (its
/// `position` is `i`), with the same term, range, shape and sentence start.
public struct ScannedText: Sendable {
    /// The text as scanned, native and contiguous, so `withUTF8` reads its bytes in place
    /// (token ranges index them) and no copy of the text is kept beside it.
    public let string: String
    @usableFromInline let storage: Storage

    /// The kept tokens, column by column in one allocation (byte starts, byte ends, where
    /// each folded term starts in `folded`, shape flags) and the indices of the cased tokens.
    /// Columns, not 16-byte records: the matcher reads only the term offsets (4 bytes a
    /// token, a term's length is the next offset minus its own), place detection mostly
    /// the flags and the cased list. Written once by `init` and read-only afterwards, hence
    /// `@unchecked Sendable`; freed with the last copy of the text.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let starts: UnsafeMutablePointer<Int32>
        @usableFromInline let ends: UnsafeMutablePointer<Int32>
        /// `count + 1` offsets: token `i`'s folded term is `folded[folds[i]..<folds[i + 1]]`.
        @usableFromInline let folds: UnsafeMutablePointer<Int32>
        /// Bits 0-1: shape (`Shape` order), bit 2: sentence start.
        @usableFromInline let flags: UnsafeMutablePointer<UInt8>
        /// Indices of the tokens that are not all lowercase, in order: where place detection
        /// looks for a name's first word (on news text about one token in six).
        @usableFromInline let cased: UnsafeMutablePointer<Int32>
        @usableFromInline let folded: UnsafeMutablePointer<UInt8>
        @usableFromInline let count: Int
        @usableFromInline let casedCount: Int
        private let block: UnsafeMutableRawPointer

        fileprivate init(_ c: Columns, count: Int, casedCount: Int, folded: UnsafeMutablePointer<UInt8>) {
            block = c.block
            starts = c.starts; ends = c.ends; folds = c.folds; flags = c.flags; cased = c.cased
            self.count = count
            self.casedCount = casedCount
            self.folded = folded
        }

        deinit {
            block.deallocate()
            folded.deallocate()
        }
    }

    public init(_ text: String) {
        var text = text
        // News text averages six bytes a token with its separator; the columns double
        // when a text has more (one-letter words, CJK).
        var columns = Columns(capacity: text.utf8.count / 5 + 16)
        var count = 0, casedCount = 0
        var kept: (start: UnsafeMutablePointer<UInt8>, count: Int)!
        text.withUTF8 { src in
            var scanner = ByteScanner(src: src, keeping: true)
            var fold: Int32 = 0
            scanner.run { t in
                // The token's index is its position. The state is read into locals before
                // the first store: a store through a column could alias the captured
                // variables, and the compiler would reload them after each one.
                let k = t.position
                if k == columns.capacity { columns.grow(count: k, casedCount: casedCount) }
                let c = columns, cc = casedCount, f = fold
                let shape = Self.code(t.shape)
                c.cased[cc] = Int32(truncatingIfNeeded: k)
                c.starts[k] = Int32(truncatingIfNeeded: t.range.lowerBound)
                c.ends[k] = Int32(truncatingIfNeeded: t.range.upperBound)
                c.folds[k] = f
                c.flags[k] = shape | (t.sentenceStart ? 4 : 0)
                casedCount = cc &+ (shape == 0 ? 0 : 1)
                fold = f &+ Int32(truncatingIfNeeded: t.bytes.count)
            }
            count = scanner.position
            columns.folds[count] = fold
            kept = scanner.keptBuffer()
            // The scanner leaves room behind the last term; eight zero bytes there let
            // `forEachCasedHead` load any term's first eight bytes in one read.
            (kept.start + kept.count).initialize(repeating: 0, count: 8)
        }
        string = text
        storage = Storage(columns, count: count, casedCount: casedCount, folded: kept.start)
    }

    /// Calls `body` with the text's UTF-8 (what token ranges index), in place.
    @inlinable
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var s = string  // native and contiguous already: no copy
        return try s.withUTF8(body)
    }

    /// The text's length in UTF-8 bytes.
    @inlinable public var byteCount: Int { string.utf8.count }

    /// The text of a byte range (token ranges, or spans of them), clamped to the text.
    public func string(in range: Range<Int>) -> String {
        withUTF8 { u in
            let r = range.clamped(to: 0..<u.count)
            return String(decoding: UnsafeBufferPointer(rebasing: u[r]), as: UTF8.self)
        }
    }

    /// The number of tokens.
    @inlinable public var count: Int { storage.count }

    @inlinable func check(_ i: Int) {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: storage.count), "ScannedText: token index out of range")
    }

    /// Byte range of token `i` in `utf8`.
    @inlinable public func range(at i: Int) -> Range<Int> {
        check(i)
        return Int(storage.starts[i])..<Int(storage.ends[i])
    }

    @inlinable public func shape(at i: Int) -> Token.Shape {
        check(i)
        return Self.shape(storage.flags[i])
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
    @inlinable public func isLower(at i: Int) -> Bool {
        check(i)
        return storage.flags[i] & 3 == 0
    }

    @inlinable public func isSentenceStart(at i: Int) -> Bool {
        check(i)
        return storage.flags[i] & 4 != 0
    }

    /// UTF-8 length of token `i`'s folded term.
    @inlinable public func termLength(at i: Int) -> Int {
        check(i)
        return Int(storage.folds[i + 1] &- storage.folds[i])
    }

    /// Calls `body` with token `i`'s folded term, valid only during the call.
    @inlinable
    public func withTerm<R>(at i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        check(i)
        return try withExtendedLifetime(storage) { try body(term(i)) }
    }

    /// Token `i`'s folded term, unchecked, valid while `storage` lives.
    @inlinable func term(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let s = storage, a = Int(s.folds[i])
        return UnsafeBufferPointer(start: s.folded + a, count: Int(s.folds[i + 1]) &- a)
    }

    /// Token `i`'s folded term as a String (allocates; for the odd lookup, not for loops).
    public func term(at i: Int) -> String {
        withTerm(at: i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` for each token, as `Tokenizer.scan` would have. Inlinable, so the
    /// matcher's loop over a kept scan is specialized for its closure like its streaming one;
    /// what the closure does not use (ranges, shapes) is never loaded.
    @inlinable
    public func forEach(_ body: (ScannedToken) throws -> Void) rethrows {
        let s = storage
        try withExtendedLifetime(s) {
            let folds = s.folds, base = s.folded
            var a = Int(folds[0])
            for k in 0..<s.count {
                let b = Int(folds[k + 1])
                let flags = s.flags[k]
                try body(ScannedToken(kept: UnsafeBufferPointer(start: base + a, count: b &- a),
                                      range: Int(s.starts[k])..<Int(s.ends[k]), position: k,
                                      shape: Self.shape(flags), sentenceStart: flags & 4 != 0))
                a = b
            }
        }
    }

    /// Calls `body` for each token with its folded term and the term's first sixteen bytes
    /// as two little-endian words, zero past its end: the rules matcher's key for a short
    /// word, two loads instead of a loop over its bytes. (Terms lie back to back with
    /// eight zero bytes after the last, so both loads stay in the buffer.)
    @inlinable
    public func forEachTerm(_ body: (_ index: Int, _ term: UnsafeBufferPointer<UInt8>, _ key0: UInt64, _ key1: UInt64) throws -> Void) rethrows {
        let s = storage
        try withExtendedLifetime(s) {
            let folds = s.folds, base = s.folded
            var a = Int(folds[0])
            for k in 0..<s.count {
                let b = Int(folds[k + 1]), n = b &- a
                let p = UnsafeRawPointer(base + a)
                let key0 = p.loadUnaligned(as: UInt64.self) & Self.headMask(n)
                let key1 = n > 8 ? (p + 8).loadUnaligned(as: UInt64.self) & Self.headMask(n &- 8) : 0
                try body(k, UnsafeBufferPointer(start: base + a, count: n), key0, key1)
                a = b
            }
        }
    }

    /// Calls `body` with the index of each token that is not all lowercase (a capitalized,
    /// all-caps or other word: where a name may start), from the list the scan keeps.
    @inlinable
    public func forEachCased(_ body: (Int) throws -> Void) rethrows {
        let s = storage
        try withExtendedLifetime(s) {
            for k in 0..<s.casedCount { try body(Int(s.cased[k])) }
        }
    }

    /// The same with each such token's folded length and first eight bytes as one
    /// little-endian word, zero past the term's end: place detection's first-word filter
    /// hashes that word, one load per token instead of a loop over its bytes. (Terms lie
    /// back to back with eight zero bytes after the last, so the load stays in the buffer.)
    @inlinable
    public func forEachCasedHead(_ body: (_ index: Int, _ length: Int, _ head: UInt64) throws -> Void) rethrows {
        let s = storage
        try withExtendedLifetime(s) {
            let folds = s.folds, cased = s.cased, base = UnsafeRawPointer(s.folded)
            for k in 0..<s.casedCount {
                let i = Int(cased[k])
                let a = Int(folds[i]), n = Int(folds[i + 1] &- folds[i])
                let word = (base + a).loadUnaligned(as: UInt64.self)
                try body(i, n, word & Self.headMask(n))
            }
        }
    }

    /// The mask of a term's first `length` bytes (1...8, more count as 8) in a
    /// little-endian word, without a branch.
    @inlinable @inline(__always)
    public static func headMask(_ length: Int) -> UInt64 {
        UInt64.max &>> UInt64(truncatingIfNeeded: (64 &- 8 &* min(length, 8)) & 63)
    }

    /// The number of tokens that are not all lowercase (`forEachCased` calls its body this
    /// many times).
    @inlinable public var casedCount: Int { storage.casedCount }

    /// Among the tokens of `range` (clamped to the text), how many have a folded term of at
    /// least `minLength` bytes and how many of those are capitalized or all caps (a Title
    /// Case test, counted in stretches so a caller can stop once the answer is known).
    @inlinable
    public func caseCounts(in range: Range<Int>, minLength: Int) -> (words: Int, cased: Int) {
        let s = storage
        return withExtendedLifetime(s) {
            var words = 0, cased = 0
            let lo = min(max(range.lowerBound, 0), s.count)
            let n = min(max(range.upperBound, lo), s.count)
            for k in lo..<n {
                let long = Int(s.folds[k + 1] &- s.folds[k]) >= minLength ? 1 : 0
                let shape = s.flags[k] & 3
                words &+= long
                cased &+= (shape == 1 || shape == 2 ? 1 : 0) & long
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

/// `ScannedText.Storage`'s columns while the scan fills them: one allocation, carved into
/// the columns, doubled when a text has more tokens than estimated.
private struct Columns {
    private(set) var block: UnsafeMutableRawPointer
    private(set) var capacity: Int
    private(set) var starts, ends, folds, cased: UnsafeMutablePointer<Int32>
    private(set) var flags: UnsafeMutablePointer<UInt8>

    init(capacity: Int) {
        self.capacity = capacity
        // Four Int32 columns (folds has one extra slot) and one byte column.
        block = .allocate(byteCount: 16 * capacity + 4 + capacity, alignment: 4)
        let words = block.bindMemory(to: Int32.self, capacity: 4 * capacity + 1)
        starts = words
        ends = words + capacity
        folds = words + 2 * capacity
        cased = words + 3 * capacity + 1
        flags = (block + 16 * capacity + 4).bindMemory(to: UInt8.self, capacity: capacity)
    }

    mutating func grow(count: Int, casedCount: Int) {
        let bigger = Columns(capacity: capacity * 2)
        bigger.starts.update(from: starts, count: count)
        bigger.ends.update(from: ends, count: count)
        bigger.folds.update(from: folds, count: count)
        bigger.cased.update(from: cased, count: casedCount)
        bigger.flags.update(from: flags, count: count)
        block.deallocate()
        self = bigger
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
    public var body: ScannedText { text.string.isEmpty ? summary : text }
}
