import Curl
import Delivery
import Feeds
import Foundation
import Geo
import Logging
import Rules
import Store

/// fetch → parse → regions → store and dedup → match → outbox, for every due source.
/// Built once from the config; `run` calls `pollDue` on a timer, `poll --once` once.
public final class Pipeline: Sendable {
    public let config: Config
    public let client: HTTPClient
    public let store: Store
    public let rules: RuleLibrary
    public let delivery: DeliveryWorker
    public let metrics: PipelineMetrics
    /// WebSub subscriptions; nil while `websub:` is not configured.
    public let websub: WebSubCoordinator?
    let detector: PlaceDetector
    let limiter: DomainLimiter
    let gate: PollGate
    /// Where polls parse, locate and store, off the cooperative threads (see ``WorkThreads``).
    let work: WorkThreads
    let logger: Logger
    let clock: @Sendable () -> Date

    public init(config: Config, logger: Logger, metrics: PipelineMetrics = PipelineMetrics(),
                clock: @escaping @Sendable () -> Date = Date.init) throws {
        self.config = config
        self.metrics = metrics
        self.logger = logger
        self.clock = clock
        client = HTTPClient(configuration: Self.httpConfiguration(config.http))
        store = try Store(path: Store.defaultPath(configured: config.database))
        rules = RuleLibrary(path: config.rules, regions: GazetteerRegions())
        rules.reload()
        delivery = Self.makeDeliveryWorker(config: config, client: client, store: store, rules: rules, logger: logger)
        detector = PlaceDetector()
        if let settings = config.websub {
            websub = WebSubCoordinator(settings: settings, store: store, client: client, logger: logger,
                                       timeout: .milliseconds(Int64(config.http.timeout * 1000)), clock: clock)
        } else {
            websub = nil
        }
        limiter = DomainLimiter(perDomain: config.http.perDomain, global: config.http.maxConcurrency)
        let workers = max(2, ProcessInfo.processInfo.activeProcessorCount)
        gate = PollGate(capacity: config.http.maxConcurrency, workers: workers)
        work = WorkThreads(count: workers)
        try store.upsertSources(config.sources.map { SourceSpec(name: $0.name, url: $0.url, region: $0.region) }, now: clock(), deactivateOthers: true)
        for d in rules.diagnostics {
            logger.error("rules: \(d.description)", metadata: ["rules.file": "\(d.location.file)"])
        }
    }

    static func httpConfiguration(_ h: HTTPSettings) -> HTTPClientConfiguration {
        HTTPClientConfiguration(
            userAgent: h.userAgent, timeout: .milliseconds(Int64(h.timeout * 1000)),
            maxBodyBytes: h.maxBody, maxConnections: h.maxConcurrency, maxConnectionsPerHost: h.perDomain)
    }

    /// What one cycle did, for logs and the command line.
    public struct CycleReport: Sendable {
        public var polled = 0
        public var failed = 0
        public var newStories = 0
        public var alerts = 0
        /// What delivery sent while the cycle ran (`pollDue(deliver: true)`); empty otherwise.
        public var delivery = DeliveryRunSummary()
    }

    /// Polls every source that is due (or every source, with `all`), concurrently under the
    /// politeness limits. A failing source is recorded and logged; it never stops the others.
    ///
    /// With `deliver`, the outbox is worked alongside: each source that enqueued alerts wakes
    /// one delivery pass, so an alert leaves within a moment of its fetch instead of after the
    /// whole cycle (issue 8: "alerts within seconds of a fetch"; PipelineBench measures it).
    public func pollDue(all: Bool = false, deliver: Bool = false) async -> CycleReport {
        let now = clock()
        let due: [SourceState]
        do {
            due = all ? try store.sources().filter { !$0.gone } : try store.claimDueSources(now: now, limit: 1000)
        } catch {
            logger.error("store: cannot read sources: \(error)")
            return CycleReport()
        }
        let configured = Dictionary(config.sources.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        async let deliveries = deliver ? deliverWhileWoken(wakeups) : DeliveryRunSummary()
        var report = await withTaskGroup(of: SourceReport.self, returning: CycleReport.self) { group in
            for source in due {
                guard let sourceConfig = configured[source.name] else { continue }
                group.addTask { await self.gate.withSlot { ticket in await self.poll(source, config: sourceConfig, ticket: ticket) } }
            }
            var report = CycleReport()
            for await r in group {
                report.polled += 1
                report.failed += r.failed ? 1 : 0
                report.newStories += r.newStories
                report.alerts += r.alerts
                if r.alerts > 0 { wake.yield() }
            }
            return report
        }
        wake.finish()
        report.delivery = await deliveries
        return report
    }

    /// One delivery pass per wake-up until the cycle ends. Wake-ups that arrive during a pass
    /// fold into one more pass after it, so the last source's alerts are never left behind.
    private func deliverWhileWoken(_ wakeups: AsyncStream<Void>) async -> DeliveryRunSummary {
        var total = DeliveryRunSummary()
        for await _ in wakeups {
            do {
                var pass: DeliveryRunSummary
                repeat {  // a full batch may leave more due alerts behind it
                    pass = try await delivery.deliverDue()
                    add(pass, to: &total)
                } while pass.claimed >= delivery.settings.batchSize
            } catch {
                logger.error("delivery: \(error)")
            }
        }
        return total
    }

    private func add(_ pass: DeliveryRunSummary, to total: inout DeliveryRunSummary) {
        total = total + pass
        metrics.delivered(outcome: "delivered", count: pass.delivered)
        metrics.delivered(outcome: "retry", count: pass.retrying)
        metrics.delivered(outcome: "failed", count: pass.failed)
        metrics.delivered(outcome: "held", count: pass.held)
    }

    struct SourceReport: Sendable {
        var failed = false
        var newStories = 0
        var alerts = 0
    }
}
