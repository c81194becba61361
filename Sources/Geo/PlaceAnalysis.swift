import Feeds

/// The places a story is about (`regions`) and the evidence for them (`mentions`).
public struct PlaceAnalysis: Sendable, Equatable {
    /// Countries and subdivisions with how central each is (0…1), most central first.
    /// Every mentioned region is listed; those at or above `PlaceDetector.focusThreshold`
    /// are what the story is about.
    public var regions: [RegionScore]
    /// Each accepted place mention, in text order (title first), for `match --explain`.
    public var mentions: [Mention]
    /// True when no place was found and the source's default region stands in.
    public var usedDefaultRegion: Bool

    public init(regions: [RegionScore], mentions: [Mention], usedDefaultRegion: Bool = false) {
        self.regions = regions
        self.mentions = mentions
        self.usedDefaultRegion = usedDefaultRegion
    }

    /// The codes whose weight reaches `PlaceDetector.focusThreshold`.
    public var focusCodes: [String] {
        regions.filter { $0.weight >= PlaceDetector.focusThreshold }.map(\.code)
    }
}

/// One place named in a story.
public struct Mention: Sendable, Equatable {
    /// Where in the story a mention stands; earlier parts say more about the story's focus.
    public enum Zone: String, Sendable, Equatable {
        /// "BAGHDAD (Reuters) —" at the start of the text.
        case dateline
        case title
        /// The first sentences of the text.
        case lead
        case body
    }

    /// The words as written ("Hillah", "Iraqi").
    public var surface: String
    /// The region the mention counts towards ("IQ-BB"; "IQ" when no subdivision is known).
    public var code: String
    /// The place it was read as ("Al Hillah"), after disambiguation.
    public var place: String
    /// ISO 3166-1 code of the place's country.
    public var country: String
    public var zone: Zone
    /// UTF-8 byte range in the title (zone `.title`) or in the text (other zones).
    public var range: Range<Int>
    /// True for demonyms and adjectives ("Iraqi"), which count less than names.
    public var isDemonym: Bool

    public init(surface: String, code: String, place: String, country: String, zone: Zone,
                range: Range<Int>, isDemonym: Bool) {
        self.surface = surface
        self.code = code
        self.place = place
        self.country = country
        self.zone = zone
        self.range = range
        self.isDemonym = isDemonym
    }
}
