import Rules

/// Stands in for the Geo module's gazetteer: a few codes, one group, and ISO containment.
struct RegionResolverDouble: RegionResolving {
    static let known = ["IQ", "IQ-BB", "SY", "LB", "middle-east"]

    func resolveRegion(named name: String) -> RegionLookup {
        if let k = Self.known.first(where: { $0.lowercased() == name.lowercased() }) { return .region(k) }
        if name.lowercased() == "iraq" { return .region("IQ") }
        // A known name with one letter more ("midle-east" → "middle-east").
        let n = Array(name.lowercased())
        let close = Self.known.first { k in
            let a = Array(k.lowercased())
            return a.count == n.count + 1 && a.indices.contains { i in var b = a; b.remove(at: i); return b == n }
        }
        return .unknown(suggestion: close)
    }

    func isWithin(_ code: String, _ ancestor: String) -> Bool {
        if ancestor == "middle-east" { return ["IQ", "SY", "LB"].contains(String(code.prefix(2))) }
        return code == ancestor || code.hasPrefix(ancestor + "-")
    }
}
