import Curl
import Foundation
import Testing
import TestSupport
@testable import Delivery

/// Webhooks through the real libcurl client to a receiver that verifies signatures with the
/// independent `standardwebhooks` package.
@Suite(.serialized) struct WebhookTransportTests {
    static let secretText = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    private func withReceiver(_ body: (WebhookReceiver, WebhookSender) async throws -> Void) async throws {
        let receiver = try await WebhookReceiver.start(secret: Self.secretText)
        defer { receiver.stop() }
        let client = HTTPClient()
        defer { client.shutdown() }
        let sender = WebhookSender(client: client, addressGuard: try AddressGuard(allowPrivate: ["127.0.0.1/32"]), timeout: .seconds(2))
        try await body(receiver, sender)
    }

    @Test(arguments: WebhookBodyFormat.allCases)
    func signedDeliveryVerifiesWithStandardWebhooks(_ format: WebhookBodyFormat) async throws {
        try await withReceiver { receiver, sender in
            let target = WebhookTarget(url: receiver.url("/ok"), format: format, secret: try WebhookSecret(parsing: Self.secretText))
            let outcome = await sender.send(AlertFixtures.single, to: target)
            #expect(outcome == .delivered(status: 200))
            let requests = try receiver.requests()
            #expect(requests.count == 1)
            #expect(requests[0].verified, "standardwebhooks: \(requests[0].error ?? "")")
            #expect(requests[0].webhookID == "msg_newsalert_42")
            #expect(requests[0].contentType == "application/json")
            let sent = try JSONSerialization.jsonObject(with: Data(WebhookPayload.body(for: AlertFixtures.single, format: format)))
            let expected = String(decoding: try JSONSerialization.data(withJSONObject: sent, options: [.sortedKeys]), as: UTF8.self)
            #expect(requests[0].bodyJSON == expected)
        }
    }

    @Test func retriesKeepTheirWebhookID() async throws {
        try await withReceiver { receiver, sender in
            let target = WebhookTarget(url: receiver.url("/flaky"), secret: try WebhookSecret(parsing: Self.secretText))
            var outcomes: [DeliveryOutcome] = []
            for _ in 0..<3 { outcomes.append(await sender.send(AlertFixtures.digest, to: target)) }
            #expect(outcomes.map(\.status) == [500, 500, 200])
            let ids = Set(try receiver.requests().map(\.webhookID))
            #expect(ids == [WebhookSender.messageID(for: AlertFixtures.digest)])
        }
    }

    @Test func serverErrorIsRetriedWithTheBodyInTheError() async throws {
        try await withReceiver { receiver, sender in
            let outcome = await sender.send(AlertFixtures.single, to: WebhookTarget(url: receiver.url("/fail"), secret: try WebhookSecret(parsing: Self.secretText)))
            #expect(outcome == .retry(status: 500, error: "webhook \(receiver.url("/fail")): HTTP 500: internal error: database is down please retry", retryAfter: nil))
        }
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        try await withReceiver { receiver, sender in
            let outcome = await sender.send(AlertFixtures.single, to: WebhookTarget(url: receiver.url("/busy"), secret: try WebhookSecret(parsing: Self.secretText)))
            guard case .retry(429, _, let after) = outcome else { Issue.record("got \(outcome)"); return }
            #expect(after == 7)
        }
    }

    @Test func goneIsPermanent() async throws {
        try await withReceiver { receiver, sender in
            let outcome = await sender.send(AlertFixtures.single, to: WebhookTarget(url: receiver.url("/gone"), secret: try WebhookSecret(parsing: Self.secretText)))
            guard case .permanent(410, let error) = outcome else { Issue.record("got \(outcome)"); return }
            #expect(error.contains("this hook was deleted by its owner"))
            #expect(error.contains("update the channel in the rules file"))
        }
    }

    @Test func aWrongSecretIsRefusedByTheReceiver() async throws {
        try await withReceiver { receiver, sender in
            let outcome = await sender.send(AlertFixtures.single, to: WebhookTarget(url: receiver.url("/ok"), secret: try WebhookSecret(parsing: "whsec_" + Data("another key".utf8).base64EncodedString())))
            #expect(outcome.status == 401)
            #expect(try receiver.requests().first?.verified == false)
        }
    }

    @Test func aHangingReceiverTimesOutAndIsRetried() async throws {
        try await withReceiver { receiver, sender in
            let start = ContinuousClock.now
            let outcome = await sender.send(AlertFixtures.single, to: WebhookTarget(url: receiver.url("/hang"), secret: try WebhookSecret(parsing: Self.secretText)))
            guard case .retry(nil, let error, nil) = outcome else { Issue.record("got \(outcome)"); return }
            #expect(error.contains(receiver.url("/hang")))
            #expect(ContinuousClock.now - start < .seconds(10))
        }
    }

    /// `localhost` resolves to 127.0.0.1 (or ::1): the guard sees the address libcurl connects
    /// to, so the name does not get past it.
    @Test(arguments: ["localhost", "127.0.0.1"])
    func internalTargetsAreRefusedAtConnectTime(_ host: String) async throws {
        let receiver = try await WebhookReceiver.start(secret: Self.secretText)
        defer { receiver.stop() }
        let client = HTTPClient()
        defer { client.shutdown() }
        let sender = WebhookSender(client: client, addressGuard: AddressGuard())
        let outcome = await sender.send(AlertFixtures.single, to: WebhookTarget(url: receiver.url("/ok", host: host), secret: try WebhookSecret(parsing: Self.secretText)))
        guard case .permanent(nil, let error) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(error.contains("webhooks.allow_private"))
        #expect(try receiver.requests().isEmpty, "nothing reached the internal service")
    }
}
