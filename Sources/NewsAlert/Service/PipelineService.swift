import Foundation
import Logging
import ServiceLifecycle

/// The polling and delivery loop as a `Service`: one cycle a second (sources whose poll is
/// due, alerts that are due), rules files watched for changes, SIGHUP reloading config and
/// rules between cycles, systemd told READY / RELOADING / STOPPING / WATCHDOG. Ends on the
/// service group's graceful shutdown (SIGTERM, SIGINT) after the cycle in progress.
public final class PipelineService: Service, @unchecked Sendable {
    /// Replaced on a config reload; only the service's own task touches it.
    private var pipeline: Pipeline
    private let reloadConfig: @Sendable () throws -> Config
    private let logger: Logger
    private let notifier = SystemdNotifier()
    private let signals = SignalStream([SIGHUP])
    /// The WebSub callbacks for the HTTP endpoint; they follow the pipeline across reloads.
    public let webSubCallbacks: WebSubCallbacks

    public init(pipeline: Pipeline, logger: Logger, reloadConfig: @escaping @Sendable () throws -> Config) {
        self.pipeline = pipeline
        webSubCallbacks = WebSubCallbacks(pipeline: pipeline)
        self.logger = logger
        self.reloadConfig = reloadConfig
    }

    public func run() async throws {
        let watchdog = SystemdNotifier.watchdogInterval()
        var lastPing = ContinuousClock.now
        var lastNotices = ContinuousClock.now - .seconds(3600)
        var lastPrune = ContinuousClock.now - .seconds(86_400)
        loadDedupWindow()
        notifier.ready(status: "watching \(pipeline.config.sources.count) sources")
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await cycle()
            if ContinuousClock.now - lastNotices >= .seconds(60) {
                await pipeline.sendNotices()
                lastNotices = .now
            }
            if ContinuousClock.now - lastPrune >= .seconds(6 * 3600) {
                prune()
                lastPrune = .now
            }
            log(pipeline.rules.reloadIfChanged())
            if let watchdog, ContinuousClock.now - lastPing >= watchdog {
                notifier.watchdog()
                lastPing = .now
            }
            if await signals.next(timeout: .seconds(1)) == SIGHUP { reload() }
        }
        notifier.stopping()
        logger.notice("stopping: the cycle in progress finished; alerts not yet sent stay in the outbox")
        pipeline.client.shutdown()
    }

    /// Loads the near-duplicate window before the first poll, so its cost (a fraction of a
    /// second at a million stories) shows at start-up, not as the first poll's latency. A
    /// failure here is logged; the first poll loads the window again and reports its error.
    private func loadDedupWindow() {
        let started = ContinuousClock.now
        do {
            let stories = try pipeline.store.rebuildDedupWindow()
            let took = (ContinuousClock.now - started).components
            let elapsed = took.seconds * 1000 + took.attoseconds / 1_000_000_000_000_000
            logger.info("dedup window: \(stories) recent stories loaded in \(elapsed) ms; copies of a story are looked for within \(Int(pipeline.store.dedup.window / 3600)) h of it")
        } catch {
            logger.error("dedup window: \(error); polling starts anyway and the first poll loads the window again (if it fails too, the poll's error says why)")
        }
    }

    private func cycle() async {
        let started = ContinuousClock.now
        // Hub requests run beside the polls; neither waits for the other's slow hosts.
        let websub = pipeline.websub
        async let maintained = websub?.maintain()
        let report = await pipeline.pollDue(deliver: true)
        _ = await maintained
        if report.polled > 0 {
            logger.info("cycle: \(report.polled) polled, \(report.failed) failed, \(report.newStories) new stories, \(report.alerts) alerts")
        }
        do {
            let sent = try await pipeline.delivery.deliverDue()
            if sent.claimed > 0 {
                logger.info("delivery: \(sent.delivered) delivered, \(sent.retrying) to retry, \(sent.failed) failed, \(sent.held) held")
            }
            pipeline.metrics.delivered(outcome: "delivered", count: sent.delivered)
            pipeline.metrics.delivered(outcome: "retry", count: sent.retrying)
            pipeline.metrics.delivered(outcome: "failed", count: sent.failed)
            pipeline.metrics.delivered(outcome: "held", count: sent.held)
        } catch {
            logger.error("delivery: \(error)")
        }
        pipeline.metrics.cycleFinished(duration: ContinuousClock.now - started)
    }

    /// Retention: clusters quiet for longer than `retention:` go, except what an undelivered
    /// alert still needs; freed pages return to the file system.
    private func prune() {
        let age = Double(pipeline.config.retentionDays) * 86_400
        do {
            let r = try pipeline.store.prune(olderThan: age)
            if r.stories > 0 || r.clusters > 0 {
                logger.info("retention: removed \(r.stories) stories in \(r.clusters) clusters older than \(pipeline.config.retentionDays) days, \(r.alerts) delivered alerts; \(r.freedPages) pages freed")
            }
        } catch {
            logger.error("retention: \(error)")
        }
    }

    private func reload() {
        notifier.reloading()
        logger.notice("SIGHUP: reloading config and rules")
        do {
            let fresh = try reloadConfig()
            let oldListen = pipeline.config.listen
            if fresh != pipeline.config {
                let next = try Pipeline(config: fresh, logger: logger, metrics: pipeline.metrics)
                webSubCallbacks.use(next)
                pipeline.client.shutdown()
                pipeline = next
                logger.notice("config reloaded", metadata: ["sources": "\(fresh.sources.count)"])
                if fresh.listen != oldListen { logger.notice("a changed listen: address takes effect after a restart") }
            } else {
                log(pipeline.rules.reload(force: true))
            }
        } catch let failure as ConfigLoader.Failure {
            for d in failure.diagnostics { logger.error("config: \(d.description); keeping the running config") }
        } catch {
            logger.error("reload failed: \(error); keeping the running config")
        }
        notifier.ready()
    }

    private func log(_ report: ReloadReport) {
        for d in report.diagnostics { logger.error("rules: \(d.description); the last good version stays live") }
        guard report.recompiled else { return }
        var parts: [String] = []
        if !report.loaded.isEmpty { parts.append("loaded \(report.loaded.joined(separator: ", "))") }
        if !report.keptLastGood.isEmpty { parts.append("kept last good \(report.keptLastGood.joined(separator: ", "))") }
        if !report.removed.isEmpty { parts.append("removed \(report.removed.joined(separator: ", "))") }
        logger.notice("rules reloaded: \(parts.isEmpty ? "no change" : parts.joined(separator: "; "))")
    }
}

import Rules
#if canImport(Glibc)
import Glibc
#endif
