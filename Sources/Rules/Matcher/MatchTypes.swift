import Feeds
import Tokens

/// What the matcher reads of a story. Title, summary and text are searched by unscoped
/// words; `source:` searches the source's name.
public struct MatchInput: Sendable {
    public var title: String
    public var summary: String
    public var text: String
    public var source: String
    public var regions: [RegionScore]

    public init(title: String, summary: String = "", text: String = "", source: String = "", regions: [RegionScore] = []) {
        self.title = title
        self.summary = summary
        self.text = text
        self.source = source
        self.regions = regions
    }

    public init(story: Story, source: String) {
        self.init(title: story.title, summary: story.summary, text: story.text, source: source, regions: story.regions)
    }
}

/// A story already tokenized by the pipeline (so it is tokenized once for places,
/// fingerprints and rules). `body` holds summary and text as separate runs: a phrase never
/// spans two runs.
public struct TokenizedInput: Sendable {
    public var title: [Token]
    public var body: [[Token]]
    public var source: [Token]
    public var regions: [RegionScore]

    public init(title: [Token], body: [[Token]], source: [Token] = [], regions: [RegionScore] = []) {
        self.title = title
        self.body = body
        self.source = source
        self.regions = regions
    }
}

/// Where in a story a term was found.
public struct MatchFields: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let title = MatchFields(rawValue: 1)
    public static let body = MatchFields(rawValue: 2)
    public static let source = MatchFields(rawValue: 4)

    public var names: [String] {
        var n: [String] = []
        if contains(.title) { n.append("title") }
        if contains(.body) { n.append("body") }
        if contains(.source) { n.append("source") }
        return n
    }
}

/// A positive query term found in the story (for `"matched": [...]` and `match --explain`).
public struct MatchedTerm: Sendable, Equatable {
    /// The term as normalized from the query: `strike`, `militia*`, `"iran backed"`, `title:us`.
    public var term: String
    public var fields: MatchFields
}

/// One rule that matched one story.
public struct RuleMatch: Sendable, Equatable {
    public var owner: String
    public var rule: String
    public var channels: [String]
    public var matched: [MatchedTerm]
    /// Index of the rule in the matcher's input order.
    public var ruleIndex: Int

    public var terms: [String] { matched.map(\.term) }
}

/// One rule as the matcher sees it.
public struct MatcherRule: Sendable {
    public var owner: String
    public var rule: String
    public var channels: [String]
    public var query: QueryNode
    public var regions: RegionFilter

    public init(owner: String, rule: String, channels: [String], query: QueryNode, regions: RegionFilter = RegionFilter()) {
        self.owner = owner
        self.rule = rule
        self.channels = channels
        self.query = query
        self.regions = regions
    }
}
