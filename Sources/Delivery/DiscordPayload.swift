import Feeds

/// Discord execute-webhook body (discord.com/developers/docs/resources/webhook): `content`
/// (≤ 2,000 characters) and up to 10 `embeds` (title ≤ 256, description ≤ 4,096, field value
/// ≤ 1,024). `allowed_mentions` is empty so a headline containing "@everyone" pings no one.
enum DiscordPayload {
    static let maxEmbeds = 10

    static func make(_ content: AlertContent) -> JSONValue {
        let stories = content.stories
        let text: String = switch content.kind {
        case .matched(let rule, let story): "**\(rule)**: \(story.title)"
        case .digest(let stories):
            "News digest for \(content.owner): \(stories.count) stor\(stories.count == 1 ? "y" : "ies")"
                + (stories.count > maxEmbeds ? " (first \(maxEmbeds) shown)" : "")
        }
        return .object([
            ("content", .string(text.clipped(to: 2000))),
            ("embeds", .array(stories.prefix(maxEmbeds).map(embed))),
            ("allowed_mentions", .object([("parse", .array([]))])),
        ])
    }

    private static func embed(_ story: MessageStory) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("title", .string(story.title.clipped(to: 256))),
            ("url", .string(story.url)),
        ]
        if !story.summary.isEmpty { members.append(("description", .string(story.summary.clipped(to: 4096)))) }
        if let published = story.published { members.append(("timestamp", .string(RFC3339.string(published)))) }
        var fields: [JSONValue] = []
        if !story.regions.isEmpty { fields.append(field("Regions", story.regions.joined(separator: ", "))) }
        if !story.matched.isEmpty { fields.append(field("Matched", story.matched.joined(separator: ", "))) }
        if !story.alsoReportedBy.isEmpty {
            fields.append(field("Also reported by", story.alsoReportedBy.map { "[\($0.source)](\($0.url))" }.joined(separator: "\n")))
        }
        if !fields.isEmpty { members.append(("fields", .array(fields))) }
        members.append(("footer", .object([("text", .string((story.rule.isEmpty ? story.source : "\(story.source) · \(story.rule)").clipped(to: 2048)))])))
        return .object(members)
    }

    private static func field(_ name: String, _ value: String) -> JSONValue {
        .object([("name", .string(name)), ("value", .string(value.clipped(to: 1024))), ("inline", .bool(true))])
    }
}
