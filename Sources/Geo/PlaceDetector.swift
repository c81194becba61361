import Foundation
import Feeds
import Tokens

/// Finds the places a story is about.
///
/// Mentions come from the same scan the rules matcher reads (`ScannedStory`: pass it in
/// when the caller has it already). The focus of a story follows where and how often
/// places are named: a dateline weighs most, then the title, then the lead, then the body;
/// repetition adds up; a city counts towards its subdivision and country, a subdivision
/// towards its country; demonyms count less than names.
public struct PlaceDetector: Sendable {
    /// A region whose weight reaches this is a focus of the story; rules with `regions:`
    /// match on focus regions only. A region's weight is its score over the top region's,
    /// times the confidence in the top one; so a focus region has at least about half the
    /// top region's evidence. A story naming a single place once is about it (0.63); a
    /// country named once in the lead of a story whose title and lead name another is not.
    public static let focusThreshold = 0.5

    /// The weight of the source's default region when a story names no place.
    public static let defaultRegionWeight = 0.5

    static let demonymFactor = 0.7
    static let languageDemonymFactor = 0.35
    /// Confidence grows with the evidence for the top region: 1 − e^(−score/scale); one
    /// body mention gives 0.63, a title mention 0.86, a dateline plus title 0.99.
    static let confidenceScale = 1.0

    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer = .shared) {
        self.gazetteer = gazetteer
    }

    /// Detects places in a story's title and text. `defaultRegion` is the source's
    /// `region:` (a code or anything `Gazetteer.resolveRegion` accepts); it stands in, with
    /// weight `defaultRegionWeight`, only when the story names no place.
    public func detect(title: String, text: String, defaultRegion: String? = nil) -> PlaceAnalysis {
        detect(title: ScannedText(title), text: ScannedText(text), defaultRegion: defaultRegion)
    }

    /// The same for a story the pipeline has scanned (the scan the rules matcher reads, so
    /// a story is tokenized once): its title and `body` (the text, else the summary).
    public func detect(_ story: ScannedStory, defaultRegion: String? = nil) -> PlaceAnalysis {
        detect(title: story.title, text: story.body, defaultRegion: defaultRegion)
    }

    public func detect(title: ScannedText, text: ScannedText, defaultRegion: String? = nil) -> PlaceAnalysis {
        analyze(title: title, text: text, defaultRegion: defaultRegion, keepMentions: true)
    }

    /// Only the regions of `detect(_:defaultRegion:)`, the same values, without the
    /// mentions behind them (no String per mention): what the pipeline stores and the
    /// rules matcher reads. `inspect` and `match --explain` call `detect` for the mentions.
    public func regions(_ story: ScannedStory, defaultRegion: String? = nil) -> [RegionScore] {
        analyze(title: story.title, text: story.body, defaultRegion: defaultRegion, keepMentions: false).regions
    }

    public func regions(title: ScannedText, text: ScannedText, defaultRegion: String? = nil) -> [RegionScore] {
        analyze(title: title, text: text, defaultRegion: defaultRegion, keepMentions: false).regions
    }

    private func analyze(title: ScannedText, text: ScannedText, defaultRegion: String?, keepMentions: Bool) -> PlaceAnalysis {
        var candidates: [Candidate] = []
        candidates.reserveCapacity(32)
        MentionFinder(gazetteer: gazetteer, text: title)
            .find(.title, titleCase: StoryLayout.isTitleCase(title), into: &candidates)
        let zones = MentionFinder.Zones(inTitle: false, datelineEnd: StoryLayout.datelineEnd(text),
                                        leadEnd: StoryLayout.leadEnd(text))
        MentionFinder(gazetteer: gazetteer, text: text)
            .find(zones, titleCase: StoryLayout.isTitleCase(text), into: &candidates)
        guard !candidates.isEmpty else { return defaultAnalysis(defaultRegion) }

        let chooser = ReadingChooser(gazetteer: gazetteer)
        let chosen = chooser.choose(candidates)
        // "HILLAH, Iraq": the country completes the city's name; it is not a second mention.
        // ("India, Pakistan" is a list: Pakistan does not contain India.)
        var qualifiers: [Int] = []  // rare: a linear list
        for (c, entry) in zip(candidates, chosen) {
            if let entry, let q = c.qualifier, chosen[q] != nil, chooser.facts(entry).kind != .country,
               chooser.qualifies(candidates[q], chooser.facts(entry)) {
                qualifiers.append(q)
            }
        }
        var mentions: [Mention] = []
        var scores = RegionScores()
        for (k, (c, entry)) in zip(candidates, chosen).enumerated() {
            guard let entry else { continue }
            let facts = chooser.facts(entry)
            var w = qualifiers.contains(k) ? 0 : Self.zoneWeight(c.zone)
            if entry.flags.contains(.languageDemonym) {
                w *= Self.languageDemonymFactor
            } else if entry.flags.contains(.demonym) {
                w *= Self.demonymFactor
            }
            scores.add(facts.country, w)
            if facts.subdivision >= 0 { scores.add(facts.subdivision, w) }
            guard keepMentions else { continue }
            let place = gazetteer.tables.places[Int(entry.place)]
            let source = c.inTitle ? title : text
            mentions.append(Mention(
                surface: source.string(in: c.bytes), code: place.code,
                place: place.name, country: place.country, zone: c.zone, range: c.bytes,
                isDemonym: entry.flags.contains(.demonym) || entry.flags.contains(.languageDemonym)))
        }
        if scores.isEmpty {
            return defaultAnalysis(defaultRegion)
        }
        return PlaceAnalysis(regions: rank(scores), mentions: mentions)
    }

    /// How much one mention weighs by where it stands: datelines and titles say what a
    /// story is about; the lead more than the body.
    static func zoneWeight(_ zone: Mention.Zone) -> Double {
        switch zone {
        case .dateline: 3.0
        case .title: 2.0
        case .lead: 1.5
        case .body: 1.0
        }
    }

    /// Normalizes scores against the top one, scaled by the confidence in the top one.
    private func rank(_ scores: RegionScores) -> [RegionScore] {
        let top = scores.entries.lazy.map(\.score).max() ?? 1
        let confidence = 1 - exp(-top / Self.confidenceScale)
        let places = gazetteer.tables.places
        var ranked = scores.entries.map { e in
            let p = places[Int(e.region)]
            return RegionScore(code: p.code, name: p.name, weight: (e.score / top * confidence * 1000).rounded() / 1000)
        }
        ranked.sort { a, b in
            if a.weight != b.weight { return a.weight > b.weight }
            if a.code.utf8.count != b.code.utf8.count { return a.code.utf8.count < b.code.utf8.count }
            return a.code < b.code
        }
        return ranked
    }

    private func defaultAnalysis(_ region: String?) -> PlaceAnalysis {
        guard let region, case .codes(let codes) = gazetteer.resolveRegion(region) else {
            return PlaceAnalysis(regions: [], mentions: [])
        }
        let regions = codes.map {
            RegionScore(code: $0, name: gazetteer.name(of: $0) ?? $0, weight: Self.defaultRegionWeight)
        }
        return PlaceAnalysis(regions: regions, mentions: [], usedDefaultRegion: true)
    }
}

/// Scores by region (place index); a story has few regions, so a linear list (one array of
/// pairs: one allocation per story).
struct RegionScores {
    private(set) var entries: [(region: Int32, score: Double)]

    init() {
        entries = []
        entries.reserveCapacity(16)
    }

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ region: Int32, _ w: Double) {
        let added = entries.withUnsafeMutableBufferPointer { list in
            for i in list.indices where list[i].region == region {
                list[i].score += w
                return true
            }
            return false
        }
        if !added { entries.append((region, w)) }
    }
}
