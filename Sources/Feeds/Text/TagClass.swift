/// What the renderer needs to know about an HTML element name, from one dictionary lookup
/// instead of a `Set<String>` lookup per question (four to six per tag were ≈ 3 % of a feed
/// parse, Benchmarks/FeedBench/RESULTS.md). Built from the sets that define each class.
struct TagClass: OptionSet, Sendable {
    let rawValue: UInt8

    static let hidden = TagClass(rawValue: 1 << 0)
    static let block = TagClass(rawValue: 1 << 1)
    static let allowed = TagClass(rawValue: 1 << 2)
    static let void = TagClass(rawValue: 1 << 3)
    static let image = TagClass(rawValue: 1 << 4)
    /// Allowed, and more than paragraph structure (`Story.html` is kept only then).
    static let rich = TagClass(rawValue: 1 << 5)

    /// The class of a lower-cased element name; empty for names in no set. Names of up to
    /// eight bytes (all but a few) are looked up as one packed integer in a small
    /// open-addressing table: the `String` dictionary's hashing was most of the renderer's
    /// per-tag cost (Benchmarks/FeedBench/RESULTS.md).
    static func of(_ name: String) -> TagClass {
        guard let key = packed(name) else { return table[name] ?? [] }
        let slots = packedSlots
        var k = slot(key)
        while true {
            let entry = slots[k]
            if entry.key == key { return entry.tag }
            if entry.key == 0 { return [] }
            k = (k &+ 1) & (packedCount &- 1)
        }
    }

    /// The name's bytes in one integer, first byte lowest; nil past eight bytes or when empty.
    @inline(__always) private static func packed(_ name: String) -> UInt64? {
        var key: UInt64 = 0
        var n: UInt64 = 0
        for b in name.utf8 {
            if n == 64 { return nil }
            key |= UInt64(b) << n
            n &+= 8
        }
        return n == 0 ? nil : key
    }

    @inline(__always) private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56) & (packedCount &- 1)
    }

    private static let packedCount = 256

    /// `table`'s short names (key 0: empty slot; names are never empty).
    nonisolated(unsafe) private static let packedSlots: UnsafePointer<(key: UInt64, tag: TagClass)> = {
        let t = UnsafeMutablePointer<(key: UInt64, tag: TagClass)>.allocate(capacity: packedCount)
        t.initialize(repeating: (0, []), count: packedCount)
        for (name, tag) in table {
            guard let key = packed(name) else { continue }
            var k = slot(key)
            while t[k].key != 0 { k = (k + 1) & (packedCount - 1) }
            t[k] = (key, tag)
        }
        return UnsafePointer(t)
    }()

    private static let table: [String: TagClass] = {
        var t: [String: TagClass] = [:]
        for n in HTMLFragment.hidden { t[n, default: []].insert(.hidden) }
        for n in HTMLFragment.blocks { t[n, default: []].insert(.block) }
        for n in HTMLFragment.allowedElements {
            t[n, default: []].insert(.allowed)
            if n != "p" && n != "br" && n != "div" { t[n, default: []].insert(.rich) }
        }
        for n in HTMLFragment.voidElements { t[n, default: []].insert(.void) }
        t["img", default: []].insert(.image)
        return t
    }()
}
