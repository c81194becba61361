import Foundation

/// The real ``ChannelSender``: webhooks and email over libcurl. A process without an
/// `smtp:` section has no email sender; an email channel then fails visibly, saying so.
public struct ChannelSenders: ChannelSender {
    public let webhooks: WebhookSender
    public let email: EmailSender?

    public init(webhooks: WebhookSender, email: EmailSender?) {
        self.webhooks = webhooks
        self.email = email
    }

    public func send(_ content: AlertContent, via channel: ResolvedChannel, now: Date) async -> DeliveryOutcome {
        switch channel.transport {
        case .webhook(let target):
            return await webhooks.send(content, to: target, now: now)
        case .email(let mailbox):
            guard let email else {
                return .permanent(status: nil, error: "delivery: no smtp: section in the config; add one to send email to \(mailbox.address)")
            }
            return await email.send(content, to: mailbox, now: now)
        }
    }
}
