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
        let site = try await ServiceWorkspace.start(prefix: "newsalert-notice", secret: Self.secret)
        defer { site.stop() }
        setenv("NOTICE_TEST_SECRET", Self.secret, 1)
        // The first channel is broken (410 from the receiver), the second works.
        try site.write("rules/carol.yaml", """
        owner: carol
        channels:
          broken: { webhook: "\(site.receiver.url("/gone"))", secret_env: NOTICE_TEST_SECRET }
          works: { webhook: "\(site.receiver.url("/ok"))", secret_env: NOTICE_TEST_SECRET }
        rules:
          - name: anything
            query: 'news'
            notify: [works]
        """)

        let start = Date()
        let clock = Clock(start)
        var config = Config(database: site.file("n.db"), rules: site.file("rules"),
                            sources: [SourceConfig(name: "missing", url: site.nginx.url("/missing.xml"))])
        config.webhooks.allowPrivate = ["127.0.0.1/32"]
        let pipeline = try Pipeline(config: config, logger: Logger(label: "test"), clock: { clock.now })
        defer { pipeline.client.shutdown() }

        _ = await pipeline.pollDue(all: true)
        #expect(await pipeline.sendNotices() == 0, "not yet a day")

        clock.now = start.addingTimeInterval(25 * 3600)
        _ = await pipeline.pollDue(all: true)
        #expect(await pipeline.sendNotices() == 1)
        #expect(await pipeline.sendNotices() == 0, "one notice per incident")

        let requests = try site.receiver.requests()
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
