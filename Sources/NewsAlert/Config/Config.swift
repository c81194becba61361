import Foundation

/// The service's configuration (`/etc/newsalert/config.yaml`, README "Configuration").
public struct Config: Sendable, Equatable {
    /// SQLite file; nil means `$STATE_DIRECTORY/newsalert.db`, else `./var/newsalert.db`.
    public var database: String?
    /// A directory of rules files (`*.yaml`), or one file.
    public var rules: String
    /// `host:port` of the health/metrics/WebSub endpoint; nil when `off`.
    public var listen: String?
    public var http: HTTPSettings
    public var smtp: SMTPSettings?
    public var webhooks: WebhookSettings
    /// A directory with `subject.mustache`, `text.mustache` and/or `html.mustache` that replace
    /// the built-in email templates; nil uses the built-in ones.
    public var templates: String?
    /// How long a claimed alert is reserved for the worker sending it. After a crash, alerts
    /// that were in flight are sent again (same webhook-id / Message-ID) once this passes.
    public var deliveryLease: Double = 120
    /// When the pipeline tells owners about failing sources and channels.
    public var notices = NoticeSettings()
    public var retentionDays: Int
    /// WebSub push subscriptions; nil (off) unless `websub: { callback_base: … }` is set.
    public var websub: WebSubSettings?
    public var sources: [SourceConfig]
    /// Where the config came from (a path, or "embedded default").
    public var origin: String

    public init(
        database: String? = nil, rules: String = "./rules", listen: String? = "127.0.0.1:9464",
        http: HTTPSettings = HTTPSettings(), smtp: SMTPSettings? = nil,
        webhooks: WebhookSettings = WebhookSettings(), templates: String? = nil, retentionDays: Int = 30,
        sources: [SourceConfig] = [], origin: String = "embedded default"
    ) {
        self.database = database
        self.rules = rules
        self.listen = listen
        self.http = http
        self.smtp = smtp
        self.webhooks = webhooks
        self.templates = templates
        self.retentionDays = retentionDays
        self.sources = sources
        self.origin = origin
    }
}

public struct HTTPSettings: Sendable, Equatable {
    public var userAgent: String = "newsalert/0.1 (self-hosted news alerts)"
    /// Total time for one transfer, in seconds.
    public var timeout: Double = 20
    /// Largest body accepted, in bytes (after decompression).
    public var maxBody: Int = 10 * 1024 * 1024
    /// Transfers in flight at once, across all hosts.
    public var maxConcurrency: Int = 32
    /// Transfers in flight at once per registrable domain.
    public var perDomain: Int = 2

    public init() {}
}

public struct SMTPSettings: Sendable, Equatable {
    public enum TLS: String, Sendable, Equatable, CaseIterable {
        /// `smtp://` with STARTTLS; refuse to send if the server does not offer it.
        case required
        /// `smtps://`: TLS from the first byte.
        case implicit
        /// Plain text; only for a relay on loopback.
        case none
    }

    public var url: String
    public var tls: TLS = .required
    public var username: String?
    public var passwordFile: String?
    public var passwordEnv: String?
    public var from: String
    public var caFile: String?

    public init(url: String, from: String) {
        self.url = url
        self.from = from
    }
}

public struct WebhookSettings: Sendable, Equatable {
    /// CIDRs that webhook targets may reach although they are private or loopback.
    public var allowPrivate: [String] = []
    public init() {}
}

/// One news source to poll.
public struct SourceConfig: Sendable, Equatable {
    public var name: String
    public var url: String
    /// Poll interval in seconds (default 10 min, minimum 1 min).
    public var every: Double
    /// Fetch each new item's page and extract the article before matching.
    public var fullText: Bool
    /// Region assumed when a story names no place (e.g. `IQ` for an outlet in Iraq).
    public var region: String?

    public init(name: String, url: String, every: Double = 600, fullText: Bool = false, region: String? = nil) {
        self.name = name
        self.url = url
        self.every = every
        self.fullText = fullText
        self.region = region
    }
}
