import Foundation
import Logging
import Store
import Testing
@testable import NewsAlert

/// `newsalert demo` through its runner: the walkthrough must produce exactly what it narrates.
struct DemoTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func append(_ line: String) { lock.withLock { items.append(line) } }
        var all: [String] { lock.withLock { items } }
    }

    static let quiet = Logger(label: "demo-test") { _ in SwiftLogNoOpLogHandler() }

    @Test func oneWebhookAndOneEmailWithTheCopyFoldedIn() async throws {
        let lines = Lines()
        let result = try await DemoRunner(logger: Self.quiet, output: { lines.append($0) }).run()

        #expect(result.webhooks.count == 1)
        #expect(result.emails.count == 1)
        let hook = try #require(result.webhooks.first)
        #expect(hook.path == "/hooks/alice")
        #expect(hook.header("webhook-id") != nil && hook.header("webhook-signature")?.hasPrefix("v1,") == true)
        let body = try #require(hook.json, "the webhook body is JSON")
        let also = try #require(Self.find("also_reported_by", in: body) as? [[String: Any]], "\(body)")
        #expect(also.count == 1)
        #expect(also.first?["source"] as? String == "aggregator")
        #expect(String(decoding: hook.body, as: UTF8.self).contains("Babil"))

        let mail = try #require(result.emails.first)
        #expect(mail.recipients == ["alice@example.org"])
        #expect(mail.header("Subject")?.contains("Babil") == true)
        #expect(mail.textPart?.contains("Babil") == true)

        let strike = try #require(result.clusters.first { $0.stories.count == 2 })
        #expect(Set(strike.stories.map(\.source)) == ["wire", "aggregator"])
        #expect(result.clusters.count == 4, "five stories, the copy folded in: four clusters")
        #expect(result.alerts.count == 2 && result.alerts.allSatisfy { $0.status == .sent && $0.rule == "iraq-strikes" })

        #expect(result.secondPoll.newStories == 0 && result.secondPoll.alerts == 0 && result.secondDelivery.claimed == 0)
        #expect(result.secondPollStatuses == ["/world.rss": 304, "/top-stories.xml": 304])

        let text = lines.all.joined(separator: "\n")
        #expect(text.contains("[2 copies]"))
        #expect(text.contains("(verified with the secret in webhook-secret)"))
        #expect(lines.all.count <= 90, "the walkthrough stays short: \(lines.all.count) lines")
        #expect(!FileManager.default.fileExists(atPath: result.directory), "the temporary directory is removed")
    }

    @Test func keepLeavesTheFilesAndRefusesANonEmptyDirectory() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("newsalert-demo-keep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await DemoRunner(keep: dir, logger: Self.quiet, output: { _ in }).run()
        for file in ["config.yaml", "rules/alice.yaml", "webhook-secret", "newsalert.db"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(file)")
        }
        await #expect(throws: DemoError.self) {
            _ = try await DemoRunner(keep: dir, logger: Self.quiet, output: { _ in }).run()
        }
    }

    /// The value under `key` anywhere in a JSON object (the payload nests the story).
    static func find(_ key: String, in object: Any) -> Any? {
        if let dict = object as? [String: Any] {
            if let value = dict[key] { return value }
            for value in dict.values { if let found = find(key, in: value) { return found } }
        } else if let array = object as? [Any] {
            for value in array { if let found = find(key, in: value) { return found } }
        }
        return nil
    }
}
