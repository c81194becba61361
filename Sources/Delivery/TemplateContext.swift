import Feeds
import Foundation

/// The variables a message template sees.
///
/// Top level: `owner`, `rule` (single alerts), `digest` (true for a digest), `count`,
/// `single` (count is 1), `subject` (text and HTML only), `first` (the first story),
/// `stories` (a list). Each story: `title`, `url`, `source`, `published` (RFC 3339 or
/// absent), `summary`, `regions` (comma-separated), `matched` (comma-separated), `rule`,
/// `has_also_reported_by`, and `also_reported_by` (a list of `source`, `url`, `last`).
/// Empty values are absent, so `{{#summary}}…{{/summary}}` shows only what exists.
enum TemplateContext {
    static func make(_ content: AlertContent) -> [String: Any] {
        let stories = content.stories.map(story)
        var context: [String: Any] = [
            "owner": content.owner,
            "count": stories.count,
            "single": stories.count == 1,
            "stories": stories,
        ]
        if let first = stories.first { context["first"] = first }
        switch content.kind {
        case .matched(let rule, _):
            context["rule"] = rule
            context["digest"] = false
        case .digest:
            context["digest"] = true
        }
        return context
    }

    private static func story(_ s: MessageStory) -> [String: Any] {
        var d: [String: Any] = [
            "title": s.title,
            "url": linkable(s.url),
            "source": s.source,
            "has_also_reported_by": !s.alsoReportedBy.isEmpty,
            "also_reported_by": s.alsoReportedBy.enumerated().map { index, copy in
                ["source": copy.source, "url": linkable(copy.url), "last": index == s.alsoReportedBy.count - 1] as [String: Any]
            },
        ]
        if let published = s.published { d["published"] = RFC3339.string(published) }
        if !s.summary.isEmpty { d["summary"] = s.summary }
        if !s.regions.isEmpty { d["regions"] = s.regions.joined(separator: ", ") }
        if !s.matched.isEmpty { d["matched"] = s.matched.joined(separator: ", ") }
        if !s.rule.isEmpty { d["rule"] = s.rule }
        return d
    }

    /// Only http(s) links reach a template: a feed could carry `javascript:` or `data:` URLs,
    /// which escaping alone does not defuse inside `href`.
    static func linkable(_ url: String) -> String {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : ""
    }
}
