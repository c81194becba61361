import Feeds
import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct PollTests {
    @Test func rePollingNeverDuplicatesAndUpdatesInPlace() throws {
        let t = try TempStore()
        var story = longStory("g1", title: "Strike hits militia depot in Babil", seed: "babil", url: "https://wire.example/1")
        var calls = 0
        let first = try t.store.recordPollResult(poll("wire", [story])) { _, _ in calls += 1; return [] }
        #expect(first.inserted.count == 1)

        let same = try t.store.recordPollResult(poll("wire", at: t0.addingTimeInterval(600), [story])) { _, _ in calls += 1; return [] }
        #expect(same.unchanged == 1 && same.inserted.isEmpty)

        story.title = "Strike hits militia depot in Babil, officials say"
        let edited = try t.store.recordPollResult(poll("wire", at: t0.addingTimeInterval(1200), [story])) { _, _ in calls += 1; return [] }
        #expect(edited.updated == 1 && edited.inserted.isEmpty)
        #expect(calls == 1)
        #expect(try t.store.storyCount() == 1)
        let clusters = try t.store.clusters(since: t0.addingTimeInterval(-86400))
        #expect(clusters.count == 1)
        #expect(clusters[0].stories.map(\.title) == [story.title])
    }

    @Test func sameCanonicalURLFromAnotherSourceJoinsTheCluster() throws {
        let t = try TempStore()
        let a = Story(guid: "a", url: "https://wire.example/x", canonicalURL: "https://wire.example/x", title: "Short", published: t0)
        let b = Story(guid: "b", url: "https://wire.example/x?utm_source=rss", canonicalURL: "https://wire.example/x",
                      title: "Different", published: t0.addingTimeInterval(40 * 86400))
        let ra = try t.store.recordPollResult(poll("wire", [a]))
        let rb = try t.store.recordPollResult(poll("portal", at: t0.addingTimeInterval(40 * 86400), [b]))
        #expect(rb.decisions == [.joined(ra.decisions[0].clusterID, via: .canonicalURL)])
    }

    @Test func oneAlertPerClusterRuleAndChannel() throws {
        let t = try TempStore()
        let draft = AlertDraft(owner: "alice", rule: "iraq-strikes", channels: ["inbox", "ops"], matched: ["strike"])
        let wire = longStory("w1", title: "US strike hits Iran-backed militia in Babil", seed: "babil")
        var copy = wire
        copy.guid = "agg-1"
        copy.title += " - Daily Courier"
        var seen: [ClusterDecision] = []
        let r1 = try t.store.recordPollResult(poll("wire", [wire])) { _, d in seen.append(d); return [draft] }
        let r2 = try t.store.recordPollResult(poll("aggregator", at: t0.addingTimeInterval(3600), [copy])) { _, d in seen.append(d); return [draft] }
        let r3 = try t.store.recordPollResult(poll("wire", at: t0.addingTimeInterval(7200), [wire])) { _, d in seen.append(d); return [draft] }
        #expect(r1.alertIDs.count == 2)
        #expect(r2.alertIDs.isEmpty && r3.alertIDs.isEmpty)
        #expect(seen.count == 2)
        if case .joined(let id, _) = seen[1] { #expect(id == seen[0].clusterID) } else { Issue.record("copy did not join") }
        let alerts = try t.store.alerts(status: .pending)
        #expect(alerts.count == 2)
        #expect(alerts.allSatisfy { $0.alsoReportedBy.map(\.source) == ["aggregator"] })
        #expect(alerts.allSatisfy { $0.matched == ["strike"] && $0.story?.source == "wire" })
    }

    @Test func aThrowingMatcherLeavesNothingBehind() throws {
        let t = try TempStore()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try t.store.recordPollResult(poll("wire", [longStory("g", title: "A story that will roll back", seed: "x")], etag: "\"v2\"")) { _, _ in
                throw Boom()
            }
        }
        #expect(try t.store.storyCount() == 0)
        #expect(try t.store.sources().first { $0.name == "wire" }?.etag == nil)
    }

    @Test func unknownSourceIsNamed() throws {
        let t = try TempStore()
        let error = #expect(throws: StoreError.self) { try t.store.recordPollResult(poll("nope", [])) }
        #expect(error?.message == "store: source 'nope' is not in the database; add it to `sources:` in the config (it is stored at the next start or reload)")
    }

    @Test func fetchStateFollowsResults() throws {
        let t = try TempStore()
        try t.store.recordPollResult(PollResult(source: "wire", fetched: t0, status: 200, etag: "\"a\"", lastModified: "Sat, 01 Jun 2024 00:00:00 GMT",
                                                nextDue: t0.addingTimeInterval(600)))
        try t.store.recordPollResult(PollResult(source: "wire", fetched: t0.addingTimeInterval(600), status: 503,
                                                nextDue: t0.addingTimeInterval(1800), error: "HTTP 503"))
        try t.store.recordPollResult(PollResult(source: "wire", fetched: t0.addingTimeInterval(1800), status: nil,
                                                nextDue: t0.addingTimeInterval(3600), error: "timeout"))
        var s = try #require(try t.store.sources().first { $0.name == "wire" })
        #expect(s.etag == "\"a\"" && s.errorStreak == 2 && s.lastError == "timeout" && s.lastStatus == nil)
        try t.store.recordPollResult(PollResult(source: "wire", fetched: t0.addingTimeInterval(3600), status: 301,
                                                nextDue: t0.addingTimeInterval(4200), redirectedTo: "https://new.example/feed"))
        s = try #require(try t.store.sources().first { $0.name == "wire" })
        #expect(s.errorStreak == 0 && s.lastError == nil && s.url == "https://new.example/feed")
        try t.store.recordPollResult(PollResult(source: "wire", fetched: t0.addingTimeInterval(4200), status: 410,
                                                nextDue: t0.addingTimeInterval(4800), error: "HTTP 410 Gone", gone: true))
        #expect(try t.store.claimDueSources(now: t0.addingTimeInterval(86400), limit: 10).map(\.name) == ["aggregator", "portal"])
        let health = try t.store.sourcesHealth()
        #expect(health.first { $0.name == "wire" }?.gone == true)
        #expect(health.first { $0.name == "wire" }?.nextFetch == nil)
    }

    @Test func claimedSourcesAreLeased() throws {
        let t = try TempStore()
        let now = t0
        let first = try t.store.claimDueSources(now: now, limit: 2, lease: 300)
        #expect(first.count == 2)
        let second = try t.store.claimDueSources(now: now, limit: 10, lease: 300)
        #expect(second.count == 1)
        #expect(Set(first.map(\.name) + second.map(\.name)).count == 3)
        #expect(try t.store.claimDueSources(now: now.addingTimeInterval(10), limit: 10).isEmpty)
        #expect(try t.store.claimDueSources(now: now.addingTimeInterval(301), limit: 10).count == 3)
    }

    @Test func differentStoriesStayApart() throws {
        let t = try TempStore()
        let a = longStory("a", title: "Iraq signs oil deal for Basra fields", seed: "oil")
        let b = longStory("b", title: "Mosul library reopens after years", seed: "library")
        let r = try t.store.recordPollResult(poll("wire", [a, b]))
        #expect(r.decisions.allSatisfy { if case .newCluster = $0 { true } else { false } })
    }

    @Test func sourcesSyncFromConfig() throws {
        let t = try TempStore()
        try t.store.upsertSources([SourceSpec(name: "wire", url: "https://wire.example/other", region: "IQ")], deactivateOthers: true)
        let all = try t.store.sources()
        #expect(all.map(\.name) == ["wire"])
        #expect(all[0].url == "https://wire.example/other" && all[0].region == "IQ")
    }
}

@Suite struct LookupTests {
    @Test func nearDuplicatesFindsStoredFingerprintsInsideTheWindow() throws {
        let t = try TempStore()
        let s = longStory("n1", title: "A story to look up later today", seed: "look")
        let r = try t.store.recordPollResult(poll("wire", [s]))
        let fp = r.inserted[0].story.fingerprint
        let hits = try t.store.nearDuplicates(of: fp ^ 0b101, around: t0.addingTimeInterval(3600))
        #expect(hits == [NearDuplicate(storyID: r.inserted[0].id, clusterID: r.inserted[0].clusterID, distance: 2)])
        #expect(try t.store.nearDuplicates(of: fp ^ 0b1111, around: t0).isEmpty)  // distance 4 > k
        #expect(try t.store.nearDuplicates(of: fp, around: t0.addingTimeInterval(4 * 86400)).isEmpty)  // outside 72 h
    }
}
