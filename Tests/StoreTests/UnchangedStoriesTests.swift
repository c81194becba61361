import Feeds
import Foundation
import Testing
@testable import Store

/// `unchangedStories`: which items of a fetched feed the store already holds as they are,
/// so the poll can skip locating them. Only same source, same guid, same content count.
@Suite struct UnchangedStoriesTests {
    @Test func onlyStoredStoriesWithTheSameContentAreUnchanged() throws {
        let t = try TempStore()
        let kept = longStory("kept", title: "Strike hits militia depot in Babil", seed: "babil", url: "https://wire.example/1")
        var edited = longStory("edited", title: "Parliament meets on the budget", seed: "budget", url: "https://wire.example/2")
        try t.store.recordPollResult(poll("wire", [kept, edited]))
        try t.store.recordPollResult(poll("portal", at: t0.addingTimeInterval(60), [longStory("elsewhere", title: "Rains flood the delta", seed: "delta")]))

        edited.title = "Parliament passes the budget"
        var located = kept
        located.regions = [RegionScore(code: "IQ", name: "Iraq", weight: 1)]
        let fresh = longStory("fresh", title: "Markets rally after the vote", seed: "markets")
        let other = longStory("elsewhere", title: "Rains flood the delta", seed: "delta")
        let unchanged = try t.store.unchangedStories(source: "wire", [located, edited, fresh, other])
        #expect(unchanged == ["kept"], "regions are derived: a story located again is still the same content")
        #expect(try t.store.unchangedStories(source: "portal", [other]) == ["elsewhere"])
        #expect(try t.store.unchangedStories(source: "nobody", [kept]).isEmpty)
        #expect(try t.store.unchangedStories(source: "wire", []).isEmpty)

        // What the poll's transaction decides agrees with the read.
        let outcome = try t.store.recordPollResult(poll("wire", at: t0.addingTimeInterval(600), [located, edited, fresh]))
        #expect(outcome.unchanged == 1 && outcome.updated == 1 && outcome.inserted.count == 1)
    }

    @Test func manyGuidsAreAskedInChunks() throws {
        let t = try TempStore()
        let stories = (0..<1_200).map { Story(guid: "g\($0)", url: "https://wire.example/\($0)", title: "Item \($0)", published: t0) }
        try t.store.recordPollResult(poll("wire", stories))
        #expect(try t.store.unchangedStories(source: "wire", stories).count == 1_200)
    }
}
