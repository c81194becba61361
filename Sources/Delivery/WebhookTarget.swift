import Foundation

/// One webhook channel: where to POST, in which format, signed with which secret.
public struct WebhookTarget: Sendable {
    public var url: String
    public var format: WebhookBodyFormat
    /// Nil sends unsigned (e.g. Slack and Discord, which do not verify); native targets
    /// should have one.
    public var secret: WebhookSecret?

    public init(url: String, format: WebhookBodyFormat = .native, secret: WebhookSecret? = nil) {
        self.url = url
        self.format = format
        self.secret = secret
    }
}
