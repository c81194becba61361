import Curl
import Foundation
import Logging
import Store

/// The subscriber side of WebSub (https://www.w3.org/TR/websub/) for the pipeline: plans a
/// subscription when a fetched feed advertises a hub, sends subscription, renewal and
/// unsubscription requests when they fall due, and retries failures with backoff. The
/// subscriptions live in the store, so a restart picks them up where they were.
public final class WebSubCoordinator: Sendable {
    public let settings: WebSubSettings
    let store: Store
    let client: HTTPClient
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Time allowed for one request to a hub.
    let timeout: Duration

    /// First retry after a failure; doubled per failure in a row, up to `maxBackoff`.
    static let firstBackoff: Double = 60
    static let maxBackoff: Double = 86_400
    /// An unsubscription is given up after this many failures (the lease runs out anyway).
    static let unsubscribeAttempts = 3

    init(settings: WebSubSettings, store: Store, client: HTTPClient, logger: Logger, timeout: Duration,
         clock: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.store = store
        self.client = client
        self.logger = logger
        self.timeout = timeout
        self.clock = clock
    }

    /// Records what a fetch of `source` advertised (WebSub §4); nil when no hub was found.
    func discovered(source: String, _ discovery: HubDiscovery?) {
        let meta: Logger.Metadata = ["source.name": "\(source)"]
        do {
            let change = try store.noteWebSubDiscovery(
                source: source, hub: discovery?.hub, topic: discovery?.topic, now: clock(),
                makeSecret: { RandomToken.hex(bytes: 32) }, makeCallbackID: { RandomToken.hex(bytes: 16) })
            switch change {
            case .unchanged: break
            case .added:
                logger.info("websub: the feed advertises a hub; subscribing", metadata: meta.merging(["websub.hub": "\(discovery?.hub ?? "")", "websub.topic": "\(discovery?.topic ?? "")"]) { $1 })
            case let .moved(old):
                logger.notice("websub: the feed names another hub or topic; subscribing there", metadata: meta.merging(["websub.hub": "\(discovery?.hub ?? "")", "websub.old_hub": "\(old)"]) { $1 })
            case .dropped:
                logger.notice("websub: the feed no longer advertises a hub; unsubscribing, polling carries on", metadata: meta)
            }
        } catch {
            logger.error("websub: \(error)", metadata: meta)
        }
    }

    /// Sends every request that is due, concurrently; returns how many were sent.
    @discardableResult
    public func maintain() async -> Int {
        let now = clock()
        let actions: [WebSubAction]
        do {
            actions = try store.claimWebSubActions(now: now, verifyWait: settings.verifyWait)
        } catch {
            logger.error("websub: \(error)")
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for action in actions {
                group.addTask { await self.perform(action) }
            }
        }
        return actions.count
    }

    func perform(_ action: WebSubAction) async {
        let s = action.subscription
        var meta: Logger.Metadata = ["source.name": "\(s.source)", "websub.hub": "\(s.hub)", "websub.topic": "\(s.topic)"]
        let request: HubRequest
        switch action.kind {
        case .subscribe, .renew:
            request = HubRequest(hub: s.hub, mode: .subscribe, topic: s.topic, callback: settings.callbackURL(s.callbackID),
                                 leaseSeconds: Int(settings.lease), secret: s.secret)
        case .unsubscribe:
            request = HubRequest(hub: s.hub, mode: .unsubscribe, topic: s.topic, callback: settings.callbackURL(s.callbackID))
        case let .verificationTimedOut(state):
            let minutes = Int(settings.verifyWait / 60)
            failed(s, from: state, error: "websub: \(s.hub) did not verify the \(state == .unsubscribing ? "unsubscription" : "subscription") within \(minutes) min; is callback_base (\(settings.callbackBase)) reachable from the internet?", retryAfter: nil, meta: meta)
            return
        }
        logger.debug("websub: sending \(request.mode.rawValue) request", metadata: meta)
        guard let problem = await request.send(with: client, timeout: timeout) else {
            meta["websub.mode"] = "\(request.mode.rawValue)"
            logger.info("websub: the hub accepted the \(action.kind == .renew ? "renewal" : request.mode.rawValue + " request"); awaiting its verification", metadata: meta)
            return
        }
        failed(s, from: s.state, error: problem.error, retryAfter: problem.retryAfter, meta: meta)
    }

    private func failed(_ s: WebSubSubscription, from state: WebSubSubscription.State, error: String, retryAfter: Date?, meta: Logger.Metadata) {
        let now = clock()
        var meta = meta
        meta["websub.error_streak"] = "\(s.errorStreak + 1)"
        do {
            if state == .unsubscribing, s.errorStreak + 1 >= Self.unsubscribeAttempts || (s.leaseExpires ?? .distantPast) <= now {
                try store.deleteWebSubSubscription(id: s.id)
                logger.warning("\(error); giving up the unsubscription (the hub's lease runs out on its own)", metadata: meta)
                return
            }
            let retry = max(now.addingTimeInterval(Self.backoff(streak: s.errorStreak + 1, random: Double.random(in: 0..<1))), retryAfter ?? now)
            try store.recordWebSubFailure(id: s.id, from: state, error: error, now: now, retryAt: retry)
            logger.warning("\(error); retrying in \(Int(retry.timeIntervalSince(now))) s, polling carries on meanwhile", metadata: meta)
        } catch {
            logger.error("websub: \(error)", metadata: meta)
        }
    }

    /// Exponential backoff with ±10 % jitter (`random` in 0..<1), capped at a day.
    static func backoff(streak: Int, random: Double) -> Double {
        let base = min(maxBackoff, firstBackoff * pow(2, Double(max(0, min(streak, 20) - 1))))
        return base * (0.9 + 0.2 * random)
    }

    /// When to renew a lease granted now: a fifth of the lease (at most a day) before it ends,
    /// so one failed renewal still has retries before pushes stop.
    func renewal(lease: TimeInterval, now: Date) -> Date {
        now.addingTimeInterval(lease - min(lease * 0.2, 86_400))
    }
}
