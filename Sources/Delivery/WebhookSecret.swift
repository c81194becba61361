import Foundation

/// The key a webhook is signed with.
///
/// Standard Webhooks ("Signature scheme") gives secrets as `whsec_` + base64 of the key
/// bytes, and the HMAC key is the *decoded* bytes; that is what every Standard Webhooks
/// library expects, so such a secret is decoded. A secret without the prefix is taken as
/// raw key bytes (its UTF-8), for receivers that were set up with a plain shared string
/// (they must then verify with the same raw bytes).
public struct WebhookSecret: Sendable, Equatable {
    public let keyBytes: [UInt8]

    public init(keyBytes: [UInt8]) {
        self.keyBytes = keyBytes
    }

    /// Parses a secret as read from env, file or systemd credential; surrounding whitespace
    /// (a trailing newline in a file) is dropped.
    public init(parsing text: String) throws(DeliveryError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw DeliveryError(.secret, "webhook secret is empty; set it in the env variable or file the channel names")
        }
        if trimmed.hasPrefix("whsec_") {
            let encoded = String(trimmed.dropFirst("whsec_".count))
            guard let data = Data(base64Encoded: encoded), !data.isEmpty else {
                throw DeliveryError(
                    .secret,
                    "webhook secret starts with whsec_ but the rest is not valid base64; give 'whsec_' + base64 of the key bytes, or a raw secret without the prefix"
                )
            }
            keyBytes = Array(data)
        } else {
            keyBytes = Array(trimmed.utf8)
        }
    }

    /// The secret in the spec's form, e.g. to print for a receiver's configuration.
    public var standardForm: String {
        "whsec_" + Data(keyBytes).base64EncodedString()
    }
}
