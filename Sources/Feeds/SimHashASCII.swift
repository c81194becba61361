/// SimHash's fast path for all-ASCII titles and texts (most English-language feeds): one
/// pass over the bytes that folds, splits and hashes each term as it goes, with the tokenizer's
/// ASCII rules and nothing written out. The general path (`Tokenizer.scan`, then a hash of
/// the folded bytes) cost 18 % of a feed parse (Benchmarks/FeedBench/RESULTS.md); this one
/// gives the same terms, hence the same fingerprint, which `SimHashASCIITests` check against
/// the general path input by input.
///
/// The rules are `Tokens.ByteScanner`'s for ASCII input: a term is a run of letters and digits,
/// lowercased, its first `maxTermBytes` bytes kept; an apostrophe between word characters
/// joins ("don't" → dont) unless it starts a final "s" (possessive, dropped: "Iran's" → iran);
/// a dot between single letters joins ("U.S." → us). Any byte ≥ 0x80 sends the whole input to
/// the general path, which owns Unicode folding.
enum SimHashASCII {
    static let maxTermBytes = 128

    /// The fingerprint, or nil when `title` or `text` is not all ASCII.
    static func fingerprint(title: String, text: String) -> UInt64? {
        var title = title, text = text
        return title.withUTF8 { t -> UInt64? in
            text.withUTF8 { x -> UInt64? in
                guard isASCII(t), isASCII(x) else { return nil }
                return fingerprint(title: t, text: x)
            }
        }
    }

    private static func fingerprint(title t: UnsafeBufferPointer<UInt8>, text x: UnsafeBufferPointer<UInt8>) -> UInt64 {
        // At most one term per two bytes (a term and its separator), one line per term.
        let capacity = (max(t.count, x.count) + 1) / 2 + 1
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity) { hashes in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity + 1) { ends in
                var votes = BitVotes()
                let titleTerms = scan(t, hashes: hashes.baseAddress!, lineEnds: nil).terms
                SimHash.add(UnsafeBufferPointer(start: hashes.baseAddress!, count: titleTerms), to: &votes)
                let lines = ends.baseAddress!
                let lineCount = scan(x, hashes: hashes.baseAddress!, lineEnds: lines).lines
                var anyLong = false
                var start = 0
                for k in 0..<lineCount {
                    if lines[k] - start >= SimHash.minimumLineWords { anyLong = true; break }
                    start = lines[k]
                }
                start = 0
                for k in 0..<lineCount {
                    let count = lines[k] - start
                    if !anyLong || count >= SimHash.minimumLineWords {
                        SimHash.add(UnsafeBufferPointer(start: hashes.baseAddress! + start, count: count), to: &votes)
                    }
                    start = lines[k]
                }
                return votes.any ? votes.result : 0
            }
        }
    }

    /// Writes each term's hash (`SimHash.termHash` of its folded bytes) to `hashes` and returns
    /// how many; with `lineEnds`, also the term count at the end of each line (lines split
    /// at newlines; lines without terms leave no entry) and how many lines.
    static func scan(_ src: UnsafeBufferPointer<UInt8>, hashes: UnsafeMutablePointer<UInt64>,
                     lineEnds: UnsafeMutablePointer<Int>?) -> (terms: Int, lines: Int) {
        let n = src.count
        guard n > 0, let p = src.baseAddress else { return (0, 0) }
        var count = 0
        var lineCount = 0
        var inWord = false
        var len = 0
        var segLen = 0
        var lastWasLetter = false
        var newline = false
        var lineStartCount = 0

        // A local, not captured by a nested function: captured, it went to memory on every byte.
        var h: UInt64 = 0
        let fold = foldTable

        var i = 0
        while i < n {
            let b = p[i]
            var c = fold[Int(b)]
            if c != 0 {
                if !inWord {
                    if newline, let ends = lineEnds {
                        if count > lineStartCount {
                            ends[lineCount] = count
                            lineCount &+= 1
                        }
                        lineStartCount = count
                    }
                    newline = false
                    inWord = true
                    h = 0xCBF2_9CE4_8422_2325
                    len = 0
                    segLen = 0
                }
                // Hash while the term has room, then skip the rest of the run.
                var j = i
                let stop = min(n, i &+ (maxTermBytes &- len))
                while j < stop {
                    c = fold[Int(p[j])]
                    if c == 0 { break }
                    h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3
                    j &+= 1
                }
                len &+= j &- i
                while j < n, fold[Int(p[j])] != 0 { j &+= 1 }
                segLen &+= j &- i
                lastWasLetter = p[j &- 1] >= 0x41
                i = j
                continue
            }
            if b == 0x27, inWord, i &+ 1 < n, isAlnum(p[i &+ 1]) {
                let s = p[i &+ 1]
                if (s == 0x73 || s == 0x53), i &+ 2 >= n || !isAlnum(p[i &+ 2]) {
                    inWord = false
                    hashes[count] = SimHash.mix(h)
                    count &+= 1
                    i &+= 2
                } else {
                    i &+= 1
                }
                continue
            }
            if b == 0x2E, inWord, segLen == 1, lastWasLetter, i &+ 2 < n,
               (p[i &+ 1] | 0x20) &- 0x61 < 26, p[i &+ 2] == 0x2E {
                segLen = 0
                i &+= 1
                continue
            }
            if inWord {
                inWord = false
                hashes[count] = SimHash.mix(h)
                count &+= 1
            }
            if b == 0x0A { newline = true }
            i &+= 1
        }
        if inWord {
            hashes[count] = SimHash.mix(h)
            count &+= 1
        }
        if let ends = lineEnds, count > lineStartCount {
            ends[lineCount] = count
            lineCount &+= 1
        }
        return (count, lineCount)
    }

    /// ASCII letters and digits → their lowercase byte; everything else → 0.
    /// A pointer, not an array: the lookups then carry no bounds check (an index is a byte).
    nonisolated(unsafe) private static let foldTable: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            let c = UInt8(b)
            t[b] = c &- 0x30 < 10 || c &- 0x61 < 26 ? c : c &- 0x41 < 26 ? c | 0x20 : 0
        }
        return UnsafePointer(t)
    }()

    @inline(__always) private static func isAlnum(_ b: UInt8) -> Bool {
        b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26
    }

    /// Whether every byte is below 0x80, eight bytes at a time.
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = b.baseAddress else { return true }
        let raw = UnsafeRawPointer(p)
        var i = 0
        var acc: UInt64 = 0
        while i + 8 <= b.count {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < b.count { acc |= UInt64(p[i]); i += 1 }
        return acc & 0x8080_8080_8080_8080 == 0
    }
}
