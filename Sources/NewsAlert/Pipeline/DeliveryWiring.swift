import Curl
import Delivery
import Foundation
import Logging
import Rules
import Store

/// Connects the outbox to the channels: owners' channels come from their rules files
/// (read at delivery time, so a reloaded file applies at once), transports from the config.
extension Pipeline {
    /// Alerts past this many an hour per owner and channel roll into the next digest.
    static let defaultRateCap = RateCap(limit: 30, per: 3600)

    static func makeDeliveryWorker(
        config: Config, client: HTTPClient, store: Store, rules: RuleLibrary, logger: Logger
    ) -> DeliveryWorker {
        var addressGuard = AddressGuard()
        do {
            addressGuard = try AddressGuard(allowPrivate: config.webhooks.allowPrivate)
        } catch {
            logger.error("config: webhooks.allow_private: \(error); no private address is allowed")
        }
        // Webhooks get their own transfer pool: sharing the feeds' connections, an alert waited
        // behind a burst of feed transfers (PipelineBench). Freed with the pipeline (deinit).
        let webhooks = WebhookSender(client: HTTPClient(configuration: httpConfiguration(config.http)), addressGuard: addressGuard)
        var email: EmailSender?
        var emailProblem = "no smtp relay is configured; add an smtp: section to the config"
        if let smtp = config.smtp {
            switch makeEmailSender(smtp, templates: config.templates) {
            case let .success(sender): email = sender
            case let .failure(error):
                emailProblem = error.description
                logger.error("\(error)")
            }
        }
        let unavailable = email == nil ? emailProblem : nil
        let resolve: ChannelResolver = { owner, name in
            resolveChannel(owner: owner, name: name, book: rules.book, emailProblem: unavailable)
        }
        var settings = DeliveryWorker.Settings()
        settings.lease = config.deliveryLease
        return DeliveryWorker(store: store, sender: ChannelSenders(webhooks: webhooks, email: email),
                              resolve: resolve, settings: settings, logger: logger)
    }

    static func makeEmailSender(_ smtp: SMTPSettings, templates: String?) -> Result<EmailSender, DeliveryError> {
        do throws(DeliveryError) {
            var password: String?
            if let env = smtp.passwordEnv { password = try Secrets.read(.environment(env)) }
            if let file = smtp.passwordFile { password = try Secrets.read(.file(file)) }
            let tls: SMTPTLSMode = switch smtp.tls {
            case .required: .required
            case .implicit: .implicit
            case .none: .none
            }
            let configuration = SMTPConfiguration(url: smtp.url, tls: tls, username: smtp.username, password: password, caFile: smtp.caFile)
            try EmailSender.validate(configuration)
            let composer = EmailComposer(from: try Mailbox(parsing: smtp.from), templates: try MessageTemplates.load(directory: templates))
            return .success(EmailSender(client: SMTPClient(configuration: configuration), composer: composer))
        } catch {
            return .failure(error)
        }
    }

    /// One owner's channel as delivery needs it; every failure names the owner and channel.
    static func resolveChannel(owner: String, name: String, book: RuleBook, emailProblem: String?) -> Result<ResolvedChannel, DeliveryError> {
        guard let rules = book.owner(owner) else {
            return .failure(.configuration("owner '\(owner)' has no valid rules file any more; fix or restore it, then `newsalert alerts retry --failed`"))
        }
        guard let channel = rules.channel(name) else {
            return .failure(.configuration("\(rules.file): owner '\(owner)' has no channel '\(name)' any more"))
        }
        let policy = ChannelPolicy(
            timeZone: rules.timeZone,
            quietHours: rules.quietHours.map { QuietPeriod(startMinute: $0.start, endMinute: $0.end) },
            rateCap: defaultRateCap)
        switch channel.kind {
        case let .email(address):
            if let emailProblem { return .failure(.configuration("\(owner)/\(name): \(emailProblem)")) }
            do {
                return .success(ResolvedChannel(transport: .email(try Mailbox(parsing: address)), policy: policy))
            } catch {
                return .failure(error)
            }
        case let .webhook(url, secretSource, format):
            do {
                let secret: WebhookSecret? = switch secretSource {
                case .none: nil
                case let .environment(n): try WebhookSecret(parsing: Secrets.read(.environment(n)))
                case let .file(p): try WebhookSecret(parsing: Secrets.read(.file(p)))
                case let .credential(n): try WebhookSecret(parsing: Secrets.read(.credential(n)))
                case let .inline(s): try WebhookSecret(parsing: s)
                }
                let body: WebhookBodyFormat = switch format {
                case .standard: .native
                case .slack: .slack
                case .discord: .discord
                }
                return .success(ResolvedChannel(transport: .webhook(WebhookTarget(url: url, format: body, secret: secret)), policy: policy))
            } catch {
                return .failure(error)
            }
        }
    }
}
