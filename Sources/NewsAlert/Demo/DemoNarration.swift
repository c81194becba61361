import Foundation
import Store

/// The walkthrough's text: what a newcomer reads, step by step, built only from what the
/// pipeline stored and what the peers received.
struct DemoNarration: Sendable {
    let output: @Sendable (String) -> Void

    private func line(_ text: String = "") { output(text) }

    private func step(_ n: Int, _ title: String) {
        line()
        line("\(n). \(title)")
    }

    func intro(directory: String, feeds: [String], webhook: String, smtp: String, kept: Bool) {
        line("newsalert demo: the whole pipeline, offline, on 127.0.0.1 (nothing leaves this machine)")
        step(1, "Local peers stand in for the outside world")
        line("   news sites    \(feeds.joined(separator: " and "))  (a wire service, an aggregator; RSS with ETag)")
        line("   webhook sink  \(webhook)  (records each POST, answers 204)")
        line("   SMTP sink     \(smtp)  (records each message)")
        line("   files         \(directory)/{config.yaml,rules/,webhook-secret,newsalert.db}\(kept ? "" : "  (removed at the end; --keep DIR keeps them)")")
    }

    func rules(_ text: String) {
        step(2, "One person's rules file (rules/alice.yaml)")
        for l in text.split(separator: "\n") where !l.hasPrefix("#") { line("   " + l) }
    }

    func firstPoll(_ report: Pipeline.CycleReport, hits: [DemoFeedServer.Hit], clusters: [ClusterSummary], sources: [(String, String)]) {
        step(3, "First poll: fetch, parse, find places, store")
        for (name, url) in sources {
            let path = URL(string: url)?.path ?? url
            let hit = hits.last { $0.path == path }
            let count = clusters.flatMap(\.stories).filter { $0.source == name }.count
            line("   \(name.padding(toLength: 11, withPad: " ", startingAt: 0)) GET \(path.padding(toLength: 16, withPad: " ", startingAt: 0)) \(hit.map { "\($0.status), \($0.bytes) bytes" } ?? "not fetched")  → \(count) stor\(count == 1 ? "y" : "ies")")
        }
        line("   \(report.polled) sources polled, \(report.failed) failed, \(report.newStories) new stories (the aggregator's feed is answered once the wire's poll is stored: a copy follows its original)")
    }

    func clusters(_ clusters: [ClusterSummary]) {
        step(4, "Clusters: a syndicated copy folds into the story it copies")
        for c in clusters.sorted(by: { ($0.stories.count, $0.firstSeen) > ($1.stories.count, $1.firstSeen) }) {
            let n = c.stories.count
            line("   [\(n) cop\(n == 1 ? "y  " : "ies")] \(c.title)")
            guard n > 1 else { continue }
            for m in c.stories { line("              \(m.source.padding(toLength: 11, withPad: " ", startingAt: 0)) \(m.url ?? m.guid)") }
        }
    }

    func match(_ alerts: [AlertRecord], storiesChecked: Int) {
        step(5, "Match: every new story against every rule (keywords, then regions)")
        guard let first = alerts.first else {
            line("   no rule matched any of the \(storiesChecked) stories")
            return
        }
        line("   rule \(first.rule) (owner \(first.owner)) matched: \(first.story?.title ?? "?")")
        line("   matched terms: \(first.matched.joined(separator: ", "))    regions: \((first.story?.regions ?? []).joined(separator: ", "))")
        line("   → \(alerts.count) alert\(alerts.count == 1 ? "" : "s") in the outbox, one per channel (\(alerts.map(\.channel).sorted().joined(separator: ", "))); no other story matched, and the copy adds no second alert")
    }

    func webhook(_ hook: ReceivedWebhook, verified: Bool) {
        step(6, "Delivery: what the receivers got")
        line("   The webhook, as received: POST \(hook.path)")
        let check = verified ? "  (verified with the secret in webhook-secret)" : "  (DOES NOT VERIFY)"
        for name in ["content-type", "webhook-id", "webhook-timestamp", "webhook-signature"] {
            guard let value = hook.header(name) else { continue }
            line("     \(name): \(value)\(name == "webhook-signature" ? check : "")")
        }
        let body = JSONDisplay.lines(hook.body) ?? [String(decoding: hook.body, as: UTF8.self)]
        for l in body { line("     " + l) }
    }

    func email(_ mail: ReceivedEmail) {
        line()
        line("   The email, as received: MAIL FROM:<\(mail.from)> RCPT TO:<\(mail.recipients.joined(separator: ">, <"))>")
        for name in ["From", "To", "Subject", "Message-ID"] {
            guard let value = mail.header(name) else { continue }
            line("     \(name): \(value)")
        }
        line("     the text part (blank lines left out; an HTML part comes with it):")
        for l in (mail.textPart ?? "(no text part)").split(separator: "\n") where !l.allSatisfy(\.isWhitespace) { line("     | " + l) }
    }

    func secondPoll(_ report: Pipeline.CycleReport, hits: [DemoFeedServer.Hit], webhooks: Int, emails: Int) {
        step(7, "Second poll: nothing changed, so nothing is fetched twice or sent twice")
        for hit in hits {
            line("   GET \(hit.path.padding(toLength: 16, withPad: " ", startingAt: 0)) \(hit.conditional ? "If-None-Match" : "unconditional") → \(hit.status)\(hit.status == 304 ? " Not Modified" : "")")
        }
        line("   \(report.newStories) new stories, \(report.alerts) new alerts; the sinks still hold \(webhooks) webhook and \(emails) email")
    }

    func done(directory: String, kept: Bool, seconds: Double) {
        line()
        line(String(format: "Done in %.1f s. ", seconds) + (kept ? "The config, rules and database are in \(directory): try `newsalert stories --config \(directory)/config.yaml`."
                  : "Next: `newsalert check` validates your own config and rules; README \"Writing a rules file\" explains them."))
    }
}
