import Foundation
import Testing
@testable import NewsAlert

struct SchedulingTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14 22:13:20 UTC

    @Test(arguments: [
        // (signal, starting interval, streak, expected wait in s, expected streak)
        (PollSchedule.Signal.fetched(newItems: 3, freshFor: nil, ttlMinutes: nil, skipHours: []), 1200.0, 0, 600.0, 0),
        (.fetched(newItems: 0, freshFor: nil, ttlMinutes: nil, skipHours: []), 600, 0, 750, 0),
        (.fetched(newItems: 0, freshFor: 3000, ttlMinutes: nil, skipHours: []), 600, 2, 3000, 0),
        (.fetched(newItems: 1, freshFor: nil, ttlMinutes: 60, skipHours: []), 600, 0, 3600, 0),
        (.notModified(freshFor: nil), 3600, 0, 3600, 0),
        (.failed(retryAfter: nil), 600, 0, 1200, 1),
        (.failed(retryAfter: nil), 600, 3, 9600, 4),
        (.failed(retryAfter: nil), 600, 30, 86400, 31),
        (.rateLimited(retryAfter: 7200), 600, 0, 7200, 1),
    ])
    func waits(signal: PollSchedule.Signal, interval: Double, streak: Int, wait: Double, newStreak: Int) {
        let schedule = PollSchedule(every: 600)
        // random 0.5 means no jitter
        let (due, state) = schedule.next(after: signal, state: .init(interval: interval, errorStreak: streak), now: now, random: 0.5)
        #expect(due.map { $0.timeIntervalSince(now) } == wait)
        #expect(state.errorStreak == newStreak)
    }

    @Test func goneStopsPolling() {
        let (due, _) = PollSchedule(every: 600).next(after: .gone, state: .init(interval: 600), now: now, random: 0.5)
        #expect(due == nil)
    }

    @Test func jitterStaysWithinTenPercent() {
        let s = PollSchedule(every: 600)
        for r in [0.0, 0.25, 0.99] {
            let (due, _) = s.next(after: .notModified(freshFor: nil), state: .init(interval: 600), now: now, random: r)
            let wait = due!.timeIntervalSince(now)
            #expect(wait >= 750 * 0.9 && wait <= 750 * 1.1)
        }
    }

    @Test func skipHoursPushPastTheSkippedHours() {
        // 22:13 UTC + 600 s = 22:23; hours 22 and 23 skipped → 00:00 next day.
        let (due, _) = PollSchedule(every: 600).next(
            after: .fetched(newItems: 1, freshFor: nil, ttlMinutes: nil, skipHours: [22, 23]),
            state: .init(interval: 600), now: now, random: 0.5)
        #expect(due == Date(timeIntervalSince1970: 1_700_006_400))
    }

    @Test func everyIsAtLeastOneMinute() {
        #expect(PollSchedule(every: 5).every == 60)
    }

    @Test(arguments: [
        ("feeds.bbci.co.uk", "bbci.co.uk"), ("www.theguardian.com", "theguardian.com"), ("example.org", "example.org"),
        ("a.b.news.com.au", "news.com.au"), ("127.0.0.1", "127.0.0.1"), ("rss.dw.com", "dw.com"), ("localhost", "localhost"),
    ])
    func registrableDomains(host: String, domain: String) {
        #expect(RegistrableDomain.of(host: host) == domain)
    }

    @Test func domainLimiterCapsConcurrencyPerDomain() async {
        let limiter = DomainLimiter(perDomain: 2, global: 10, spacing: .zero)
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let host = i % 2 == 0 ? "a.example.org" : "feeds.b.example.org"
                    await limiter.withPermit(host: host) {
                        await counter.enter(RegistrableDomain.of(host: host))
                        try? await Task.sleep(for: .milliseconds(50))
                        await counter.leave(RegistrableDomain.of(host: host))
                    }
                }
            }
        }
        // Two per domain, and the two domains run side by side.
        #expect(await counter.peak == ["example.org": 2])
        #expect(await counter.globalPeak == 2)
    }

    @Test func domainLimiterLetsOtherDomainsThrough() async {
        let limiter = DomainLimiter(perDomain: 1, global: 10, spacing: .zero)
        let counter = Counter()
        await withTaskGroup(of: Void.self) { group in
            for host in ["a.org", "b.org", "c.org", "d.org"] {
                group.addTask {
                    await limiter.withPermit(host: host) {
                        await counter.enter(host)
                        try? await Task.sleep(for: .milliseconds(50))
                        await counter.leave(host)
                    }
                }
            }
        }
        #expect(await counter.globalPeak == 4)
    }

    actor Counter {
        var now: [String: Int] = [:], peak: [String: Int] = [:]
        var global = 0, globalPeak = 0
        func enter(_ d: String) {
            now[d, default: 0] += 1
            peak[d] = max(peak[d] ?? 0, now[d]!)
            global += 1
            globalPeak = max(globalPeak, global)
        }
        func leave(_ d: String) { now[d, default: 0] -= 1; global -= 1 }
    }

    @Test func journalLinesCarryPriorityAndDottedMetadata() {
        let line = JournalLogHandler.format(level: .warning, message: "fetch failed", metadata: ["source.name": "bbc world"], journal: true, now: now)
        #expect(line == "<4>fetch failed source.name=\"bbc world\"")
        let plain = JournalLogHandler.format(level: .info, message: "ok", metadata: [:], journal: false, now: now)
        #expect(plain == "2023-11-14T22:13:20Z INFO ok")
    }
}

/// The bound on sources in progress (fetch through store) and the limiter's single wake-ups.
struct PollGateTests {
    @Test(arguments: [1, 3, 8])
    func gateBoundsSourcesInProgress(capacity: Int) async {
        // slowAfter .zero: every fetch leaves the fast lane at once, so only `capacity` bounds them.
        let gate = PollGate(capacity: capacity, slowAfter: .zero)
        let counter = SchedulingTests.Counter()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                group.addTask {
                    await gate.withSlot { _ in
                        await counter.enter("source\(i)")
                        // Hold the slot until the gate has let `capacity` in (or 5 s passed), so
                        // reaching the bound does not depend on how fast a loaded machine starts tasks.
                        let deadline = ContinuousClock.now + .seconds(5)
                        while await counter.globalPeak < capacity, ContinuousClock.now < deadline {
                            try? await Task.sleep(for: .milliseconds(5))
                        }
                        await counter.leave("source\(i)")
                    }
                }
            }
        }
        #expect(await counter.globalPeak == capacity)
        #expect(await counter.peak.count == 40, "every source got its turn")
    }

    @Test func workSlotsBoundTheCPUBoundPartAndEverySourceFinishes() async {
        let gate = PollGate(capacity: 16, workers: 2)
        let counter = SchedulingTests.Counter()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<60 {
                group.addTask {
                    await gate.withSlot { ticket in
                        await gate.beginWork(ticket)
                        await counter.enter("source\(i)")
                        try? await Task.sleep(for: .milliseconds(5))
                        await counter.leave("source\(i)")
                        await gate.endWork()
                    }
                }
            }
        }
        #expect(await counter.globalPeak == 2, "never more than the work slots at once")
        #expect(await counter.peak.count == 60, "no source is left waiting for admission")
    }

    /// Fast fetches run at most `workers + lookahead` ahead of processing: a body fetched long
    /// before a worker is free only ages (issue 8: p99 fetch-to-webhook ≤ 1 s).
    @Test(arguments: [(1, 1), (2, 4)])
    func fetchingRunsOnlyALittleAheadOfProcessing(workers: Int, lookahead: Int) async {
        let gate = PollGate(capacity: 32, workers: workers, lookahead: lookahead, slowAfter: .seconds(60))
        let fetchedAhead = SchedulingTests.Counter()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                group.addTask {
                    await gate.withSlot { ticket in
                        await fetchedAhead.enter("source\(i)")  // admitted: fetching, then queued for work
                        await Task.yield()
                        await gate.beginWork(ticket)
                        await fetchedAhead.leave("source\(i)")
                        try? await Task.sleep(for: .milliseconds(2))
                        await gate.endWork()
                    }
                }
            }
        }
        #expect(await fetchedAhead.globalPeak <= workers + lookahead)
        #expect(await fetchedAhead.peak.count == 40)
    }

    /// A transfer that hangs leaves the fast lane after `slowAfter`: the other sources go on
    /// (one slow host never delays the others), while it still holds its place in `capacity`.
    @Test func aHangingFetchDoesNotHoldUpTheOthers() async {
        let gate = PollGate(capacity: 8, workers: 1, lookahead: 1, slowAfter: .milliseconds(20))
        let done = SchedulingTests.Counter()
        let hang = Task {
            await gate.withSlot { ticket in
                try? await Task.sleep(for: .seconds(30))  // the slow download, cancelled below
                await gate.beginWork(ticket)
                await gate.endWork()
            }
        }
        try? await Task.sleep(for: .milliseconds(5))
        let clock = ContinuousClock()
        let start = clock.now
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask {
                    await gate.withSlot { ticket in
                        await gate.beginWork(ticket)
                        await done.enter("source\(i)")
                        await done.leave("source\(i)")
                        await gate.endWork()
                    }
                }
            }
        }
        #expect(clock.now - start < .seconds(5), "the others finished while the slow one still downloads")
        #expect(await done.peak.count == 20)
        hang.cancel()
        await hang.value
    }

    @Test func limiterServesEveryWaiterOnDistinctDomains() async {
        // 200 sources on 200 domains behind a global cap of 5: every one runs, never more than 5 at once.
        let limiter = DomainLimiter(perDomain: 2, global: 5, spacing: .zero)
        let counter = SchedulingTests.Counter()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<200 {
                group.addTask {
                    await limiter.withPermit(host: "feed\(i).localhost") {
                        await counter.enter("feed\(i)")
                        await Task.yield()
                        await counter.leave("feed\(i)")
                    }
                }
            }
        }
        #expect(await counter.globalPeak <= 5)
        #expect(await counter.peak.count == 200)
    }
}
