/// Eight bytes at a time (SWAR, "SIMD within a register"): the per-byte loops over item
/// bodies (escaping, whitespace normalization) first ask these whether there is anything to
/// do at all, so the common clean run is one bulk copy (Benchmarks/FeedBench/RESULTS.md).
/// Public for the other modules' byte searches (place detection's dateline dash).
public enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// 0x80 in every byte of `v` that is zero, nothing elsewhere (exact: no borrow between bytes).
    @inline(__always) static func zeroBytes(_ v: UInt64) -> UInt64 {
        ~(((v & lows) &+ lows) | v | lows)
    }

    @inline(__always) static func load(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    /// Whether every byte is below 0x80.
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = b.baseAddress else { return true }
        var i = 0
        var acc: UInt64 = 0
        while i + 8 <= b.count {
            acc |= load(p, i)
            i += 8
        }
        while i < b.count { acc |= UInt64(p[i]); i += 1 }
        return acc & highs == 0
    }

    /// The index of the first byte at or after `from` equal to `a`, `b` or `c`; `count` if none.
    public static func firstOf(_ a: UInt8, _ b: UInt8, _ c: UInt8, in p: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
        var i = from
        let ma = ones &* UInt64(a), mb = ones &* UInt64(b), mc = ones &* UInt64(c)
        while i + 8 <= count {
            let x = load(p, i)
            let hit = zeroBytes(x ^ ma) | zeroBytes(x ^ mb) | zeroBytes(x ^ mc)
            if hit != 0 { return i + hit.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count {
            let x = p[i]
            if x == a || x == b || x == c { return i }
            i += 1
        }
        return count
    }

    /// Whether `b` is printable ASCII words separated by single spaces, with no space at
    /// either end: text that whitespace normalization leaves exactly as it is.
    static func isNormalizedLine(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n > 0, let p = b.baseAddress, p[0] != 0x20, p[n - 1] != 0x20 else { return false }
        let spaces = ones &* 0x20
        var previousSpace: UInt64 = 0
        var i = 0
        while i + 8 <= n {
            let x = load(p, i)
            // Non-ASCII, or a byte below 0x20 (adding 0x60 leaves its high bit clear).
            if x & highs != 0 || ~(x &+ ones &* 0x60) & highs != 0 { return false }
            let sp = zeroBytes(x ^ spaces)
            if sp & (sp << 8 | previousSpace) != 0 { return false }
            previousSpace = sp >> 56
            i += 8
        }
        var last: UInt8 = previousSpace != 0 ? 0x20 : 0
        while i < n {
            let c = p[i]
            if c < 0x20 || c >= 0x80 || (c == 0x20 && last == 0x20) { return false }
            last = c
            i += 1
        }
        return true
    }
}
