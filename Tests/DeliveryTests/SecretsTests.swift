import Foundation
import Testing
@testable import Delivery

@Suite struct SecretsTests {
    @Test func environmentFileAndCredential() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "whsec_abc=\n".write(to: dir.appendingPathComponent("hook"), atomically: true, encoding: .utf8)
        try "smtp pass\r\n".write(to: dir.appendingPathComponent("smtp-password"), atomically: true, encoding: .utf8)
        #expect(try Secrets.read(.environment("HOOK"), environment: ["HOOK": "s3cret"]) == "s3cret")
        #expect(try Secrets.read(.file(dir.appendingPathComponent("hook").path)) == "whsec_abc=")
        #expect(try Secrets.read(.credential("smtp-password"), environment: ["CREDENTIALS_DIRECTORY": dir.path]) == "smtp pass")
    }

    static let failures: [(SecretLocation, [String: String], String)] = [
        (.environment("MISSING"), [:], "environment variable MISSING is not set"),
        (.file("/nonexistent/secret"), [:], "file /nonexistent/secret does not exist"),
        (.credential("smtp"), [:], "add LoadCredential=smtp:/path"),
    ]

    @Test(arguments: failures)
    func failuresNameThePlaceNotTheValue(_ location: SecretLocation, _ env: [String: String], _ text: String) {
        do {
            _ = try Secrets.read(location, environment: env)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains(text))
        }
    }

    @Test func testAlertsHaveTheirOwnKeys() {
        let a = AlertContent.test(owner: "alice", now: Date(timeIntervalSince1970: 1))
        let b = AlertContent.test(owner: "alice", now: Date(timeIntervalSince1970: 2))
        #expect(a.key != b.key)
        #expect(a.stories.first?.rule == "send-test")
    }
}
