import Foundation
import Logging
import Store
import TestSupport
import Testing
@testable import NewsAlert

/// The pipeline speaks up: a source failing for a day reaches every owner once, on their
/// first working channel; a channel failing for hours reaches its owner on another channel.
struct NoticeTests {
    static let secret = "whsec_" + Data("notice-test-secret-0123456789abc".utf8).base64EncodedString()

    @Test func aSourceFailingForADayIsToldOnceOnTheFirstWorkingChannel() async throws {
        let dir = try TemporaryDirectory(prefix: "newsalert-notice")
        let root = URL(fileURLWithPath: dir.path)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("www"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("rules"), withIntermediateDirectories: true)
        let nginx = try await NginxServer.start(root: root.appendingPathComponent("www").path)
        defer { nginx.stop() }
        let receiver = try await WebhookReceiver.start(secret: Self.secret)
        defer { receiver.stop() }
        setenv("NOTICE_TEST_SECRET", Self.secret, 1)
        // The first channel is broken (410 from the receiver), the second works.
        try """
        owner: carol
        channels:
          broken: { webhook: "\(receiver.url("/gone"))", secret_env: NOTICE_TEST_SECRET }
          works: { webhook: "\(receiver.url("/ok"))", secret_env: NOTICE_TEST_SECRET }
        rules:
          - name: anything
            query: 'news'
            notify: [works]
        """.write(to: root.appendingPathComponent("rules/carol.yaml"), atomically: true, encoding: .utf8)

        let start = Date()
        let clock = Clock(start)
        var config = Config(database: root.appendingPathComponent("n.db").path, rules: root.appendingPathComponent("rules").path,
                            sources: [SourceConfig(name: "missing", url: nginx.url("/missing.xml"))])
        config.webhooks.allowPrivate = ["127.0.0.1/32"]
        let pipeline = try Pipeline(config: config, logger: Logger(label: "test"), clock: { clock.now })
        defer { pipeline.client.shutdown() }

        _ = await pipeline.pollDue(all: true)
        #expect(await pipeline.sendNotices() == 0, "not yet a day")

        clock.now = start.addingTimeInterval(25 * 3600)
        _ = await pipeline.pollDue(all: true)
        #expect(await pipeline.sendNotices() == 1)
        #expect(await pipeline.sendNotices() == 0, "one notice per incident")

        let requests = try receiver.requests()
        let delivered = requests.filter { $0.path == "/ok" }
        #expect(delivered.count == 1)
        #expect(delivered.first?.verified == true)
        #expect(delivered.first?.bodyJSON?.contains("source missing has failed for 25 hours") == true, "\(delivered.first?.bodyJSON ?? "")")
        #expect(requests.contains { $0.path == "/gone" }, "the first channel was tried first")
    }

    final class Clock: @unchecked Sendable {
        var now: Date
        init(_ now: Date) { self.now = now }
    }
}
