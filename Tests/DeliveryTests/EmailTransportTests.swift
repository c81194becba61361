import Curl
import Foundation
import Testing
import TestSupport
@testable import Delivery

/// Email through libcurl's SMTP to aiosmtpd, read back with Python's `email` package.
@Suite(.serialized) struct EmailTransportTests {
    static let from = try! Mailbox(parsing: "News alerts <alerts@example.org>")
    static let to = try! Mailbox(parsing: "Alice Müller <alice@example.org>")

    private func sender(_ configuration: SMTPConfiguration) -> (EmailSender, SMTPClient) {
        let client = SMTPClient(configuration: configuration)
        return (EmailSender(client: client, composer: EmailComposer(from: Self.from)), client)
    }

    @Test func starttlsAndAuthDeliverAMessageMailClientsRead() async throws {
        let server = try await SMTPServer.start(.init(starttls: true, auth: (user: "newsalert", password: "s3cret pass")))
        defer { server.stop() }
        let (email, client) = sender(SMTPConfiguration(url: server.url(), tls: .required, username: "newsalert", password: "s3cret pass", caFile: server.certificate))
        defer { client.shutdown() }
        let date = Date(timeIntervalSince1970: 1_722_362_640)
        #expect(await email.send(AlertFixtures.digest, to: Self.to, now: date) == .delivered(status: 250))

        let messages = try server.messages()
        try #require(messages.count == 1)
        let m = messages[0]
        #expect(m["tls"] as? Bool == true)
        #expect(m["authenticated"] as? Bool == true)
        #expect(m["auth_user"] as? String == "newsalert")
        #expect(m["mail_from"] as? String == "alerts@example.org")
        #expect(m["rcpt_tos"] as? [String] == ["alice@example.org"])
        let message = try #require(m["message"] as? [String: Any])
        let headers = try #require(message["headers"] as? [String: String])
        let expected = EmailComposer(from: Self.from).compose(AlertFixtures.digest, to: Self.to, date: date)
        #expect(headers["Subject"] == expected.subject)
        #expect(headers["From"] == "News alerts <alerts@example.org>")
        #expect(headers["To"] == "Alice Müller <alice@example.org>")
        #expect(headers["Message-ID"] == "<\(EmailMessage.messageID(key: AlertFixtures.digest.key, from: Self.from))>")
        #expect(headers["Date"] == "Tue, 30 Jul 2024 18:04:00 +0000")
        #expect(headers["MIME-Version"] == "1.0")
        #expect(message["content_type"] as? String == "multipart/alternative")
        #expect((message["defects"] as? [String])?.isEmpty == true)
        #expect((message["max_line_octets"] as? Int ?? 999) <= 998)
        #expect(message["bare_lf"] as? Bool == false)
        let parts = try #require(message["parts"] as? [[String: Any]])
        #expect(parts.map { $0["content_type"] as? String } == ["text/plain", "text/html"])
        #expect(parts.allSatisfy { $0["charset"] as? String == "utf-8" && $0["transfer_encoding"] as? String == "quoted-printable" })
        let text = parts[0]["text"] as? String ?? ""
        #expect(text.contains("Zeitung für Köln"))
        #expect(text.contains("«no ships will pass»"))
        #expect((parts[1]["text"] as? String ?? "").contains("&lt;in a statement&gt;"))
    }

    @Test func starttlsRequiredFailsClearlyAgainstAPlaintextServer() async throws {
        let server = try await SMTPServer.start(.init(starttls: false))
        defer { server.stop() }
        let (email, client) = sender(SMTPConfiguration(url: server.url(), tls: .required))
        defer { client.shutdown() }
        let outcome = await email.send(AlertFixtures.single, to: Self.to)
        guard case .permanent(_, let error) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(error.contains("does not offer STARTTLS"))
        #expect(error.contains("nothing was sent"))
        #expect(try server.messages().isEmpty)
    }

    @Test func plaintextLoopbackRelayWhenConfigured() async throws {
        let server = try await SMTPServer.start(.init(starttls: false))
        defer { server.stop() }
        let (email, client) = sender(SMTPConfiguration(url: server.url(), tls: .none))
        defer { client.shutdown() }
        #expect(await email.send(AlertFixtures.single, to: Self.to) == .delivered(status: 250))
        #expect(try server.messages().first?["tls"] as? Bool == false)
    }

    @Test func wrongPasswordIsReported() async throws {
        let server = try await SMTPServer.start(.init(starttls: true, auth: (user: "newsalert", password: "right")))
        defer { server.stop() }
        let (email, client) = sender(SMTPConfiguration(url: server.url(), tls: .required, username: "newsalert", password: "wrong", caFile: server.certificate))
        defer { client.shutdown() }
        let outcome = await email.send(AlertFixtures.single, to: Self.to)
        guard case .permanent(535, let error) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(error.contains("login refused"))
        #expect(try server.messages().isEmpty)
    }

    @Test func untrustedCertificateNamesCAFile() async throws {
        let server = try await SMTPServer.start(.init(starttls: true))
        defer { server.stop() }
        let (email, client) = sender(SMTPConfiguration(url: server.url(), tls: .required))
        defer { client.shutdown() }
        let outcome = await email.send(AlertFixtures.single, to: Self.to)
        #expect(outcome.error?.contains("smtp.ca_file") == true, "got \(outcome)")
        #expect(try server.messages().isEmpty)
    }

    static let configs: [(String, SMTPTLSMode, Bool)] = [
        ("smtp://mail.example.org:587", .required, true),
        ("smtps://mail.example.org:465", .implicit, true),
        ("smtp://127.0.0.1:25", .none, true),
        ("smtp://localhost:25", .none, true),
        ("smtp://mail.example.org:25", .none, false),
        ("smtps://mail.example.org:465", .required, false),
        ("smtp://mail.example.org:587", .implicit, false),
        ("http://mail.example.org", .required, false),
        ("not a url", .required, false),
    ]

    @Test(arguments: configs)
    func configValidation(_ url: String, _ tls: SMTPTLSMode, _ valid: Bool) {
        let result = Result { () throws(DeliveryError) in try EmailSender.validate(SMTPConfiguration(url: url, tls: tls)) }
        #expect((try? result.get()) != nil ? valid : !valid)
    }
}
