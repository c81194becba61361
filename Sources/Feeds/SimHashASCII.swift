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
                guard SWAR.isASCII(t), SWAR.isASCII(x) else { return nil }
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
    /// at newlines; lines without terms leave no entry) and how many lines. `src` is ASCII.
    ///
    /// One iteration of the outer loop per term: separators are skipped byte by byte (mostly
    /// one space), each run of letters and digits is classified and hashed eight bytes at a
    /// time (`run`), and only the byte after a run is asked about the joining rules.
    static func scan(_ src: UnsafeBufferPointer<UInt8>, hashes: UnsafeMutablePointer<UInt64>,
                     lineEnds: UnsafeMutablePointer<Int>?) -> (terms: Int, lines: Int) {
        let n = src.count
        guard n > 0, let p = src.baseAddress else { return (0, 0) }
        let fold = foldTable
        var count = 0
        var lineCount = 0
        var lineStartCount = 0
        var newline = false
        var i = 0
        while i < n {
            let b = p[i]
            if fold[Int(b)] == 0 {
                if b == 0x0A { newline = true }
                i &+= 1
                continue
            }
            if newline, let ends = lineEnds {
                if count > lineStartCount {
                    ends[lineCount] = count
                    lineCount &+= 1
                }
                lineStartCount = count
            }
            newline = false
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            var len = 0
            var segLen = 0
            // One term: runs joined by an inner apostrophe or by dots between single letters.
            while true {
                let j = run(p, from: i, count: n, budget: maxTermBytes &- len, hash: &h)
                len &+= min(j &- i, maxTermBytes &- len)
                segLen &+= j &- i
                i = j
                guard j < n else { break }
                let c = p[j]
                if c == 0x27, j &+ 1 < n, isAlnum(p[j &+ 1]) {
                    let s = p[j &+ 1]
                    if (s | 0x20) == 0x73, j &+ 2 >= n || !isAlnum(p[j &+ 2]) {
                        i = j &+ 2
                        break
                    }
                    i = j &+ 1
                    continue
                }
                if c == 0x2E, segLen == 1, p[j &- 1] >= 0x41, j &+ 2 < n,
                   (p[j &+ 1] | 0x20) &- 0x61 < 26, p[j &+ 2] == 0x2E {
                    segLen = 0
                    i = j &+ 1
                    continue
                }
                break
            }
            hashes[count] = SimHash.mix(h)
            count &+= 1
        }
        if let ends = lineEnds, count > lineStartCount {
            ends[lineCount] = count
            lineCount &+= 1
        }
        return (count, lineCount)
    }

    /// The end of the run of letters and digits starting at `from`; its first `budget` bytes,
    /// lowered, are FNV-1a-hashed into `h` (the rest only skipped: the term cap).
    @inline(__always) private static func run(_ p: UnsafePointer<UInt8>, from: Int, count n: Int, budget: Int,
                                              hash h: inout UInt64) -> Int {
        let stop = from &+ max(budget, 0)
        var j = from
        var x = h
        while j &+ 8 <= n {
            let w = SWAR.load(p, j)
            let y = w | 0x2020_2020_2020_2020
            let digit = geq(w, 0x30) & ~geq(w, 0x3A)
            let letter = geq(y, 0x61) & ~geq(y, 0x7B)
            let other = ~(digit | letter) & SWAR.highs
            let k = other == 0 ? 8 : other.trailingZeroBitCount &>> 3
            var folded = w | (letter &>> 2)
            var m = min(k, max(stop &- j, 0))
            while m > 0 {
                x = (x ^ (folded & 0xFF)) &* 0x0000_0100_0000_01B3
                folded &>>= 8
                m &-= 1
            }
            j &+= k
            if k < 8 {
                h = x
                return j
            }
        }
        let fold = foldTable
        while j < n {
            let c = fold[Int(p[j])]
            if c == 0 { break }
            if j < stop { x = (x ^ UInt64(c)) &* 0x0000_0100_0000_01B3 }
            j &+= 1
        }
        h = x
        return j
    }

    /// 0x80 in each byte of `w` that is at least `c` (bytes below 0x80: no carry between them).
    @inline(__always) private static func geq(_ w: UInt64, _ c: UInt8) -> UInt64 {
        (w &+ SWAR.ones &* UInt64(0x80 &- c)) & SWAR.highs
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
}
