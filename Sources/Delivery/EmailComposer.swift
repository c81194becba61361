import Foundation

/// Turns an alert into the email that goes out: templates rendered, headers set.
public struct EmailComposer: Sendable {
    public let from: Mailbox
    public let templates: MessageTemplates

    public init(from: Mailbox, templates: MessageTemplates = .builtIn()) {
        self.from = from
        self.templates = templates
    }

    public func compose(_ content: AlertContent, to recipient: Mailbox, date: Date) -> EmailMessage {
        let parts = templates.render(content)
        return EmailMessage(
            from: from, to: [recipient], subject: parts.subject, text: parts.text, html: parts.html,
            date: date, messageID: EmailMessage.messageID(key: content.key, from: from)
        )
    }
}
