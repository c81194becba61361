import Feeds
import Foundation
@testable import Store

/// A store in a fresh temporary directory, removed when the test's scope ends.
final class TempStore {
    let dir: URL
    let store: Store

    init(policy: DedupPolicy = DedupPolicy(), sources: [String] = ["wire", "aggregator", "portal"]) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("storetests-\(UUID().uuidString)")
        store = try Store(path: dir.appendingPathComponent("news.db").path, dedup: policy)
        try store.upsertSources(sources.map { SourceSpec(name: $0, url: "https://\($0).example/feed") },
                                now: Date(timeIntervalSince1970: 0))
    }

    deinit { try? FileManager.default.removeItem(at: dir) }
}

let t0 = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01

/// A story with a body long enough for its fingerprint to count.
func longStory(_ guid: String, title: String, seed: String, url: String? = nil, published: Date = t0) -> Story {
    let words = (0..<60).map { "\(seed)\($0 % 17)w\($0)" }.joined(separator: " ")
    return Story(guid: guid, url: url, canonicalURL: url, title: title, summary: String(words.prefix(120)),
                 text: "The opening line of \(seed) is long enough to count as content here today.\n" + words,
                 published: published)
}

func poll(_ source: String, at time: Date = t0, _ stories: [Story], error: String? = nil,
          etag: String? = nil) -> PollResult {
    PollResult(source: source, fetched: time, status: error == nil ? 200 : 500, etag: etag,
               nextDue: time.addingTimeInterval(600), error: error, stories: stories)
}

/// The labelled pairs of Fixtures/pairs.json (built by Benchmarks/StoreBench/scripts/make_pairs.py).
struct LabelledPairs: Decodable {
    struct Item: Decodable {
        var source: String, guid: String, url: String, canonical_url: String
        var title: String, summary: String, text: String, published: String

        var story: Story {
            Story(guid: guid, url: url, canonicalURL: canonical_url, title: title, summary: summary, text: text,
                  published: ISO8601DateFormatter().date(from: published))
        }
    }
    struct Pair: Decodable {
        var id: Int, kind: String, same: Bool, a: Item, b: Item
    }
    var pairs: [Pair]

    static func load() throws -> LabelledPairs {
        let url = Bundle.module.url(forResource: "Fixtures/pairs", withExtension: "json")!
        return try JSONDecoder().decode(LabelledPairs.self, from: Data(contentsOf: url))
    }
}
