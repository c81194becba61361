import Delivery
import Foundation
import Logging
import Store

/// `newsalert demo`: an offline walkthrough (issue 8, "The first run"). It serves the bundled
/// feeds on loopback, runs the real pipeline with a real rules file against a webhook sink and
/// an SMTP sink, and narrates each step. Every step is checked; the first that does not do
/// what the walkthrough says stops it with a `DemoError` naming the step.
public struct DemoRunner: Sendable {
    /// Where to write the config, rules and database and leave them; nil uses a temporary
    /// directory that is removed afterwards.
    public var keep: String?
    public var logger: Logger
    public var output: @Sendable (String) -> Void

    public init(keep: String? = nil, logger: Logger, output: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.keep = keep
        self.logger = logger
        self.output = output
    }

    /// What the walkthrough saw, for callers that check it (tests) rather than read it.
    public struct Result: Sendable {
        public var directory: String
        public var firstPoll: Pipeline.CycleReport
        public var delivery: DeliveryRunSummary
        public var secondPoll: Pipeline.CycleReport
        public var secondDelivery: DeliveryRunSummary
        public var alerts: [AlertRecord]
        public var clusters: [ClusterSummary]
        public var webhooks: [ReceivedWebhook]
        public var emails: [ReceivedEmail]
        /// HTTP statuses the feed server answered to the second poll, by path.
        public var secondPollStatuses: [String: Int]
    }

    public func run() async throws -> Result {
        let started = Date()
        let directory = try prepareDirectory()
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }

        // Two sites, as in life: the wire's and the aggregator's. The aggregator republishes
        // the wire's story, so its feed is answered once the wire's poll is stored: the wire
        // story leads the cluster and the copy joins it.
        let now = Date()
        let opened = StoreBox()
        let wire = try DemoFeedServer(documents: [
            "/world.rss": ("application/rss+xml; charset=utf-8", DemoFixtures.wireFeed(now: now)),
        ])
        defer { wire.stop() }
        let aggregator = try DemoFeedServer(documents: [
            "/top-stories.xml": ("application/rss+xml; charset=utf-8", DemoFixtures.aggregatorFeed(now: now)),
        ], holdUntil: ["/top-stories.xml": { opened.wirePolled }])
        defer { aggregator.stop() }
        let hooks = try DemoWebhookSink()
        defer { hooks.stop() }
        let mail = try DemoSMTPSink()
        defer { mail.stop() }
        let hits = { wire.hits + aggregator.hits }

        let secret = WebhookSecret(keyBytes: (0..<24).map { _ in UInt8.random(in: 0...255) })
        let secretFile = directory + "/webhook-secret"
        try write(secret.standardForm, to: secretFile)
        chmod(secretFile, 0o600)
        let webhookURL = hooks.url("/hooks/\(DemoFixtures.owner)")
        let rulesText = DemoFixtures.rules(webhookURL: webhookURL, secretFile: secretFile)
        let configText = Self.configText(directory: directory, smtp: mail.url, wire: wire.url("/world.rss"), aggregator: aggregator.url("/top-stories.xml"))
        try write(rulesText, to: directory + "/rules/\(DemoFixtures.owner).yaml")
        try write(configText, to: directory + "/config.yaml")

        let say = DemoNarration(output: output)
        say.intro(directory: directory, feeds: [wire.url("/"), aggregator.url("/")], webhook: webhookURL, smtp: mail.url, kept: keep != nil)
        say.rules(rulesText)

        let config: Config
        do {
            config = try ConfigLoader.parse(configText, path: directory + "/config.yaml", origin: "newsalert demo")
        } catch {
            throw DemoError("demo: step 1 (config): the generated config does not load:\n\(error)")
        }
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline(config: config, logger: logger)
        } catch {
            throw DemoError("demo: step 1 (pipeline): cannot open the pipeline in \(directory): \(error)")
        }
        defer { pipeline.client.shutdown() }
        opened.store = pipeline.store
        if let problem = pipeline.rules.diagnostics.first {
            throw DemoError("demo: step 2 (rules): the bundled rules file does not load: \(problem.description)")
        }

        // Step 3 and 4: the first poll, and what it made of the stories.
        let first = await pipeline.pollDue(all: true)
        let firstHits = hits()
        let clusters = try pipeline.store.clusters(since: .distantPast)
        say.firstPoll(first, hits: firstHits, clusters: clusters, sources: config.sources.map { ($0.name, $0.url) })
        guard first.failed == 0, first.polled == 2 else {
            throw DemoError("demo: step 3 (first poll): \(first.failed) of \(first.polled) sources failed; run with NEWSALERT_LOG_LEVEL=debug to see why")
        }
        say.clusters(clusters)
        guard let strike = clusters.first(where: { $0.stories.count > 1 }), strike.stories.map(\.source) == ["wire", "aggregator"] else {
            throw DemoError("demo: step 4 (clusters): the aggregator's copy did not fold into the wire story (\(clusters.count) clusters, sizes \(clusters.map(\.stories.count)))")
        }

        // Step 5: the match.
        let alerts = try pipeline.store.alerts()
        say.match(alerts, storiesChecked: first.newStories)
        guard Set(alerts.map(\.clusterID)) == [strike.id], Set(alerts.map(\.channel)) == ["ops", "inbox"], alerts.count == 2,
              alerts.allSatisfy({ $0.story?.source == "wire" && $0.alsoReportedBy.map(\.source) == ["aggregator"] }) else {
            throw DemoError("demo: step 5 (match): expected the strike story to match iraq-strikes once per channel (ops, inbox); got \(alerts.map { "\($0.rule)→\($0.channel) on \($0.story?.source ?? "?")'s story, also reported by \($0.alsoReportedBy.map(\.source))" })")
        }

        // Step 6: delivery to the sinks.
        let delivered = try await pipeline.delivery.deliverDue()
        let webhooks = hooks.received
        let emails = mail.received
        guard delivered.delivered == 2, webhooks.count == 1, emails.count == 1 else {
            let errors = try pipeline.store.alerts().compactMap(\.lastError)
            throw DemoError("demo: step 6 (delivery): \(delivered.delivered) of 2 messages delivered; the webhook sink got \(webhooks.count), the SMTP sink \(emails.count)\(errors.isEmpty ? "" : ": " + errors.joined(separator: "; "))")
        }
        let verified = Self.verify(webhooks[0], secret: secret)
        say.webhook(webhooks[0], verified: verified)
        guard verified else {
            throw DemoError("demo: step 6 (delivery): the webhook's signature does not verify with the secret in \(secretFile)")
        }
        say.email(emails[0])

        // Step 7: nothing changed, so nothing new.
        let second = await pipeline.pollDue(all: true)
        let secondDelivery = try await pipeline.delivery.deliverDue()
        let secondHits = hits().filter { hit in !firstHits.contains(hit) }
        let statuses = Dictionary(secondHits.map { ($0.path, $0.status) }, uniquingKeysWith: { _, b in b })
        say.secondPoll(second, hits: secondHits, webhooks: hooks.received.count, emails: mail.received.count)
        guard second.failed == 0, second.newStories == 0, second.alerts == 0, secondDelivery.claimed == 0,
              hooks.received.count == 1, mail.received.count == 1 else {
            throw DemoError("demo: step 7 (second poll): expected no new story and no new alert; got \(second.newStories) new stories, \(second.alerts) alerts, \(secondDelivery.claimed) messages")
        }
        say.done(directory: directory, kept: keep != nil, seconds: Date().timeIntervalSince(started))

        return Result(directory: directory, firstPoll: first, delivery: delivered, secondPoll: second, secondDelivery: secondDelivery,
                      alerts: try pipeline.store.alerts(), clusters: clusters, webhooks: hooks.received, emails: mail.received,
                      secondPollStatuses: statuses)
    }

    /// Standard Webhooks verification, as a receiver does it: HMAC-SHA256 over
    /// `{webhook-id}.{webhook-timestamp}.{body}` with the shared secret, one of the `v1,` values.
    static func verify(_ hook: ReceivedWebhook, secret: WebhookSecret) -> Bool {
        guard let id = hook.header("webhook-id"), let timestamp = hook.header("webhook-timestamp").flatMap({ Int64($0) }),
              let signatures = hook.header("webhook-signature") else { return false }
        let expected = WebhookSigner(secret: secret).signature(id: id, timestamp: timestamp, body: hook.body)
        return signatures.split(separator: " ").contains { $0 == expected }
    }

    /// The pipeline's store, once open, for the feed server's hold on the aggregator feed.
    final class StoreBox: @unchecked Sendable {
        private let lock = NSLock()
        private var opened: Store?

        var store: Store? {
            get { lock.withLock { opened } }
            set { lock.withLock { opened = newValue } }
        }

        var wirePolled: Bool {
            (try? store?.sources())??.contains { $0.name == "wire" && $0.lastStatus != nil } ?? false
        }
    }

    static func configText(directory: String, smtp: String, wire: String, aggregator: String) -> String {
        """
        # Written by `newsalert demo`: everything on 127.0.0.1, nothing leaves this machine.
        database: \(directory)/newsalert.db
        rules: \(directory)/rules
        listen: "off"
        smtp:
          url: \(smtp)
          tls: none
          from: "newsalert demo <alerts@demo.localhost>"
        webhooks: { allow_private: [127.0.0.1/32] }
        sources:
          - { name: wire, url: "\(wire)" }
          - { name: aggregator, url: "\(aggregator)" }
        """
    }

    private func prepareDirectory() throws -> String {
        let path = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("newsalert-demo-\(UUID().uuidString.prefix(8))").path
        if let keep, let existing = try? FileManager.default.contentsOfDirectory(atPath: keep), !existing.isEmpty {
            throw DemoError("demo: --keep \(keep): the directory is not empty; name a new or empty directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: path + "/rules", withIntermediateDirectories: true)
        } catch {
            throw DemoError("demo: cannot create \(path): \(error.localizedDescription)")
        }
        return path
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw DemoError("demo: cannot write \(path): \(error.localizedDescription)")
        }
    }
}
