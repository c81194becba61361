import Feeds
import Geo
import NewsAlert
import Rules

/// Where the CLI resolves region names and detects the places of stories.
enum RegionSupport {
    static let resolver: (any RegionResolving)? = GazetteerRegions()

    /// For `match --explain`: each region with its weight and the mentions that produced it,
    /// e.g. `IQ-BB 0.60 ← Hillah [dateline], Babil [lead]`.
    static func explain(_ story: Story) -> [String] {
        let body = story.text.isEmpty ? story.summary : story.text
        let analysis = PlaceDetector().detect(title: story.title, text: body)
        return analysis.regions.map { region in
            let from = analysis.mentions.filter { $0.code == region.code || $0.country == region.code }
            var seen = Set<String>()
            let words = from.compactMap { m -> String? in
                let key = "\(m.surface)|\(m.zone.rawValue)"
                return seen.insert(key).inserted ? "\(m.surface) [\(m.zone.rawValue)]" : nil
            }
            let focus = region.weight >= PlaceDetector.focusThreshold ? " (focus)" : ""
            return "region \(region.code) \(String(format: "%.2f", region.weight))\(focus) ← " + (words.isEmpty ? "the source's default region" : words.prefix(6).joined(separator: ", "))
        }
    }
}
