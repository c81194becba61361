import CLibXML2

/// Names and namespace URIs as Swift strings, keyed by libxml2's interned pointer: libxml2
/// hands every element name and URI out of its dictionary, so one pointer is one name for
/// the whole parse. A direct-mapped table in front of a dictionary: most feeds use a few
/// dozen names, which then cost a pointer comparison instead of hashing (the dictionary
/// alone was ≈ 2 % of a parse, Benchmarks/FeedBench/RESULTS.md).
struct NameCache {
    private static let slots = 512
    private var keys = [UnsafeRawPointer?](repeating: nil, count: slots)
    private var values = [String](repeating: "", count: slots)
    private var families = [NSMask](repeating: [], count: slots)
    private var overflow: [UnsafeRawPointer: (String, NSMask)] = [:]

    private static func slot(_ key: UnsafeRawPointer) -> Int {
        let bits = UInt(bitPattern: key)
        return Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 12)) & (slots - 1)
    }

    /// The name at `p` as a String.
    mutating func string(_ p: UnsafePointer<xmlChar>) -> String {
        values[slot(p)]
    }

    /// The namespace family (`NS.family(of:)`) of the URI at `p`.
    mutating func family(_ p: UnsafePointer<xmlChar>) -> NSMask {
        families[slot(p)]
    }

    /// The table slot now holding `p`'s entry (filled on a miss).
    private mutating func slot(_ p: UnsafePointer<xmlChar>) -> Int {
        let key = UnsafeRawPointer(p)
        let k = Self.slot(key)
        if keys[k] == key { return k }
        let e: (String, NSMask)
        if let known = overflow[key] {
            e = known
        } else {
            let s = String(cString: p)
            e = (s, NS.family(of: s))
            overflow[key] = e
        }
        keys[k] = key
        values[k] = e.0
        families[k] = e.1
        return k
    }
}
