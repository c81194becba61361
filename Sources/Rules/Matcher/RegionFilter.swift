import Feeds

/// How a rule's `regions:` are compared with the regions a story is about.
public enum RegionMode: String, Sendable, Equatable, CaseIterable {
    /// The story is mainly about the region: one of its central regions (weight ≥ 0.5, or
    /// its top region when none reaches that) lies within a rule region.
    case focus
    /// The region is mentioned anywhere in the story.
    case mentioned
}

/// Resolves region names of rules files and answers containment; the Geo module's gazetteer
/// plugs in here (`Gazetteer.shared.resolveRegion` / `isWithin`).
public protocol RegionResolving: Sendable {
    func resolveRegion(named name: String) -> RegionLookup
    /// Whether region `code` lies within (or is) `ancestor` — a code or group name.
    func isWithin(_ code: String, _ ancestor: String) -> Bool
}

public enum RegionLookup: Sendable, Equatable {
    /// The canonical code or group name to compare with.
    case region(String)
    case unknown(suggestion: String?)
}

/// The region part of a rule, applied after the text matched.
public struct RegionFilter: Sendable, Equatable {
    public var include: [String]
    public var exclude: [String]
    public var mode: RegionMode

    public init(include: [String] = [], exclude: [String] = [], mode: RegionMode = .focus) {
        self.include = include
        self.exclude = exclude
        self.mode = mode
    }

    public var isEmpty: Bool { include.isEmpty && exclude.isEmpty }

    static let focusWeight = 0.5

    public func admits(_ regions: [RegionScore], resolver: (any RegionResolving)?) -> Bool {
        if isEmpty { return true }
        let considered: ArraySlice<RegionScore>
        switch mode {
        case .mentioned:
            considered = regions[...]
        case .focus:
            let central = regions.filter { $0.weight >= Self.focusWeight }
            if !central.isEmpty {
                considered = central[...]
            } else if let top = regions.max(by: { $0.weight < $1.weight }) {
                considered = [top]
            } else {
                considered = []
            }
        }
        func within(_ code: String, _ ancestor: String) -> Bool {
            if let resolver { return resolver.isWithin(code, ancestor) }
            return Self.isoWithin(code, ancestor)
        }
        if !include.isEmpty, !considered.contains(where: { r in include.contains { within(r.code, $0) } }) {
            return false
        }
        return !considered.contains(where: { r in exclude.contains { within(r.code, $0) } })
    }

    /// Without a gazetteer: ISO 3166-2 "IQ-BB" lies within "IQ".
    static func isoWithin(_ code: String, _ ancestor: String) -> Bool {
        let c = code.uppercased(), a = ancestor.uppercased()
        return c == a || c.hasPrefix(a + "-")
    }
}
