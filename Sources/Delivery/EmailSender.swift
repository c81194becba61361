import Curl
import Foundation

/// Delivers alerts by email: composes the message from the templates and sends it over
/// SMTP through libcurl.
public struct EmailSender: Sendable {
    public let client: SMTPClient
    public let composer: EmailComposer

    public init(client: SMTPClient, composer: EmailComposer) {
        self.client = client
        self.composer = composer
    }

    /// Checks the `smtp:` settings before anything is sent: the scheme must match the TLS
    /// mode, and plaintext (`tls: none`) is only for a relay on loopback.
    public static func validate(_ configuration: SMTPConfiguration) throws(DeliveryError) {
        guard let components = URLComponents(string: configuration.url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw DeliveryError(.config, "smtp.url '\(configuration.url)' is not a URL; write smtp://host:587 or smtps://host:465")
        }
        switch (scheme, configuration.tls) {
        case ("smtps", .implicit), ("smtp", .required), ("smtp", .none): break
        case ("smtps", _):
            throw DeliveryError(.config, "smtp.url uses smtps:// (TLS from the start) but smtp.tls is \(configuration.tls.rawValue); set tls: implicit")
        case ("smtp", .implicit):
            throw DeliveryError(.config, "smtp.tls is implicit but smtp.url uses smtp://; use smtps://host:465, or tls: required for STARTTLS")
        default:
            throw DeliveryError(.config, "smtp.url scheme '\(scheme)' is not smtp or smtps")
        }
        if configuration.tls == .none {
            let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
            guard loopback else {
                throw DeliveryError(.config, "smtp.tls: none sends mail and passwords in plaintext; it is allowed only for a relay on loopback, not \(host). Use tls: required")
            }
        }
    }

    public func send(_ content: AlertContent, to recipient: Mailbox, now: Date = Date()) async -> DeliveryOutcome {
        let message = composer.compose(content, to: recipient, date: now)
        let result = await client.send(from: composer.from.address, to: [recipient.address], message: message.rendered())
        if result.accepted { return .delivered(status: result.replyCode) }
        let error = "delivery: email to \(recipient.address): " + result.message(url: client.configuration.url)
        let status = result.replyCode > 0 ? result.replyCode : nil
        return result.isPermanent ? .permanent(status: status, error: error) : .retry(status: status, error: error, retryAfter: nil)
    }
}
