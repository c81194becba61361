import Curl
import Feeds
import Foundation
import Logging
import Rules
import Store
import Tokens

extension Pipeline {
    /// One poll of one source, recorded in one store transaction. The transfer holds no work
    /// slot; parsing and storing run on the work threads (``WorkThreads``), so a slow host never
    /// holds up the others and the cooperative threads stay free for delivery.
    func poll(_ source: SourceState, config sourceConfig: SourceConfig, ticket: PollGate.Ticket) async -> SourceReport {
        let host = URL(string: source.url)?.host ?? source.url
        let request = FetchRequest(url: source.url, validators: Validators(etag: source.etag, lastModified: source.lastModified))
        let fetched = await limiter.withPermit(host: host) { await self.client.fetch(request) }
        await gate.beginWork(ticket)
        let now = clock()
        var parsed: Result<ParsedDocument, any Error>?
        if case let .modified(doc) = fetched.outcome {
            parsed = await work.run { self.parse(doc, fetched: fetched, source: source, now: now) }
            if sourceConfig.fullText, case var .success(document) = parsed {
                await gate.endWork()  // article pages are fetched holding no work slot
                let meta: Logger.Metadata = ["source.name": "\(source.name)", "source.url": "\(source.url)"]
                await fetchFullText(&document.stories, newerThan: source.lastFetch, now: now, meta: meta)
                await gate.beginWork(ticket)
                parsed = .success(document)
            }
        }
        let report = await work.run { [parsed] in self.record(source, config: sourceConfig, fetched: fetched, parsed: parsed, now: now) }
        await gate.endWork()
        return report
    }

    /// Bytes to a document; a page that is not an article is an error naming the feed it advertises.
    private func parse(_ doc: Document, fetched: FetchResult, source: SourceState, now: Date) -> Result<ParsedDocument, any Error> {
        do {
            let parsed = try DocumentParser.parse(doc.body, url: URL(string: fetched.finalURL), contentType: doc.contentType, fetchedAt: now)
            if parsed.kind == .page {
                let hint = parsed.feed.discoveredFeeds.first.map { "; it advertises the feed \($0): use that as the source's url" } ?? ""
                throw FeedError("feeds: \(source.url): an HTML page that is not an article\(hint)")
            }
            let meta: Logger.Metadata = ["source.name": "\(source.name)", "source.url": "\(source.url)"]
            for w in parsed.warnings.prefix(5) { logger.debug("feed warning: \(w)", metadata: meta) }
            websub?.discovered(source: source.name, HubDiscovery.find(linkHeaders: fetched.headers.values("Link"), feed: parsed.feed, fetchedURL: fetched.finalURL))
            return .success(parsed)
        } catch {
            return .failure(error)
        }
    }

    /// Places, schedule, store and match: the synchronous rest of a poll, on a work thread.
    private func record(_ source: SourceState, config sourceConfig: SourceConfig, fetched: FetchResult,
                        parsed: Result<ParsedDocument, any Error>?, now: Date) -> SourceReport {
        let schedule = PollSchedule(every: sourceConfig.every)
        // The learned interval survives restarts; `next` clamps it to the bounds of `every:`.
        let state = PollSchedule.State(interval: source.pollInterval ?? sourceConfig.every, errorStreak: source.errorStreak)
        var meta: Logger.Metadata = ["source.name": "\(source.name)", "source.url": "\(source.url)"]

        // Each story's scan, made once by `locate` and read again by the matcher.
        var scans: [String: ScannedStory] = [:]
        var result = PollResult(source: source.name, fetched: now, status: fetched.status == 0 ? nil : fetched.status, nextDue: now)
        result.redirectedTo = fetched.movedPermanently
        if let moved = fetched.movedPermanently {
            logger.notice("source moved permanently; polling the new address from now on", metadata: meta.merging(["source.new_url": "\(moved)"]) { $1 })
        }
        var signal: PollSchedule.Signal
        metrics.fetched(outcome: Self.metricLabel(fetched.outcome), duration: fetched.duration)
        switch fetched.outcome {
        case let .modified(doc):
            result.etag = doc.validators.etag
            result.lastModified = doc.validators.lastModified
            let freshFor = doc.freshUntil.map { $0.timeIntervalSince(now) }
            switch parsed {
            case var .success(document):
                let known = (try? store.unchangedStories(source: source.name, document.stories)) ?? []
                scans = detector.locate(&document.stories, defaultRegion: source.region, skipping: known)
                result.stories = document.stories
                let fresh = document.stories.filter { s in (s.published ?? now) > (source.lastFetch ?? .distantPast) }.count
                signal = .fetched(newItems: fresh, freshFor: freshFor, ttlMinutes: document.feed.ttlMinutes, skipHours: document.feed.skipHours)
            case let .failure(error):
                result.error = "\(error)"
                signal = .failed(retryAfter: nil)
            case nil:
                result.error = "feeds: \(source.url): the document was not parsed"
                signal = .failed(retryAfter: nil)
            }
        case let .notModified(validators, freshUntil):
            result.etag = validators.etag
            result.lastModified = validators.lastModified
            signal = .notModified(freshFor: freshUntil.map { $0.timeIntervalSince(now) })
        case .gone:
            result.gone = true
            result.error = fetched.message + " — polling stopped; fix or remove the source in the config"
            signal = .gone
        case let .rateLimited(_, retryAfter):
            result.error = fetched.message
            signal = .rateLimited(retryAfter: retryAfter.map { $0.timeIntervalSince(now) })
        default:
            result.error = fetched.message
            signal = .failed(retryAfter: nil)
        }
        let (due, next) = schedule.next(after: signal, state: state, now: now, random: Double.random(in: 0..<1))
        result.nextDue = due ?? Date.distantFuture
        result.pollInterval = next.interval
        if let websub, result.error == nil, let due, let leaseEnd = try? store.webSubLeaseEnd(sourceID: source.id, now: now) {
            result.nextDue = PollSafetyNet.stretch(due: due, now: now, leaseEnd: leaseEnd, factor: websub.settings.pollFactor, cap: websub.settings.pollCap)
        }

        var report = SourceReport()
        if let error = result.error {
            report.failed = true
            meta["source.error_streak"] = "\(next.errorStreak)"
            logger.warning("\(error)", metadata: meta)
        }
        do {
            let matcher = rules.matcher
            let book = rules.book
            var scratch = MatchScratch()
            let outcome = try store.recordPollResult(result) { record, _ in
                self.alertDrafts(for: record.story, source: source.name, matcher: matcher, book: book,
                                 scan: scans[record.story.guid], scratch: &scratch)
            }
            report.newStories = outcome.inserted.count
            report.alerts = outcome.alertIDs.count
            let newClusters = outcome.decisions.filter { if case .newCluster = $0 { true } else { false } }.count
            metrics.stored(newStories: outcome.inserted.count, newClusters: newClusters, alerts: outcome.alertIDs.count)
            if !outcome.alertIDs.isEmpty {
                // PipelineBench's breakdown.py reads these (NEWSALERT_LOG_LEVEL=debug).
                logger.debug("latency: stored", metadata: ["alert.ids": "\(outcome.alertIDs)", "at": "\(Date().timeIntervalSince1970)"])
            }
            if outcome.inserted.count > 0 || outcome.alertIDs.count > 0 {
                logger.info("polled: \(outcome.inserted.count) new, \(outcome.updated) updated, \(outcome.alertIDs.count) alerts", metadata: meta)
            }
        } catch {
            report.failed = true
            logger.error("store: \(source.name): \(error)", metadata: meta)
        }
        return report
    }

    /// The `outcome` label of `newsalert_fetches_total`.
    static func metricLabel(_ outcome: FetchOutcome) -> String {
        switch outcome {
        case .modified: "modified"
        case .notModified: "not_modified"
        case .gone: "gone"
        case .rateLimited: "rate_limited"
        case .clientError: "client_error"
        case .serverError: "server_error"
        case .timeout: "timeout"
        case .dnsFailure: "dns_failure"
        case .connectionRefused: "connection_refused"
        case .tlsFailure: "tls_failure"
        case .tooLarge: "too_large"
        case .tooManyRedirects: "too_many_redirects"
        case .addressRefused: "address_refused"
        case .cancelled: "cancelled"
        case .failed: "failed"
        }
    }

    /// The outbox rows the rules want for a story: one draft per matching rule, fanned out to
    /// its channels by the store (unique per owner, rule, channel and cluster). `scan` is the
    /// story's scan from `locate`, when there is one (else the story is tokenized here).
    func alertDrafts(for story: Story, source: String, matcher: RuleMatcher, book: RuleBook,
                     scan: ScannedStory? = nil, scratch: inout MatchScratch) -> [AlertDraft] {
        let matches = if let scan {
            matcher.match(scan, source: source, regions: story.regions, scratch: &scratch)
        } else {
            matcher.match(MatchInput(story: story, source: source), scratch: &scratch)
        }
        return matches.map { m in
            let rule = book.owner(m.owner)?.rules.first { $0.name == m.rule }
            return AlertDraft(owner: m.owner, rule: m.rule, channels: m.channels, matched: m.terms,
                              digest: rule?.digest.map(Self.digestLabel))
        }
    }

    static func digestLabel(_ d: DigestSchedule) -> String {
        switch d {
        case let .every(seconds): return seconds % 3600 == 0 ? "\(seconds / 3600)h" : "\(seconds / 60)m"
        case let .daily(hour, minute): return String(format: "daily %02d:%02d", hour, minute)
        }
    }
}
