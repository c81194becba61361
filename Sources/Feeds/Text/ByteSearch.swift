#if canImport(Glibc)
import Glibc
#endif

/// Byte-level string checks for the per-item hot path: `String.UTF8View.contains` walks
/// indices one at a time and Foundation's `contains`/`range(of:)` go through CFString.
extension String {
    func hasByte(_ byte: UInt8) -> Bool {
        var s = self
        return s.withUTF8 { b in
            guard let base = b.baseAddress, b.count > 0 else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        }
    }

    func hasAnyByte(_ a: UInt8, _ b2: UInt8, _ c: UInt8? = nil) -> Bool {
        var s = self
        return s.withUTF8 { b in
            guard let p = b.baseAddress else { return false }
            return SWAR.firstOf(a, b2, c ?? a, in: p, from: 0, count: b.count) < b.count
        }
    }

    /// Substring test on bytes (ASCII needles).
    func hasBytes(_ needle: String) -> Bool {
        var s = self
        var n = needle
        return s.withUTF8 { hay in
            n.withUTF8 { nd in
                guard nd.count > 0, hay.count >= nd.count, let h = hay.baseAddress else { return false }
                var i = 0
                let last = hay.count - nd.count
                while i <= last {
                    guard let hit = memchr(h + i, Int32(nd[0]), last - i + 1) else { return false }
                    let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - h
                    if memcmp(h + at, nd.baseAddress!, nd.count) == 0 { return true }
                    i = at + 1
                }
                return false
            }
        }
    }

    /// Replaces every occurrence of one ASCII byte with another.
    func replacingByte(_ from: UInt8, with to: UInt8) -> String {
        guard hasByte(from) else { return self }
        var s = self
        return s.withUTF8 { b in String(decoding: b.map { $0 == from ? to : $0 }, as: UTF8.self) }
    }
}
