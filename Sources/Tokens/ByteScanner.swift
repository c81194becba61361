/// The tokenizer's single pass over UTF-8 bytes. ASCII letters and digits are lowercased
/// inline; other scalars are decoded once and folded through `ScalarFolding`.
struct ByteScanner {
    /// Longer runs (base64, URLs without separators) keep their first bytes only.
    static let maxTermBytes = 128

    let src: UnsafeBufferPointer<UInt8>
    /// Where the current word's folded bytes go. Streaming, one buffer reused per word; when
    /// keeping (`ScannedText`), the free end of `kept`, so words land back to back.
    private(set) var word: UnsafeMutablePointer<UInt8>
    private let keeping: Bool
    private var kept: UnsafeMutablePointer<UInt8>
    private var keptCapacity: Int
    let entries: [UInt64]
    let foldBytes: [UInt8]
    let highFlags: [UInt8]

    var wordLen = 0
    var wordStart = 0
    var inWord = false
    /// Letters since the last joined abbreviation dot ("U.S.": 1, 1).
    var segLen = 0
    var lastWasLetter = false
    var abbrevRun = false
    var upper = 0, lower = 0
    var firstUpper = false
    var position = 0
    var sentenceStart = true

    /// `keeping`: every word's folded bytes stay, back to back, for `keptBytes()`.
    init(src: UnsafeBufferPointer<UInt8>, keeping: Bool = false) {
        self.src = src
        self.keeping = keeping
        keptCapacity = keeping ? src.count + 2 * Self.maxTermBytes : Self.maxTermBytes + 8
        kept = .allocate(capacity: keptCapacity)
        word = kept
        let table = ScalarFolding.table
        entries = table.entries
        foldBytes = table.bytes
        highFlags = ScalarFolding.highFlags
    }

    func deallocate() { kept.deallocate() }

    /// The buffer holding the folded bytes of all words so far, back to back (keeping mode),
    /// and how many bytes are used. The caller takes it over instead of calling `deallocate()`.
    func keptBuffer() -> (start: UnsafeMutablePointer<UInt8>, count: Int) {
        (kept, word - kept)
    }

    /// After a kept word: the next one starts behind it, with room for a whole word (a
    /// word writes at most `maxTermBytes`; folding may make a text longer than its source).
    private mutating func keepWord() {
        word += wordLen
        let used = word - kept
        guard keptCapacity - used < Self.maxTermBytes + 8 else { return }
        keptCapacity *= 2
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: keptCapacity)
        bigger.update(from: kept, count: used)
        kept.deallocate()
        kept = bigger
        word = bigger + used
    }

    mutating func run(_ body: (ScannedToken) throws -> Void) rethrows {
        do {
            var i = 0
            let n = src.count
            while i < n {
                let b = src[i]
                if b < 0x80 {
                    if isAlnum(b) {
                        // The hot path: a whole run of ASCII letters and digits at once,
                        // with the state in locals.
                        begin(i)
                        var len = wordLen, up = upper, low = lower, seg = segLen
                        let first = len == 0
                        var j = i
                        var c = b
                        // Locals, not `self.word`/`self.src`: a store through `word` could
                        // alias `self`, and the compiler would reload both after every byte.
                        let out = word, text = src.baseAddress!
                        repeat {
                            let isUp = c &- 0x41 < 26
                            if len < Self.maxTermBytes { out[len] = isUp ? c | 0x20 : c; len += 1 }
                            if isUp { up += 1 } else if c >= 0x61 { low += 1 }
                            j += 1
                            guard j < n else { break }
                            c = text[j]
                        } while c < 0x80 && isAlnum(c)
                        if first && b &- 0x41 < 26 { firstUpper = true }
                        seg += j - i
                        lastWasLetter = src[j - 1] >= 0x41
                        wordLen = len; upper = up; lower = low; segLen = seg
                        i = j
                        continue
                    }
                    if b == 0x27, try apostrophe(at: i, width: 1, body) {
                        i += skipPossessive ? 2 : 1
                        continue
                    }
                    if b == 0x2E, inWord, segLen == 1, lastWasLetter, i + 2 < n,
                       isAlpha(src[i + 1]), src[i + 2] == 0x2E {
                        // U.S. → US: a dot between single letters joins them.
                        segLen = 0
                        abbrevRun = true
                        i += 1
                        continue
                    }
                    let wasAbbrev = abbrevRun && inWord
                    try emit(end: i, body)
                    switch b {
                    case 0x2E:
                        let decimal = i > 0 && i + 1 < n && isDigit(src[i - 1]) && isDigit(src[i + 1])
                        if !wasAbbrev && !decimal { sentenceStart = true }
                    case 0x21, 0x3F, 0x0A, 0x3A: sentenceStart = true
                    default: break
                    }
                    i += 1
                    continue
                }
                let (scalar, width) = decode(at: i)
                i = try nonASCII(scalar, at: i, width: width, body)
            }
            try emit(end: n, body)
        }
    }

    private mutating func nonASCII(_ v: UInt32, at i: Int, width: Int,
                                   _ body: (ScannedToken) throws -> Void) rethrows -> Int {
        if v == 0xAD { return i + width }  // soft hyphen: invisible, joins
        if v == 0x2019 || v == 0x02BC {
            if try apostrophe(at: i, width: width, body) { return i + width + (skipPossessive ? 1 : 0) }
        }
        let flags: UInt8
        if v < ScalarFolding.tableLimit {
            flags = UInt8(truncatingIfNeeded: entries[Int(v)])
        } else if v < ScalarFolding.flagsLimit {
            flags = highFlags[Int(v &- ScalarFolding.tableLimit)]
        } else {
            flags = ScalarFolding.flags(of: Unicode.Scalar(v)!)
        }
        guard flags & ScalarFolding.word != 0 else {
            try emit(end: i, body)
            switch v {
            case 0x2014, 0x3002, 0xFF01, 0xFF1F, 0x2026: sentenceStart = true
            default: break
            }
            return i + width
        }
        if ScalarFolding.isCJK(v) {
            try emit(end: i, body)
            begin(i)
            appendFolded(v)
            try emit(end: i + width, body)
            return i + width
        }
        let first = !inWord
        begin(i)
        appendFolded(v)
        if flags & ScalarFolding.upper != 0 { upper += 1; if first { firstUpper = true } }
        if flags & ScalarFolding.lower != 0 { lower += 1 }
        if flags & ScalarFolding.mark == 0 { segLen += 1 }
        lastWasLetter = true
        return i + width
    }

    private var skipPossessive = false

    /// Possessive 's is dropped ("Iran's" → iran); an inner apostrophe joins ("don't" → dont).
    /// Returns false when the apostrophe is plain punctuation. Advances past it for ASCII.
    private mutating func apostrophe(at i: Int, width: Int, _ body: (ScannedToken) throws -> Void) rethrows -> Bool {
        skipPossessive = false
        let j = i + width
        guard inWord, j < src.count, isWordStart(at: j) else { return false }
        let after = j + 1
        if (src[j] == 0x73 || src[j] == 0x53), after >= src.count || !isWordStart(at: after) {
            try emit(end: i, body)
            skipPossessive = true
        }
        return true
    }

    private mutating func begin(_ i: Int) {
        guard !inWord else { return }
        inWord = true
        wordStart = i
        wordLen = 0
        segLen = 0
        upper = 0; lower = 0
        firstUpper = false
        abbrevRun = false
    }

    @inline(__always) private mutating func append(_ b: UInt8) {
        if wordLen < Self.maxTermBytes { word[wordLen] = b; wordLen += 1 }
    }

    private mutating func appendFolded(_ v: UInt32) {
        if v < ScalarFolding.tableLimit {
            let e = entries[Int(v)]
            let start = Int(e >> 24), len = Int((e >> 8) & 0xFFFF)
            for k in start..<start + len { append(foldBytes[k]) }
        } else {
            for b in ScalarFolding.compute(Unicode.Scalar(v)!) { append(b) }
        }
    }

    private mutating func emit(end: Int, _ body: (ScannedToken) throws -> Void) rethrows {
        guard inWord else { return }
        inWord = false
        guard wordLen > 0 else { return }
        let cased = upper + lower
        let shape: Token.Shape
        if cased == 0 { shape = .other }
        else if lower == cased { shape = .lower }
        else if upper == cased { shape = .upper }
        else if firstUpper && upper == 1 { shape = .capitalized }
        else { shape = .other }
        try body(ScannedToken(bytes: UnsafeBufferPointer(start: word, count: wordLen),
                              range: wordStart..<end, position: position, shape: shape,
                              sentenceStart: sentenceStart))
        if keeping { keepWord() }
        position += 1
        sentenceStart = false
    }

    /// Whether a word scalar starts at byte `j`.
    private func isWordStart(at j: Int) -> Bool {
        let b = src[j]
        if b < 0x80 { return isAlnum(b) }
        let (v, _) = decode(at: j)
        if v < ScalarFolding.tableLimit { return UInt8(truncatingIfNeeded: entries[Int(v)]) & ScalarFolding.word != 0 }
        if v < ScalarFolding.flagsLimit { return highFlags[Int(v &- ScalarFolding.tableLimit)] & ScalarFolding.word != 0 }
        return ScalarFolding.isWord(Unicode.Scalar(v)!)
    }

    private func decode(at i: Int) -> (UInt32, Int) {
        let b = src[i]
        let n = src.count
        if b & 0xE0 == 0xC0, i + 1 < n {
            return (UInt32(b & 0x1F) << 6 | UInt32(src[i + 1] & 0x3F), 2)
        }
        if b & 0xF0 == 0xE0, i + 2 < n {
            return (UInt32(b & 0x0F) << 12 | UInt32(src[i + 1] & 0x3F) << 6 | UInt32(src[i + 2] & 0x3F), 3)
        }
        if b & 0xF8 == 0xF0, i + 3 < n {
            return (UInt32(b & 0x07) << 18 | UInt32(src[i + 1] & 0x3F) << 12
                    | UInt32(src[i + 2] & 0x3F) << 6 | UInt32(src[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    @inline(__always) private func isAlnum(_ b: UInt8) -> Bool {
        b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26
    }
    @inline(__always) private func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
