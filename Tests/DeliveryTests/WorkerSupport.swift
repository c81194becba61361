import Testing
import Feeds
import Foundation
import Logging
@testable import Delivery
@testable import Store

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ start: Date) { value = start }
    var now: Date { lock.withLock { value } }
    func advance(_ seconds: TimeInterval) { lock.withLock { value = value.addingTimeInterval(seconds) } }
    func set(_ date: Date) { lock.withLock { value = date } }
}

/// A channel sender that answers from a script and remembers what it was asked to send;
/// it stands in for the network so the worker's bookkeeping is tested on its own (the real
/// transports are tested against real peers in WebhookTransportTests and EmailTransportTests).
final class ScriptedSender: ChannelSender, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [DeliveryOutcome]
    private(set) var sent: [AlertContent] = []
    let fallback: DeliveryOutcome

    init(_ script: [DeliveryOutcome] = [], fallback: DeliveryOutcome = .delivered(status: 200)) {
        self.script = script
        self.fallback = fallback
    }

    func send(_ content: AlertContent, via channel: ResolvedChannel, now: Date) async -> DeliveryOutcome {
        lock.withLock {
            sent.append(content)
            return script.isEmpty ? fallback : script.removeFirst()
        }
    }

    var keys: [String] { lock.withLock { sent.map(\.key) } }
}

/// A store in a temporary directory with one source, and helpers to raise alerts in it.
final class OutboxFixture {
    let dir: URL
    let store: Store

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("deliverytests-\(UUID().uuidString)")
        store = try Store(path: dir.appendingPathComponent("news.db").path)
        try store.upsertSources([SourceSpec(name: "wire", url: "https://wire.example/feed")], now: Date(timeIntervalSince1970: 0))
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Stores `count` distinct stories fetched at `at`, each raising one alert for alice's `channel`.
    @discardableResult
    func raise(_ count: Int, at: Date, channel: String = "ops", rule: String = "iraq-strikes", digest: String? = nil, tag: String = UUID().uuidString) throws -> [Int64] {
        let stories = (0..<count).map { i in
            Story(guid: "\(tag)-\(i)", url: "https://wire.example/\(tag)/\(i)", canonicalURL: "https://wire.example/\(tag)/\(i)",
                  title: "Story \(tag) number \(i) about entirely different matter \(i * 7919)",
                  summary: "Summary \(i)", text: "Body \(tag) \(i) " + String(repeating: "word\(i) ", count: 5), published: at)
        }
        let outcome = try store.recordPollResult(
            PollResult(source: "wire", fetched: at, status: 200, nextDue: at.addingTimeInterval(600), stories: stories)
        ) { _, _ in [AlertDraft(owner: "alice", rule: rule, channels: [channel], matched: ["strike"], digest: digest)] }
        return outcome.alertIDs
    }

    func alert(_ id: Int64) throws -> AlertRecord {
        try #require(try store.alerts().first { $0.id == id })
    }
}

func channelResolver(policy: ChannelPolicy = ChannelPolicy(timeZone: TimeZone(identifier: "UTC")!)) -> ChannelResolver {
    { owner, name in
        guard owner == "alice", name == "ops" else {
            return .failure(DeliveryError(.config, "channel '\(name)' of \(owner) is not in the rules file; the rules changed after the alert was raised"))
        }
        return .success(ResolvedChannel(transport: .webhook(WebhookTarget(url: "https://hooks.example.org/x")), policy: policy))
    }
}

func worker(_ fixture: OutboxFixture, _ sender: ScriptedSender, clock: TestClock, policy: ChannelPolicy = ChannelPolicy(timeZone: TimeZone(identifier: "UTC")!)) -> DeliveryWorker {
    DeliveryWorker(store: fixture.store, sender: sender, resolve: channelResolver(policy: policy),
                   logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), clock: { clock.now }, random: { 1 })
}
