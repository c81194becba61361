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

    /// The class of a lower-cased element name; empty for names in no set.
    static func of(_ name: String) -> TagClass {
        table[name] ?? []
    }

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
