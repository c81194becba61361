/// Slack incoming-webhook body (api.slack.com/messaging/webhooks, Block Kit reference):
/// `text` is the notification fallback; `blocks` is what the channel shows. Slack caps a
/// message at 50 blocks and a section's text at 3,000 characters, so a long digest lists
/// its first 24 stories and says how many more there were.
enum SlackPayload {
    /// Two blocks per story, plus the header and the "more" line: 2 × 24 + 2 = 50.
    static let maxStories = 24
    static let maxSectionText = 3000

    static func make(_ content: AlertContent) -> JSONValue {
        let stories = content.stories
        let heading: String = switch content.kind {
        case .matched(let rule, let story): "[\(rule)] \(story.title)"
        case .digest(let stories): "News digest for \(content.owner): \(stories.count) stor\(stories.count == 1 ? "y" : "ies")"
        }
        var blocks: [JSONValue] = []
        if case .digest = content.kind {
            blocks.append(.object([
                ("type", .string("header")),
                ("text", .object([("type", .string("plain_text")), ("text", .string(heading.clipped(to: 150)))])),
            ]))
        }
        for story in stories.prefix(maxStories) {
            blocks.append(section(story))
            blocks.append(context(story))
        }
        if stories.count > maxStories {
            blocks.append(.object([
                ("type", .string("context")),
                ("elements", .array([.object([("type", .string("mrkdwn")), ("text", .string("…and \(stories.count - maxStories) more"))])])),
            ]))
        }
        return .object([("text", .string(escape(heading))), ("blocks", .array(blocks))])
    }

    private static func section(_ story: MessageStory) -> JSONValue {
        var text = "*<\(linkTarget(story.url))|\(linkLabel(story.title))>*"
        if !story.summary.isEmpty { text += "\n" + escape(story.summary) }
        return .object([
            ("type", .string("section")),
            ("text", .object([("type", .string("mrkdwn")), ("text", .string(text.clipped(to: maxSectionText)))])),
        ])
    }

    private static func context(_ story: MessageStory) -> JSONValue {
        var parts = [escape(story.source)]
        if !story.regions.isEmpty { parts.append(escape(story.regions.joined(separator: ", "))) }
        if !story.rule.isEmpty { parts.append("rule " + escape(story.rule)) }
        if !story.alsoReportedBy.isEmpty {
            parts.append("also: " + story.alsoReportedBy.map { "<\(linkTarget($0.url))|\(linkLabel($0.source))>" }.joined(separator: ", "))
        }
        return .object([
            ("type", .string("context")),
            ("elements", .array([.object([("type", .string("mrkdwn")), ("text", .string(parts.joined(separator: " · ").clipped(to: maxSectionText)))])])),
        ])
    }

    /// Slack mrkdwn: only `&`, `<` and `>` are control characters and must be escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Inside `<url|label>`, a `|` or `>` in the label would end it early.
    private static func linkLabel(_ s: String) -> String {
        escape(s).replacingOccurrences(of: "|", with: "¦")
    }

    private static func linkTarget(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "%7C").replacingOccurrences(of: ">", with: "%3E").replacingOccurrences(of: "<", with: "%3C")
    }
}
