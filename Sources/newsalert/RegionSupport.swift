import Feeds
import Geo
import NewsAlert
import Rules

/// Where the CLI resolves region names and detects the places of stories.
enum RegionSupport {
    static let resolver: (any RegionResolving)? = GazetteerRegions()

    /// Fills each story's `regions` from its title and text (or summary, when there is no text).
    static func locate(_ doc: inout ParsedDocument, defaultRegion: String? = nil) {
        let detector = PlaceDetector()
        for i in doc.stories.indices {
            let s = doc.stories[i]
            let body = s.text.isEmpty ? s.summary : s.text
            doc.stories[i].regions = detector.detect(title: s.title, text: body, defaultRegion: defaultRegion).regions
        }
    }
}
