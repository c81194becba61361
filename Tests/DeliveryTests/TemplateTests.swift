import Foundation
import Testing
@testable import Delivery

@Suite struct TemplateTests {
    @Test func builtInSingle() {
        let parts = MessageTemplates.builtIn().render(AlertFixtures.single)
        #expect(parts.subject == "[iraq-strikes] Drone attack on base near Hillah; Iran-backed militia blamed")
        #expect(parts.text.contains("https://news.example.org/world/2024/07/30/hillah-drone-attack?utm_source=rss"))
        #expect(parts.text.contains("\"We are investigating,\" a spokesman said <in a statement> & more."))
        #expect(parts.text.contains("- Zeitung für Köln: https://zeitung.example.de/artikel/9"))
        #expect(parts.text.contains("2024-07-30T18:04:00Z"))
        #expect(parts.html.contains("&quot;We are investigating,&quot; a spokesman said &lt;in a statement&gt; &amp; more."))
        #expect(parts.html.contains("href=\"https://news.example.org/world/2024/07/30/hillah-drone-attack?utm_source=rss\""))
        #expect(parts.html.contains(">Zeitung für Köln</a>"))
        #expect(!parts.html.contains("<in a statement>"))
    }

    @Test func builtInDigestListsStoriesAndSources() {
        let parts = MessageTemplates.builtIn().render(AlertFixtures.digest)
        #expect(parts.subject == "News digest: 2 stories — Drone attack on base near Hillah; Iran-backed militia blamed")
        #expect(parts.text.contains("2 stories for alice"))
        for story in AlertFixtures.digest.stories {
            #expect(parts.text.contains(story.url))
            #expect(parts.text.contains(story.source))
            #expect(parts.html.contains(story.source))
        }
        #expect(parts.html.contains("«no ships will pass»"))
        #expect(parts.text.contains("rule region-digest"))
    }

    @Test func hostileTitleIsEscapedInHTML() {
        var story = AlertFixtures.story
        story.title = "<script>alert(1)</script>"
        story.url = "javascript:\"><img src=x>"
        let parts = MessageTemplates.builtIn().render(AlertContent(key: "k", owner: "o", kind: .matched(rule: "r", story: story)))
        #expect(!parts.html.contains("<script>"))
        #expect(!parts.html.contains("<img"))
        #expect(parts.html.contains("&lt;script&gt;"))
        #expect(!parts.html.contains("javascript:"))
    }

    static let broken: [(String, Int, Int)] = [
        ("Hello {{#stories}}\n{{title}}\n", 3, 1),
        ("{{#a}}x{{/b}}", 1, 11),
        ("line one\nline {{two", 2, 11),
    ]

    @Test(arguments: broken)
    func templateErrorsHavePositions(_ source: String, _ line: Int, _ column: Int) {
        do {
            _ = try MessageTemplates(subject: "{{rule}}", text: source, html: "<p></p>", names: ("s", "/etc/newsalert/templates/text.mustache", "h"))
            Issue.record("expected an error")
        } catch {
            #expect(error.isTemplateError)
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.message.hasPrefix("delivery: /etc/newsalert/templates/text.mustache:\(line):\(column): "))
        }
    }

    @Test func directoryOverridesOnlyItsFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Alert for {{owner}}: {{#first}}{{title}}{{/first}}".write(to: dir.appendingPathComponent("subject.mustache"), atomically: true, encoding: .utf8)
        let templates = try MessageTemplates.load(directory: dir.path)
        let parts = templates.render(AlertFixtures.single)
        #expect(parts.subject == "Alert for alice: Drone attack on base near Hillah; Iran-backed militia blamed")
        #expect(parts.html.contains("<!DOCTYPE html>"))

        try "{{#stories}}oops".write(to: dir.appendingPathComponent("html.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: DeliveryError.self) { try MessageTemplates.load(directory: dir.path) }
        #expect(throws: DeliveryError.self) { try MessageTemplates.load(directory: dir.path + "-missing") }
    }

    @Test func composerSetsStableMessageID() throws {
        let composer = EmailComposer(from: try Mailbox(parsing: "News <alerts@example.org>"))
        let m = composer.compose(AlertFixtures.single, to: try Mailbox(parsing: "alice@example.org"), date: AlertFixtures.published)
        #expect(m.messageID == "newsalert.42@example.org")
        #expect(m.subject.hasPrefix("[iraq-strikes]"))
    }
}
