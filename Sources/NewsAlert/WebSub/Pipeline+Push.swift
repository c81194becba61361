import Feeds
import Foundation
import Logging
import Rules
import Store

extension Pipeline {
    /// Content a hub pushed for `subscription` (WebSub §7), taken down the same road as a
    /// poll's: parse, full text, regions, store and dedup, match, outbox. Returns what the
    /// store did; throws `FeedError` for a body that is no feed, or the store's error.
    func ingestPush(_ subscription: WebSubSubscription, body: Data, contentType: String?) async throws -> PollOutcome {
        let now = clock()
        let meta: Logger.Metadata = ["source.name": "\(subscription.source)", "websub.hub": "\(subscription.hub)"]
        var parsed = try DocumentParser.parse(body, url: URL(string: subscription.topic), contentType: contentType, fetchedAt: now)
        if parsed.kind == .page {
            throw FeedError("feeds: \(subscription.topic): the hub pushed an HTML page that is not an article")
        }
        let sourceConfig = config.sources.first { $0.name == subscription.source }
        if sourceConfig?.fullText == true {
            await fetchFullText(&parsed.stories, newerThan: subscription.lastPush, now: now, meta: meta)
        }
        let known = (try? store.unchangedStories(source: subscription.source, parsed.stories)) ?? []
        let scans = detector.locate(&parsed.stories, defaultRegion: sourceConfig?.region, skipping: known)
        let matcher = rules.matcher
        let book = rules.book
        var scratch = MatchScratch()
        let outcome = try store.recordPush(subscription, stories: parsed.stories, received: now) { record, _ in
            self.alertDrafts(for: record.story, source: subscription.source, matcher: matcher, book: book,
                             scan: scans[record.story.guid], scratch: &scratch)
        }
        let newClusters = outcome.decisions.filter { if case .newCluster = $0 { true } else { false } }.count
        metrics.stored(newStories: outcome.inserted.count, newClusters: newClusters, alerts: outcome.alertIDs.count)
        logger.info("websub: pushed: \(outcome.inserted.count) new, \(outcome.updated) updated, \(outcome.alertIDs.count) alerts", metadata: meta)
        return outcome
    }

    /// Delivers what is due now, so a pushed story's alert leaves within the second rather
    /// than at the next cycle. Safe beside the service loop: alerts are claimed by lease.
    func deliverNow() async {
        do {
            let sent = try await delivery.deliverDue()
            metrics.delivered(outcome: "delivered", count: sent.delivered)
            metrics.delivered(outcome: "retry", count: sent.retrying)
            metrics.delivered(outcome: "failed", count: sent.failed)
            metrics.delivered(outcome: "held", count: sent.held)
            if sent.claimed > 0 {
                logger.info("delivery: \(sent.delivered) delivered, \(sent.retrying) to retry, \(sent.failed) failed, \(sent.held) held")
            }
        } catch {
            logger.error("delivery: \(error)")
        }
    }
}
