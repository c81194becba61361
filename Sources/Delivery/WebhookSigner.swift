import Crypto
import Foundation

/// Standard Webhooks signing (https://www.standardwebhooks.com, "Signature scheme"):
/// `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`.
public struct WebhookSigner: Sendable {
    public let secret: WebhookSecret
    private let key: SymmetricKey

    public init(secret: WebhookSecret) {
        self.secret = secret
        self.key = SymmetricKey(data: secret.keyBytes)
    }

    /// The signature value for one message, `v1,` + base64.
    public func signature(id: String, timestamp: Int64, body: [UInt8]) -> String {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array("\(id).\(timestamp).".utf8))
        hmac.update(data: body)
        return "v1," + Data(hmac.finalize()).base64EncodedString()
    }

    /// The three headers in the order the spec lists them.
    public func headers(id: String, timestamp: Int64, body: [UInt8]) -> [(name: String, value: String)] {
        [
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", signature(id: id, timestamp: timestamp, body: body)),
        ]
    }
}
