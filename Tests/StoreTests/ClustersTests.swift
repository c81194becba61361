import Feeds
import Foundation
import Testing
@testable import Store

@Suite struct ClustersTests {
    @Test func storiesJSONHasTheDesignShape() throws {
        let t = try TempStore()
        let wire = longStory("w1", title: "Floods kill 12 in Rio de Janeiro state", seed: "rio", url: "https://wire.example/rio")
        var copy = wire
        copy.guid = "a1"
        copy.url = "https://wire.example/rio?utm_source=x"
        try t.store.recordPollResult(poll("wire", [wire]))
        try t.store.recordPollResult(poll("portal", at: t0.addingTimeInterval(60), [copy]))
        let clusters = try t.store.clusters(since: t0.addingTimeInterval(-3600))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(StoriesReport(clusters: clusters)), as: UTF8.self)
        let id = clusters[0].id
        #expect(json == """
            {"clusters":[{"first_seen":"2024-06-01T00:00:00Z","id":\(id),"stories":[\
            {"guid":"w1","published":"2024-06-01T00:00:00Z","source":"wire","title":"Floods kill 12 in Rio de Janeiro state","url":"https:\\/\\/wire.example\\/rio"},\
            {"guid":"a1","published":"2024-06-01T00:00:00Z","source":"portal","title":"Floods kill 12 in Rio de Janeiro state","url":"https:\\/\\/wire.example\\/rio?utm_source=x"}\
            ],"title":"Floods kill 12 in Rio de Janeiro state"}]}
            """)
        #expect(try t.store.clusters(since: t0.addingTimeInterval(3600)).isEmpty)
    }
}
