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
        let site = try await ServiceWorkspace.start(prefix: "newsalert-alongside", secret: Self.secret,
                                                    pages: ["wire.xml": PipelineTests.wire, "agg.xml": PipelineTests.aggregator])
        defer { site.stop() }
        setenv("ALONGSIDE_TEST_SECRET", Self.secret, 1)
        try site.write("rules/dana.yaml", """
        owner: dana
        channels:
          ops: { webhook: "\(site.receiver.url("/ok"))", secret_env: ALONGSIDE_TEST_SECRET }
        rules:
          - name: iraq-strikes
            query: '(strike* OR airstrike*) AND (militia* OR "Iran-backed")'
            notify: [ops]
          - name: rates
            query: 'rate*'
            notify: [ops]
        """)
        var config = Config(database: site.file("a.db"), rules: site.file("rules"),
                            sources: [SourceConfig(name: "wire", url: site.nginx.url("/wire.xml")), SourceConfig(name: "aggregator", url: site.nginx.url("/agg.xml"))])
        config.webhooks.allowPrivate = ["127.0.0.1/32"]
        let pipeline = try Pipeline(config: config, logger: Logger(label: "test"))
        defer { pipeline.client.shutdown() }

        let report = await pipeline.pollDue(all: true, deliver: true)
        #expect(report.alerts == 2, "the strike (its aggregator copy folds in) and the rates story")
        #expect(report.delivery.delivered == 2 && report.delivery.failed == 0 && report.delivery.retrying == 0)
        #expect(try pipeline.store.alerts(status: .sent).count == 2)
        #expect(try pipeline.store.alerts(status: .pending).isEmpty, "nothing left for a later pass")
        let received = try site.receiver.requests()
        #expect(received.count == 2 && received.allSatisfy(\.verified))

        let quiet = await pipeline.pollDue(all: true, deliver: true)
        #expect(quiet.alerts == 0 && quiet.delivery.claimed == 0, "an unchanged cycle sends nothing")
        #expect(try site.receiver.requests().count == 2)
    }
}
