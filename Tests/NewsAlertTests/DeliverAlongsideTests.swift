import Foundation
import Logging
import Store
import TestSupport
import Testing
@testable import NewsAlert

/// `pollDue(deliver: true)`: alerts leave while the cycle still runs, through a real webhook
/// receiver that verifies the Standard Webhooks signature.
struct DeliverAlongsideTests {
    static let secret = "whsec_" + Data("alongside-test-secret-0123456789".utf8).base64EncodedString()

    @Test func alertsAreDeliveredWithinTheCycle() async throws {
        let dir = try TemporaryDirectory(prefix: "newsalert-alongside")
        let root = URL(fileURLWithPath: dir.path)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("www"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try PipelineTests.wire.write(to: root.appendingPathComponent("www/wire.xml"), atomically: true, encoding: .utf8)
        try PipelineTests.aggregator.write(to: root.appendingPathComponent("www/agg.xml"), atomically: true, encoding: .utf8)
        let nginx = try await NginxServer.start(root: root.appendingPathComponent("www").path)
        defer { nginx.stop() }
        let receiver = try await WebhookReceiver.start(secret: Self.secret)
        defer { receiver.stop() }
        setenv("ALONGSIDE_TEST_SECRET", Self.secret, 1)
        try """
        owner: dana
        channels:
          ops: { webhook: "\(receiver.url("/ok"))", secret_env: ALONGSIDE_TEST_SECRET }
        rules:
          - name: iraq-strikes
            query: '(strike* OR airstrike*) AND (militia* OR "Iran-backed")'
            notify: [ops]
          - name: rates
            query: 'rate*'
            notify: [ops]
        """.write(to: root.appendingPathComponent("rules/dana.yaml"), atomically: true, encoding: .utf8)
        var config = Config(database: root.appendingPathComponent("a.db").path, rules: root.appendingPathComponent("rules").path,
                            sources: [SourceConfig(name: "wire", url: nginx.url("/wire.xml")), SourceConfig(name: "aggregator", url: nginx.url("/agg.xml"))])
        config.webhooks.allowPrivate = ["127.0.0.1/32"]
        let pipeline = try Pipeline(config: config, logger: Logger(label: "test"))
        defer { pipeline.client.shutdown() }

        let report = await pipeline.pollDue(all: true, deliver: true)
        #expect(report.alerts == 2, "the strike (its aggregator copy folds in) and the rates story")
        #expect(report.delivery.delivered == 2 && report.delivery.failed == 0 && report.delivery.retrying == 0)
        #expect(try pipeline.store.alerts(status: .sent).count == 2)
        #expect(try pipeline.store.alerts(status: .pending).isEmpty, "nothing left for a later pass")
        let received = try receiver.requests()
        #expect(received.count == 2 && received.allSatisfy(\.verified))

        let quiet = await pipeline.pollDue(all: true, deliver: true)
        #expect(quiet.alerts == 0 && quiet.delivery.claimed == 0, "an unchanged cycle sends nothing")
        #expect(try receiver.requests().count == 2)
    }
}
