import Feeds
import Foundation

/// The body shapes a webhook channel can send (rules file: `format:`).
public enum WebhookBodyFormat: String, Sendable, CaseIterable {
    /// DESIGN.md "Webhook delivery": `story.matched` / `digest`.
    case native
    /// Slack incoming webhook: `text` fallback plus Block Kit `blocks`.
    case slack
    /// Discord execute-webhook: `content` plus `embeds`.
    case discord
}

/// Builds the JSON body for an alert in a given format.
public enum WebhookPayload {
    public static func body(for content: AlertContent, format: WebhookBodyFormat) -> [UInt8] {
        switch format {
        case .native: native(content).serialized()
        case .slack: SlackPayload.make(content).serialized()
        case .discord: DiscordPayload.make(content).serialized()
        }
    }

    static func native(_ content: AlertContent) -> JSONValue {
        switch content.kind {
        case .matched(let rule, let story):
            return .object([
                ("type", .string("story.matched")),
                ("owner", .string(content.owner)),
                ("rule", .string(rule)),
                ("story", storyJSON(story, includeRule: false)),
            ])
        case .digest(let stories):
            return .object([
                ("type", .string("digest")),
                ("owner", .string(content.owner)),
                ("stories", .array(stories.map { storyJSON($0, includeRule: true) })),
            ])
        }
    }

    /// The `story` object; in a digest each story also names its rule, since a digest can mix rules.
    static func storyJSON(_ story: MessageStory, includeRule: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("title", .string(story.title)),
            ("url", .string(story.url)),
            ("source", .string(story.source)),
            ("published", .string(story.published.map(RFC3339.string))),
            ("summary", .string(story.summary)),
            ("regions", .array(story.regions.map { .string($0) })),
            ("matched", .array(story.matched.map { .string($0) })),
            ("also_reported_by", .array(story.alsoReportedBy.map {
                .object([("source", .string($0.source)), ("url", .string($0.url))])
            })),
        ]
        if includeRule { members.insert(("rule", .string(story.rule)), at: 0) }
        return .object(members)
    }
}

extension String {
    /// Cuts to at most `limit` characters, marking the cut with an ellipsis.
    func clipped(to limit: Int) -> String {
        count <= limit ? self : String(prefix(Swift.max(0, limit - 1))) + "…"
    }
}
