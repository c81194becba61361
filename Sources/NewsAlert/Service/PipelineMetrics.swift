import Foundation
import Prometheus
import Synchronization

/// The service's Prometheus series (`/metrics`), all named `newsalert_…`.
public final class PipelineMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let lastCycle = Mutex<ContinuousClock.Instant?>(nil)
    private let stories: Counter
    private let clusters: Counter
    private let matches: Counter
    private let pending: Gauge
    private let fetchDuration: DurationHistogram
    private let cycleDuration: DurationHistogram

    static let durationBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30),
    ]

    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "newsalert", metricName: metric, unitName: unit, helpText: help)
    }

    public init() {
        stories = registry.makeCounter(descriptor: Self.name("stories", "total", "New stories stored."), labels: [])
        clusters = registry.makeCounter(descriptor: Self.name("clusters", "total", "New story clusters (stories that were not copies of a known one)."), labels: [])
        matches = registry.makeCounter(descriptor: Self.name("matches", "total", "Alerts written to the outbox for matching rules."), labels: [])
        pending = registry.makeGauge(descriptor: Self.name("outbox_pending", "alerts", "Alerts waiting in the outbox."), labels: [])
        fetchDuration = registry.makeDurationHistogram(descriptor: Self.name("fetch_duration", "seconds", "Time of one source fetch."), buckets: Self.durationBuckets)
        cycleDuration = registry.makeDurationHistogram(descriptor: Self.name("poll_cycle_duration", "seconds", "Time of one poll and delivery cycle."), buckets: Self.durationBuckets)
    }

    /// One fetch and how it ended (`modified`, `not_modified`, `gone`, `rate_limited`, …).
    public func fetched(outcome: String, duration: Duration) {
        registry.makeCounter(descriptor: Self.name("fetches", "total", "Source fetches by outcome."), labels: [("outcome", outcome)]).increment()
        fetchDuration.record(duration)
    }

    public func stored(newStories: Int, newClusters: Int, alerts: Int) {
        stories.increment(by: Int64(newStories))
        clusters.increment(by: Int64(newClusters))
        matches.increment(by: Int64(alerts))
    }

    /// Delivery outcomes (`delivered`, `retry`, `failed`, `held`).
    public func delivered(outcome: String, count: Int) {
        guard count > 0 else { return }
        registry.makeCounter(descriptor: Self.name("alerts", "total", "Alert deliveries by outcome."), labels: [("outcome", outcome)]).increment(by: Int64(count))
    }

    public func outbox(pending count: Int) {
        pending.set(Double(count))
    }

    public func cycleFinished(duration: Duration) {
        cycleDuration.record(duration)
        lastCycle.withLock { $0 = .now }
    }

    /// Time since the last completed poll cycle, nil before the first.
    public var sinceLastCycle: Duration? {
        lastCycle.withLock { $0.map { ContinuousClock.now - $0 } }
    }

    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
