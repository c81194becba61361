import Foundation
import Logging
import Store
import TestSupport
import Testing
@testable import NewsAlert

/// The pipeline's side of WebSub against a real nginx, in process: a fetched feed that
/// advertises a hub plans a subscription; a hub that cannot be reached is retried with
/// backoff; a live subscription slows polling; a removed source is unsubscribed.
struct WebSubPipelineTests {
    static func feed(hub: String, selfURL: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Wire</title><link>https://wire.example/</link>
        <atom:link rel="hub" href="\(hub)"/><atom:link rel="self" type="application/rss+xml" href="\(selfURL)"/>
        <item><title>Central bank holds rates steady</title><link>https://wire.example/business/rates</link><guid>wire-1002</guid>
        <pubDate>Tue, 30 Jul 2024 17:00:00 GMT</pubDate><description>The central bank left its benchmark rate unchanged on Tuesday.</description></item>
        </channel></rss>
        """
    }

    @Test func discoveryBackoffSlowerPollingAndUnsubscribe() async throws {
        let dir = try TemporaryDirectory(prefix: "newsalert-websub-pipeline")
        try FileManager.default.createDirectory(atPath: dir.file("www"), withIntermediateDirectories: true)
        let nginx = try await NginxServer.start(root: dir.file("www"))
        defer { nginx.stop() }
        // Port 1 on loopback refuses connections: the hub is down.
        let deadHub = "http://127.0.0.1:1/hub"
        try dir.write("www/wire.xml", Self.feed(hub: deadHub, selfURL: nginx.url("/wire.xml")))
        var config = Config(database: dir.file("n.db"), rules: dir.file("rules"),
                            sources: [SourceConfig(name: "wire", url: nginx.url("/wire.xml"))])
        config.websub = WebSubSettings(callbackBase: "http://127.0.0.1:9/base/", lease: 3600)
        let pipeline = try Pipeline(config: config, logger: Logger(label: "test"))
        defer { pipeline.client.shutdown() }
        let websub = try #require(pipeline.websub)

        // 1. The fetched feed names a hub: a subscription is planned, with a fresh secret.
        _ = await pipeline.pollDue(all: true)
        var subs = try pipeline.store.webSubSubscriptions()
        #expect(subs.count == 1)
        let planned = try #require(subs.first)
        #expect(planned.source == "wire" && planned.hub == deadHub && planned.topic == nginx.url("/wire.xml"))
        #expect(planned.state == .pending && planned.secret.count == 64 && planned.callbackID.count == 32)

        // 2. The hub is down: the request fails, is retried about a minute later, polling untouched.
        #expect(await websub.maintain() == 1)
        subs = try pipeline.store.webSubSubscriptions()
        #expect(subs.first?.state == .pending && subs.first?.errorStreak == 1)
        #expect(subs.first?.lastError?.contains(deadHub) == true, "\(subs.first?.lastError ?? "")")
        let wait = (subs.first?.nextAction.timeIntervalSinceNow ?? 0)
        #expect(wait > 45 && wait < 70, "first retry after about a minute: \(wait)")
        #expect(await websub.maintain() == 0, "nothing due before the backoff ends")

        // 3. Later the hub takes the request and verifies it: the subscription is live.
        let later = Date().addingTimeInterval(120)
        let claimed = try pipeline.store.claimWebSubActions(now: later, verifyWait: 300)
        #expect(claimed.map(\.kind) == [.subscribe])
        #expect(try pipeline.store.verifyWebSubIntent(callbackID: planned.callbackID, mode: "subscribe", topic: "https://elsewhere.example/",
                                                      leaseSeconds: 86_400, now: Date(), renewAt: { _ in later }) == .refused("topic https://elsewhere.example/ is not this callback's topic \(planned.topic)"))
        guard case .confirmed = try pipeline.store.verifyWebSubIntent(callbackID: planned.callbackID, mode: "subscribe", topic: planned.topic,
                                                                      leaseSeconds: 86_400, now: Date(), renewAt: { websub.renewal(lease: $0, now: Date()) }) else {
            Issue.record("verification refused")
            return
        }
        let live = try #require(try pipeline.store.webSubSubscriptions().first)
        #expect(live.isLive(at: Date()))
        #expect(abs(live.nextAction.timeIntervalSinceNow - 86_400 * 0.8) < 5, "renewal at four fifths of the lease")

        // 4. The next poll (a 304) is scheduled six times further out than without a subscription.
        _ = await pipeline.pollDue(all: true)
        let health = try #require(try pipeline.store.sourcesHealth().first)
        #expect(health.lastStatus == 304)
        let next = try #require(health.nextFetch).timeIntervalSinceNow
        #expect(next > 6 * 600 * 0.85, "polling slowed by the subscription: next poll in \(next) s")

        // 5. The source leaves the config: the subscription is to be ended at the hub.
        var without = config
        without.sources = []
        let reloaded = try Pipeline(config: without, logger: Logger(label: "test"))
        defer { reloaded.client.shutdown() }
        let actions = try reloaded.store.claimWebSubActions(now: Date(), verifyWait: 300)
        #expect(actions.map(\.kind) == [.unsubscribe])
        #expect(try reloaded.store.webSubSubscriptions().first?.state == .unsubscribing)
        #expect(try reloaded.store.verifyWebSubIntent(callbackID: planned.callbackID, mode: "subscribe", topic: planned.topic, leaseSeconds: 60,
                                                      now: Date(), renewAt: { _ in Date() }) != .confirmed(live), "a subscribe is not what is in flight")
        guard case .confirmed = try reloaded.store.verifyWebSubIntent(callbackID: planned.callbackID, mode: "unsubscribe", topic: planned.topic,
                                                                      leaseSeconds: nil, now: Date(), renewAt: { _ in Date() }) else {
            Issue.record("unsubscription refused")
            return
        }
        #expect(try reloaded.store.webSubSubscriptions().isEmpty)
    }
}

/// The subscription states the happy path does not reach: a hub that never verifies, a hub
/// that denies, a renewal that fails while the lease still runs, a feed that drops its hub.
struct WebSubStateTests {
    @Test func timeoutsDenialsAndFailedRenewals() throws {
        let dir = try TemporaryDirectory(prefix: "newsalert-websub-states")
        let store = try Store(path: dir.file("n.db"))
        try store.upsertSources([SourceSpec(name: "wire", url: "https://wire.example/feed")])
        let t = Date(timeIntervalSince1970: 1_717_200_000)
        var counter = 0
        func plan(_ hub: String?) throws -> WebSubDiscoveryChange {
            try store.noteWebSubDiscovery(source: "wire", hub: hub, topic: hub.map { _ in "https://wire.example/feed" }, now: t,
                                          makeSecret: { counter += 1; return "secret-\(counter)" }, makeCallbackID: { "cb-\(counter)" })
        }
        #expect(try plan("https://hub.example/") == .added)
        #expect(try plan("https://hub.example/") == .unchanged)

        // A request the hub never verifies comes back once the wait is over, and is retried.
        #expect(try store.claimWebSubActions(now: t, verifyWait: 300).map(\.kind) == [.subscribe])
        #expect(try store.claimWebSubActions(now: t.addingTimeInterval(299), verifyWait: 300).isEmpty)
        let timedOut = try store.claimWebSubActions(now: t.addingTimeInterval(301), verifyWait: 300)
        #expect(timedOut.map(\.kind) == [.verificationTimedOut(.requested)])
        let s = try #require(timedOut.first?.subscription)
        try store.recordWebSubFailure(id: s.id, from: .requested, error: "no verification", now: t, retryAt: t.addingTimeInterval(600))
        var now = try #require(try store.webSubSubscriptions().first)
        #expect(now.state == .pending && now.errorStreak == 1 && now.lastError == "no verification")

        // A denial (§5.2) for the right topic sets it back to pending with the hub's reason; a wrong topic is ignored.
        #expect(try store.recordWebSubDenial(callbackID: s.callbackID, topic: "https://other.example/", reason: "x", now: t, retryAt: t) == nil)
        #expect(try store.recordWebSubDenial(callbackID: s.callbackID, topic: s.topic, reason: "over quota", now: t, retryAt: t.addingTimeInterval(900)) != nil)
        now = try #require(try store.webSubSubscriptions().first)
        #expect(now.state == .pending && now.lastError == "hub denied the subscription: over quota")

        // Verified, then a renewal fails while the lease still runs: it stays live and retries.
        _ = try store.claimWebSubActions(now: t.addingTimeInterval(1000), verifyWait: 300)
        guard case .confirmed = try store.verifyWebSubIntent(callbackID: s.callbackID, mode: "subscribe", topic: s.topic, leaseSeconds: 3600,
                                                             now: t.addingTimeInterval(1000), renewAt: { t.addingTimeInterval(1000 + $0 * 0.8) }) else {
            Issue.record("not confirmed")
            return
        }
        let renewal = try store.claimWebSubActions(now: t.addingTimeInterval(1000 + 2880), verifyWait: 300)
        #expect(renewal.map(\.kind) == [.renew])
        try store.recordWebSubFailure(id: s.id, from: .renewing, error: "hub down", now: t.addingTimeInterval(3900), retryAt: t.addingTimeInterval(4000))
        now = try #require(try store.webSubSubscriptions().first)
        #expect(now.state == .active && now.isLive(at: t.addingTimeInterval(3900)))
        #expect(try store.webSubLeaseEnd(sourceID: now.sourceID, now: t.addingTimeInterval(3900)) == t.addingTimeInterval(4600))
        #expect(try store.webSubLeaseEnd(sourceID: now.sourceID, now: t.addingTimeInterval(4601)) == nil, "a lapsed lease no longer slows polling")

        // The feed moves to another hub: new callback and secret; then it drops the hub: unsubscribe.
        #expect(try plan("https://hub2.example/") == .moved(fromHub: "https://hub.example/"))
        now = try #require(try store.webSubSubscriptions().first)
        #expect(now.state == .pending && now.callbackID != s.callbackID && now.secret != s.secret && now.leaseExpires == nil)
        #expect(try store.webSubSubscription(callbackID: s.callbackID) == nil, "the old callback is unknown now")
        #expect(try plan(nil) == .dropped)
        #expect(try store.webSubSubscriptions().isEmpty, "never verified: nothing to unsubscribe, the row goes")
    }
}
