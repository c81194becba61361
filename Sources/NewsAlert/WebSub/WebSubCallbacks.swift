import Feeds
import Foundation
import Hummingbird
import Logging
import Store
import Synchronization

/// The callbacks hubs call at `/websub/<callback id>` on the HTTP endpoint:
/// GET for the verification of intent (WebSub §5.3) and POST for content distribution (§7).
/// It serves the pipeline of the moment: `use(_:)` swaps it on a config reload.
public final class WebSubCallbacks: Sendable {
    private let current: Mutex<Pipeline>

    public init(pipeline: Pipeline) {
        current = Mutex(pipeline)
    }

    /// Serves `pipeline` from now on (after a reload).
    public func use(_ pipeline: Pipeline) {
        current.withLock { $0 = pipeline }
    }

    var pipeline: Pipeline { current.withLock { $0 } }

    func add<Context: RequestContext>(to router: Router<Context>) {
        router.get("websub/:id") { request, context -> Response in
            self.verify(id: context.parameters.get("id") ?? "", query: request.uri.query ?? "")
        }
        router.post("websub/:id") { request, context -> Response in
            var request = request
            return await self.receive(id: context.parameters.get("id") ?? "", request: &request)
        }
    }

    /// §5.3: echo `hub.challenge` (200, text/plain) only when `hub.mode` and `hub.topic` match a
    /// request of ours awaiting verification; 404 otherwise. §5.2 denials are recorded (200).
    func verify(id: String, query: String) -> Response {
        let pipeline = self.pipeline
        let q = FormDecoding.parse(query)
        let mode = q["hub.mode"] ?? "", topic = q["hub.topic"] ?? ""
        guard let websub = pipeline.websub else { return Self.text(.notFound, "websub is off\n") }
        var meta: Logger.Metadata = ["websub.callback": "\(id)", "websub.mode": "\(mode)", "websub.topic": "\(topic)"]
        let now = pipeline.clock()
        do {
            if mode == "denied" {
                let reason = q["hub.reason"] ?? "no reason given"
                let retry = now.addingTimeInterval(WebSubCoordinator.backoff(streak: 4, random: Double.random(in: 0..<1)))
                guard let s = try pipeline.store.recordWebSubDenial(callbackID: id, topic: topic, reason: reason, now: now, retryAt: retry) else {
                    return Self.text(.notFound, "unknown subscription\n")
                }
                meta["source.name"] = "\(s.source)"
                pipeline.metrics.webSubVerification(outcome: "denied")
                pipeline.logger.warning("websub: the hub denied the subscription (\(reason)); retrying later, polling carries on", metadata: meta)
                return Self.text(.ok, "noted\n")
            }
            guard mode == "subscribe" || mode == "unsubscribe", let challenge = q["hub.challenge"], !challenge.isEmpty else {
                pipeline.metrics.webSubVerification(outcome: "refused")
                return Self.text(.notFound, "not a verification of intent\n")
            }
            // §5.3 makes hub.lease_seconds required for subscriptions; a hub that omits it is
            // taken to grant what was asked.
            let lease = q["hub.lease_seconds"].flatMap { Int($0) } ?? Int(websub.settings.lease)
            switch try pipeline.store.verifyWebSubIntent(callbackID: id, mode: mode, topic: topic, leaseSeconds: lease, now: now,
                                                         renewAt: { websub.renewal(lease: $0, now: now) }) {
            case let .confirmed(s):
                meta["source.name"] = "\(s.source)"
                pipeline.metrics.webSubVerification(outcome: "confirmed")
                if mode == "subscribe" {
                    meta["websub.lease_seconds"] = "\(s.leaseSeconds ?? 0)"
                    pipeline.logger.info("websub: subscribed; pushes arrive from now on, polling slows down", metadata: meta)
                } else {
                    pipeline.logger.info("websub: unsubscribed", metadata: meta)
                }
                return Self.text(.ok, challenge)
            case let .refused(why):
                pipeline.metrics.webSubVerification(outcome: "refused")
                pipeline.logger.notice("websub: refused a verification of intent: \(why)", metadata: meta)
                return Self.text(.notFound, "no matching \(mode) request\n")
            }
        } catch {
            pipeline.logger.error("websub: \(error)", metadata: meta)
            return Self.text(.internalServerError, "store error\n")
        }
    }

    /// §7 and §8: a push for a live subscription, with a valid `X-Hub-Signature`, is stored
    /// and matched before the answer (202), so a 2xx means it is kept; delivery follows at once.
    /// A push whose signature is missing or wrong is answered 202 as well and ignored, as §8
    /// asks (a forger learns nothing); it is logged and counted. An unknown or ended
    /// subscription gets 410 Gone, which tells the hub to drop it (§7). Only a store failure
    /// answers 500, so that the hub sends the content again.
    func receive(id: String, request: inout Request) async -> Response {
        let pipeline = self.pipeline
        var meta: Logger.Metadata = ["websub.callback": "\(id)"]
        let subscription: WebSubSubscription?
        do {
            subscription = pipeline.websub == nil ? nil : try pipeline.store.webSubSubscription(callbackID: id)
        } catch {
            pipeline.logger.error("websub: \(error)", metadata: meta)
            return Self.text(.internalServerError, "store error\n")
        }
        guard let subscription, ![.unsubscribe, .unsubscribing].contains(subscription.state) else {
            pipeline.metrics.webSubPush(outcome: "unknown_callback")
            pipeline.logger.notice("websub: a push for no live subscription; answered 410 Gone so the hub drops it", metadata: meta)
            return Self.text(.gone, "no such subscription\n")
        }
        meta["source.name"] = "\(subscription.source)"
        meta["websub.hub"] = "\(subscription.hub)"
        let body: Data
        do {
            body = Data(buffer: try await request.collectBody(upTo: pipeline.config.http.maxBody))
        } catch {
            pipeline.metrics.webSubPush(outcome: "unparsable")
            pipeline.logger.warning("websub: a push larger than http.max_body (\(pipeline.config.http.maxBody) bytes) was refused; raise http.max_body if this feed is really that large (polling still fetches it)", metadata: meta)
            return Self.text(.contentTooLarge, "body too large\n")
        }
        let signature = request.headers.first { $0.name.canonicalName == "x-hub-signature" }?.value
        if case let .invalid(why) = HubSignature.verify(header: signature, body: body, secret: subscription.secret) {
            pipeline.metrics.webSubPush(outcome: "bad_signature")
            pipeline.logger.warning("websub: ignored a push: \(why) (WebSub §8: acknowledged, not used); if every push from this hub is refused, check that no other service subscribes with the same websub.callback_base", metadata: meta)
            return Self.text(.accepted, "")
        }
        do {
            let outcome = try await pipeline.ingestPush(subscription, body: body, contentType: request.headers[.contentType])
            pipeline.metrics.webSubPush(outcome: "accepted")
            if !outcome.alertIDs.isEmpty {
                Task { await pipeline.deliverNow() }
            }
            return Self.text(.accepted, "")
        } catch let error as FeedError {
            pipeline.metrics.webSubPush(outcome: "unparsable")
            pipeline.logger.warning("websub: ignored a push: \(error)", metadata: meta)
            return Self.text(.accepted, "")
        } catch {
            pipeline.metrics.webSubPush(outcome: "failed")
            pipeline.logger.error("websub: could not store a push: \(error); the hub is asked to send it again", metadata: meta)
            return Self.text(.internalServerError, "store error\n")
        }
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
