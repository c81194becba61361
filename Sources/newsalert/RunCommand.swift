import ArgumentParser
import Dispatch
import Foundation
import Logging
import NewsAlert
import Rules
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the service until SIGTERM; SIGHUP reloads config and rules.",
        discussion: """
        Polls each source when it is due, stores and dedups stories, matches rules and writes alerts to the outbox. Rules files are also reloaded when they change on disk; a file with errors keeps its last good version. Under systemd (Type=notify) it reports READY, RELOADING, STOPPING and watchdog pings.
        """)

    @OptionGroup var config: ConfigOption

    func run() async throws {
        let logger = makeLogger()
        var pipeline = try makePipeline(config)
        let notifier = SystemdNotifier()
        let signals = SignalStream([SIGHUP, SIGTERM, SIGINT])
        let watchdog = SystemdNotifier.watchdogInterval()
        var lastPing = ContinuousClock.now
        var lastNotices = ContinuousClock.now - .seconds(3600)

        logger.info("newsalert running", metadata: [
            "config": "\(pipeline.config.origin)", "sources": "\(pipeline.config.sources.count)",
            "rules": "\(pipeline.rules.path)", "rules.summary": "\(pipeline.rules.book.summary)",
            "database": "\(pipeline.store.path)",
        ])
        notifier.ready(status: "watching \(pipeline.config.sources.count) sources")

        loop: while true {
            let report = await pipeline.pollDue()
            if report.polled > 0 {
                logger.info("cycle: \(report.polled) polled, \(report.failed) failed, \(report.newStories) new stories, \(report.alerts) alerts")
            }
            do {
                let sent = try await pipeline.delivery.deliverDue()
                if sent.claimed > 0 {
                    logger.info("delivery: \(sent.delivered) delivered, \(sent.retrying) to retry, \(sent.failed) failed, \(sent.held) held")
                }
            } catch {
                logger.error("delivery: \(error)")
            }
            if ContinuousClock.now - lastNotices >= .seconds(60) {
                await pipeline.sendNotices()
                lastNotices = .now
            }
            let reload = pipeline.rules.reloadIfChanged()
            log(reload, logger)
            if let watchdog, ContinuousClock.now - lastPing >= watchdog {
                notifier.watchdog()
                lastPing = .now
            }
            switch await signals.next(timeout: .seconds(1)) {
            case SIGHUP?:
                notifier.reloading()
                logger.notice("SIGHUP: reloading config and rules")
                do {
                    let fresh = try config.load()
                    if fresh != pipeline.config {
                        let next = try Pipeline(config: fresh, logger: logger)
                        pipeline.client.shutdown()
                        pipeline = next
                        logger.notice("config reloaded", metadata: ["sources": "\(fresh.sources.count)"])
                    } else {
                        log(pipeline.rules.reload(force: true), logger)
                    }
                } catch let failure as ConfigLoader.Failure {
                    for d in failure.diagnostics { logger.error("config: \(d.description); keeping the running config") }
                } catch {
                    logger.error("reload failed: \(error); keeping the running config")
                }
                notifier.ready()
            case SIGTERM?, SIGINT?:
                notifier.stopping()
                logger.notice("stopping")
                break loop
            default:
                continue
            }
        }
        pipeline.client.shutdown()
    }

    private func log(_ report: ReloadReportLike, _ logger: Logger) {
        for d in report.diagnosticLines { logger.error("rules: \(d); the last good version stays live") }
        if report.changed { logger.notice("rules reloaded: \(report.summaryLine)") }
    }
}

protocol ReloadReportLike {
    var diagnosticLines: [String] { get }
    var changed: Bool { get }
    var summaryLine: String { get }
}

extension ReloadReport: ReloadReportLike {
    var diagnosticLines: [String] { diagnostics.map(\.description) }
    var changed: Bool { recompiled }
    var summaryLine: String {
        var parts: [String] = []
        if !loaded.isEmpty { parts.append("loaded \(loaded.joined(separator: ", "))") }
        if !keptLastGood.isEmpty { parts.append("kept last good \(keptLastGood.joined(separator: ", "))") }
        if !removed.isEmpty { parts.append("removed \(removed.joined(separator: ", "))") }
        return parts.isEmpty ? "no change" : parts.joined(separator: "; ")
    }
}
