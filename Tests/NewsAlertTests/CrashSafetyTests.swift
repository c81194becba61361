import Foundation
import Store
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// No lost alerts: a real `newsalert run` process is killed with SIGKILL while it is sending
/// a webhook; after a restart the alert is delivered, with the same webhook-id.
struct CrashSafetyTests {
    static let secret = "whsec_" + Data("crash-test-secret-0123456789abcd".utf8).base64EncodedString()

    /// The `newsalert` binary built beside the test bundle.
    static var binary: String {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [bundleDir, bundleDir.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("newsalert").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/newsalert").path
    }

    static func rules(_ url: String) -> String {
        """
        owner: alice
        channels:
          ops: { webhook: "\(url)", secret_env: CRASH_TEST_SECRET }
        rules:
          - name: iraq-strikes
            query: 'strike* AND militia*'
            notify: [ops]
        """
    }

    func launch(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["CRASH_TEST_SECRET"] = Self.secret
        env.removeValue(forKey: "NEWSALERT_CONFIG")
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test func killDashNineDuringDeliveryLosesNothing() async throws {
        let site = try await ServiceWorkspace.start(prefix: "newsalert-crash", secret: Self.secret, pages: ["wire.xml": PipelineTests.wire])
        defer { site.stop() }
        let receiver = site.receiver
        try site.write("rules/alice.yaml", Self.rules(receiver.url("/hang")))
        let database = site.file("newsalert.db")
        let config = try site.write("config.yaml", """
        database: \(database)
        rules: \(site.file("rules"))
        listen: "off"
        webhooks: { allow_private: [127.0.0.1/32] }
        delivery: { lease: 2s }
        sources:
          - { name: wire, url: "\(site.nginx.url("/wire.xml"))" }
        """)

        // 1. The service fetches, matches and starts sending to a receiver that never answers.
        let service = try launch(["run", "--config", config])
        let deadline = Date().addingTimeInterval(60)
        while try receiver.requests().isEmpty && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let first = try #require(try receiver.requests().first, "the service never tried to deliver")
        #expect(first.path == "/hang")

        // 2. SIGKILL mid-delivery: nothing is recorded as sent.
        kill(service.processIdentifier, SIGKILL)
        try ProcessExit.wait(service)
        let store = try Store(path: database)
        #expect(try store.alerts(status: .sent).isEmpty)
        #expect(try store.alerts().count == 1)

        // 3. The receiver is fixed; after the lease the alert goes out again, same webhook-id.
        try site.write("rules/alice.yaml", Self.rules(receiver.url("/ok")))
        try await Task.sleep(for: .milliseconds(2500))
        let again = try launch(["poll", "--once", "--config", config])
        #expect(try ProcessExit.wait(again) == 0)
        let delivered = try receiver.requests().filter { $0.path == "/ok" }
        #expect(delivered.count == 1)
        #expect(delivered.first?.webhookID == first.webhookID, "a repeat carries the same webhook-id")
        #expect(delivered.first?.verified == true, "\(delivered.first?.error ?? "")")
        #expect(try store.alerts(status: .sent).count == 1)
    }
}
