import Geo
import Rules

/// Plugs the gazetteer into the rules engine: rule files name regions by code, name or
/// group, and rules compare story regions hierarchically (IQ-BB ⊂ IQ ⊂ middle-east).
public struct GazetteerRegions: RegionResolving {
    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .shared) {
        self.gazetteer = gazetteer
    }

    public func resolveRegion(named name: String) -> RegionLookup {
        // A group stays a group, so containment is checked against the group as a whole.
        let slug = name.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: "-")
        if gazetteer.groupSlugs.contains(slug) { return .region(slug) }
        switch gazetteer.resolveRegion(name) {
        case let .codes(codes):
            guard let first = codes.first else { return .unknown(suggestion: nil) }
            return .region(first)
        case let .unknown(suggestion):
            return .unknown(suggestion: suggestion)
        }
    }

    public func isWithin(_ code: String, _ ancestor: String) -> Bool {
        gazetteer.isWithin(code, ancestor)
    }
}
