/// Byte-level repairs applied before libxml2 sees a feed, for the two mistakes that are
/// most common in real feeds and that recovery handles badly:
/// - a bare `&` ("AT&T", "?a=1&b=2") — libxml2 drops the text after it; escaped to `&amp;`;
/// - C0 control characters, forbidden by XML 1.0 §2.2 — replaced by spaces.
/// CDATA sections, comments and processing instructions are left untouched.
enum XMLRepair {
    struct Outcome {
        /// The repaired bytes; nil when nothing needed repair (use the input as is).
        var bytes: [UInt8]?
        var escapedAmpersands = 0
        var replacedControls = 0
    }

    static func repair(_ b: UnsafeBufferPointer<UInt8>) -> Outcome {
        var out: [UInt8] = []
        var copiedUpTo = 0
        var outcome = Outcome(bytes: nil)
        let n = b.count
        do {
            var i = 0
            func flush(to end: Int) {
                if out.isEmpty { out.reserveCapacity(n + n / 64) }
                out.append(contentsOf: b[copiedUpTo..<end])
                copiedUpTo = end
            }
            while i < n {
                // Sections start with "<!" or "<?": found by their second byte, so the scan
                // does not stop at every tag (a stop per tag was most of this pass's cost).
                i = firstSpecial(b, from: i, 0x21, 0x3F, 0x26)
                guard i < n else { break }
                var c = b[i]
                if c == 0x21 || c == 0x3F {
                    guard i > 0, b[i - 1] == 0x3C else { i += 1; continue }
                    i -= 1
                    c = 0x3C
                }
                if c == 0x3C, i + 1 < n, b[i + 1] == 0x21 || b[i + 1] == 0x3F {
                    // <![CDATA[ … ]]>, <!-- … -->, <? … ?>, <!DOCTYPE …>: skip to their end.
                    let terminator: [UInt8]
                    if i + 8 < n, b[i + 2] == 0x5B, b[i + 3] == 0x43 { terminator = [0x5D, 0x5D, 0x3E] }
                    else if i + 3 < n, b[i + 2] == 0x2D, b[i + 3] == 0x2D { terminator = [0x2D, 0x2D, 0x3E] }
                    else if b[i + 1] == 0x3F { terminator = [0x3F, 0x3E] }
                    else { i += 2; continue }
                    i += 2
                    while i < n {
                        i = firstSpecial(b, from: i, terminator[0], terminator[0], terminator[0])
                        guard i < n else { break }
                        if b[i] == terminator[0], i + terminator.count <= n,
                           (0..<terminator.count).allSatisfy({ b[i + $0] == terminator[$0] }) {
                            i += terminator.count
                            break
                        }
                        if b[i] < 0x20, b[i] != 0x09, b[i] != 0x0A, b[i] != 0x0D {
                            flush(to: i); out.append(0x20); copiedUpTo = i + 1
                            outcome.replacedControls += 1
                        }
                        i += 1
                    }
                    continue
                }
                if c == 0x26, !isReference(b, i) {
                    flush(to: i + 1)
                    out.append(contentsOf: [0x61, 0x6D, 0x70, 0x3B])
                    outcome.escapedAmpersands += 1
                } else if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D {
                    flush(to: i)
                    out.append(0x20)
                    copiedUpTo = i + 1
                    outcome.replacedControls += 1
                }
                i += 1
            }
            if copiedUpTo > 0 { flush(to: n) }
        }
        outcome.bytes = copiedUpTo > 0 ? out : nil
        return outcome
    }

    /// The first index at or after `from` holding `x`, `y`, `z` or a C0 control byte (tab and
    /// line ends included: the callers tell them apart), or `b.count`. Sixteen bytes per step:
    /// the byte-at-a-time loop was ≈ 3 % of a feed parse (Benchmarks/FeedBench/RESULTS.md).
    static func firstSpecial(_ b: UnsafeBufferPointer<UInt8>, from: Int, _ x: UInt8, _ y: UInt8, _ z: UInt8) -> Int {
        var i = from
        let n = b.count
        if let base = b.baseAddress {
            let vx = SIMD16<UInt8>(repeating: x), vy = SIMD16<UInt8>(repeating: y), vz = SIMD16<UInt8>(repeating: z)
            let space = SIMD16<UInt8>(repeating: 0x20)
            while i + 16 <= n {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                let hit = (v .< space) .| (v .== vx) .| (v .== vy) .| (v .== vz)
                if any(hit) { break }
                i += 16
            }
        }
        while i < n {
            let c = b[i]
            if c < 0x20 || c == x || c == y || c == z { return i }
            i += 1
        }
        return n
    }

    /// `&name;`, `&#123;` or `&#x1F;` within 40 bytes.
    private static func isReference(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        var j = at + 1
        guard j < b.count else { return false }
        if b[j] == 0x23 {
            j += 1
            let hex = j < b.count && (b[j] | 0x20) == 0x78
            if hex { j += 1 }
            let start = j
            while j < b.count, j - at < 40 {
                let d = b[j]
                let ok = (d >= 0x30 && d <= 0x39) || (hex && ((d | 0x20) >= 0x61 && (d | 0x20) <= 0x66))
                guard ok else { break }
                j += 1
            }
            return j > start && j < b.count && b[j] == 0x3B
        }
        let start = j
        while j < b.count, j - at < 40 {
            let d = b[j]
            let ok = (d | 0x20) >= 0x61 && (d | 0x20) <= 0x7A || d >= 0x80
                || (j > start && ((d >= 0x30 && d <= 0x39) || d == 0x2D || d == 0x2E || d == 0x5F || d == 0x3A))
            guard ok else { break }
            j += 1
        }
        return j > start && j < b.count && b[j] == 0x3B
    }
}
