import Curl
import Foundation

/// Delivers alerts to webhooks through the shared libcurl client: builds the body, signs it
/// (Standard Webhooks), refuses internal addresses at connect time, and classifies the answer.
public struct WebhookSender: Sendable {
    public let client: HTTPClient
    public let addressGuard: AddressGuard
    public let timeout: Duration

    public init(client: HTTPClient, addressGuard: AddressGuard = AddressGuard(), timeout: Duration = .seconds(15)) {
        self.client = client
        self.addressGuard = addressGuard
        self.timeout = timeout
    }

    /// The Standard Webhooks message id for an alert: stable across retries and restarts.
    public static func messageID(for content: AlertContent) -> String {
        "msg_newsalert_" + content.key
    }

    /// Sends one alert; never throws: every failure is an outcome the worker records.
    public func send(_ content: AlertContent, to target: WebhookTarget, now: Date = Date()) async -> DeliveryOutcome {
        let body = WebhookPayload.body(for: content, format: target.format)
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let secret = target.secret {
            let signer = WebhookSigner(secret: secret)
            let timestamp = Int64(now.timeIntervalSince1970)
            headers += signer.headers(id: Self.messageID(for: content), timestamp: timestamp, body: body).map { ($0.name, $0.value) }
        } else {
            headers.append(("webhook-id", Self.messageID(for: content)))
        }
        let guardian = addressGuard
        let request = PostRequest(
            url: target.url, headers: headers, body: body,
            keepResponseBytes: WebhookOutcomeClassifier.bodyExcerptLimit, timeout: timeout,
            allowedAddress: { address in guardian.refusal(for: address) == nil }
        )
        let result = await client.post(request)
        return Self.outcome(result, url: target.url, guard: guardian, now: now)
    }

    static func outcome(_ result: PostResult, url: String, guard guardian: AddressGuard, now: Date) -> DeliveryOutcome {
        guard let failure = result.failure else {
            return WebhookOutcomeClassifier.classify(
                url: url, status: result.status, headers: result.headers.fields.map { ($0.name, $0.value) },
                body: result.bodyPrefix, now: now
            )
        }
        switch failure {
        case .addressRefused(let detail):
            return .permanent(status: nil, error: "delivery: webhook \(url): refused to connect to \(detail), an internal address; if this target is meant to be reachable, add its block to webhooks.allow_private in the config")
        case .cancelled:
            return .retry(status: nil, error: "webhook \(url): cancelled by shutdown", retryAfter: nil)
        default:
            return .retry(status: nil, error: "delivery: webhook " + result.message, retryAfter: nil)
        }
    }
}
