import Feeds
import Geo

extension PlaceDetector {
    /// Fills each story's `regions` from its title and text (the summary when there is no
    /// text); `defaultRegion` (a source's `region:`) applies when a story names no place.
    /// The one place the pipeline and the CLI locate stories.
    public func locate(_ stories: inout [Story], defaultRegion: String? = nil) {
        for i in stories.indices {
            let s = stories[i]
            stories[i].regions = detect(title: s.title, text: s.text.isEmpty ? s.summary : s.text, defaultRegion: defaultRegion).regions
        }
    }
}
