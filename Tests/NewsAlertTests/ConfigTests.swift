import Foundation
import Testing
@testable import NewsAlert

struct ConfigTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func embeddedDefaultIsTheExampleFile() throws {
        let example = try String(contentsOf: Self.repoRoot.appendingPathComponent("deploy/config.example.yaml"), encoding: .utf8)
        #expect(DefaultConfig.yaml.trimmingCharacters(in: .newlines) == example.trimmingCharacters(in: .newlines))
        let config = try ConfigLoader.load(path: nil)
        #expect(config.sources.count >= 5)
        #expect(config.sources.first?.name == "bbc-world")
        #expect(config.sources.first?.every == 300)
        #expect(config.sources.contains { $0.fullText })
        #expect(config.listen == "127.0.0.1:9464")
        #expect(config.http.maxBody == 10 * 1024 * 1024)
    }

    @Test func fullConfigParses() throws {
        let yaml = """
        database: /var/lib/newsalert/newsalert.db
        rules: /etc/newsalert/rules
        listen: "off"
        http: { user_agent: "ua/1", timeout: 90s, max_body: 512KiB, max_concurrency: 8, per_domain: 1 }
        smtp:
          url: smtps://mail.example.org:465
          tls: implicit
          username: bot
          password_env: SMTP_PASSWORD
          from: "Alerts <a@example.org>"
        webhooks: { allow_private: [127.0.0.1/32, "::1/128"] }
        sources:
          - { name: a, url: "https://example.org/feed", every: 1h, region: IQ, full_text: yes }
        """
        let c = try ConfigLoader.parse(yaml, path: "c.yaml", origin: "c.yaml")
        #expect(c.database == "/var/lib/newsalert/newsalert.db")
        #expect(c.listen == nil)
        #expect(c.http.timeout == 90 && c.http.maxBody == 512 * 1024 && c.http.perDomain == 1)
        #expect(c.smtp?.tls == .implicit && c.smtp?.passwordEnv == "SMTP_PASSWORD")
        #expect(c.webhooks.allowPrivate == ["127.0.0.1/32", "::1/128"])
        #expect(c.sources == [SourceConfig(name: "a", url: "https://example.org/feed", every: 3600, fullText: true, region: "IQ")])
    }

    @Test(arguments: [
        ("databse: x.db\n", "c.yaml:1:1: unknown key 'databse' in the config (did you mean database?); allowed: database, rules, listen, http, smtp, webhooks, templates, delivery, notices, retention, sources, websub"),
        ("http:\n  timeout: soon\n", "c.yaml:2:12: http.timeout must be a duration such as 90s, 5m, 1h or 1d, not 'soon'"),
        ("http:\n  max_body: lots\n", "c.yaml:2:13: http.max_body must be a size such as 512KiB or 10MiB, not 'lots'"),
        ("sources:\n  - { name: a, url: \"ftp://x/y\" }\n", "c.yaml:2:21: source url must be an http:// or https:// URL, not 'ftp://x/y'"),
        ("sources:\n  - { name: a, url: \"https://x.org/\", every: 10s }\n", "c.yaml:2:46: every must be at least 1m (sources are polled politely)"),
        ("sources:\n  - { name: a }\n", "c.yaml:2:5: each source needs a name and a url, e.g. { name: bbc-world, url: \"https://feeds.bbci.co.uk/news/world/rss.xml\" }"),
        ("listen: nowhere\n", "c.yaml:1:9: listen must be host:port (e.g. 127.0.0.1:9464) or off"),
        ("smtp: { url: \"http://mail\", from: x }\n", "c.yaml:1:14: smtp.url must start with smtp:// (STARTTLS, port 587) or smtps:// (implicit TLS, port 465)"),
        ("rules: [a\n", "c.yaml:2:1: YAML syntax: did not find expected ',' or ']'"),
    ])
    func reportsProblemsWithTheirPlace(yaml: String, expected: String) {
        #expect(throws: ConfigLoader.Failure.self) { try ConfigLoader.parse(yaml, path: "c.yaml", origin: "c.yaml") }
        do {
            _ = try ConfigLoader.parse(yaml, path: "c.yaml", origin: "c.yaml")
        } catch {
            #expect(error.diagnostics.map(\.description).contains(expected), "got \(error.diagnostics)")
        }
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let yaml = "databse: x\nhttp: { timeout: x, per_domain: 0 }\nsources:\n  - { name: a, url: \"https://a.org\" }\n  - { name: a, url: \"https://b.org\" }\n"
        do {
            _ = try ConfigLoader.parse(yaml, path: "c.yaml", origin: "c.yaml")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.count == 4, "got \(error.diagnostics)")
        }
    }

    @Test(arguments: [("512KiB", 524_288), ("10MiB", 10_485_760), ("2048", 2048), ("1MB", 1_000_000), ("big", nil)] as [(String, Int?)])
    func sizes(text: String, bytes: Int?) {
        #expect(Units.bytes(text) == bytes)
    }
}
