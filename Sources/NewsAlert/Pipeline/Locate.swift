import Feeds
import Geo
import Tokens

extension PlaceDetector {
    /// Fills each story's `regions` from its title and text (the summary when there is no
    /// text); `defaultRegion` (a source's `region:`) applies when a story names no place.
    /// The one place the pipeline and the CLI locate stories.
    ///
    /// Returns each story's scan keyed by guid: the rules matcher reads the same scan
    /// (`RuleMatcher.match(_:source:regions:scratch:)`), so a story is tokenized once. A
    /// repeated guid is stored once, as its first story, so the first story's scan is kept.
    ///
    /// Stories whose guid is in `skipping` (stored already with the same content, see
    /// `Store.unchangedStories`) are left as they are: the store keeps their regions.
    @discardableResult
    public func locate(_ stories: inout [Story], defaultRegion: String? = nil, skipping: Set<String> = []) -> [String: ScannedStory] {
        var scans: [String: ScannedStory] = [:]
        scans.reserveCapacity(stories.count - skipping.count)
        for i in stories.indices where !skipping.contains(stories[i].guid) {
            let scan = ScannedStory(story: stories[i])
            stories[i].regions = regions(scan, defaultRegion: defaultRegion)
            if scans[stories[i].guid] == nil { scans[stories[i].guid] = scan }
        }
        return scans
    }
}

extension ScannedStory {
    public init(story: Story) {
        self.init(title: story.title, summary: story.summary, text: story.text)
    }
}
