/// One item as a wire format gave it, before normalization: the meeting point of the
/// per-format adapters (RSS, Atom, JSON Feed, sitemaps) and `StoryAssembler`.
struct RawItem {
    var id: String?
    var link: String?
    /// Title as written; may hold entities or markup (RSS titles often do).
    var title: String?
    var summaryHTML: String?
    var contentHTML: String?
    /// Plain-text body (JSON Feed `content_text`, Atom `type="text"`).
    var contentText: String?
    var authors: [String] = []
    var published: String?
    var updated: String?
    var categories: [String] = []
    var image: String?
    var language: String?
    /// Base URL for relative links: xml:base in effect, else the document URL.
    var base: String?
    /// Where the item started in the source, for warnings.
    var line: Int?
}
