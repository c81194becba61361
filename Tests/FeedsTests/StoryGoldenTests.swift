import Foundation
import Testing
@testable import Feeds

/// Every field of every story (fingerprint included) parsed from the feed fixtures, pinned
/// against `Fixtures/golden/stories.jsonl`: the throughput work (Benchmarks/FeedBench) must
/// not change a single output. After a deliberate change of output, rewrite the file with
/// `FEEDS_RECORD_GOLDEN=1 swift test --skip-build --filter StoryGoldenTests` and review its diff.
@Suite struct StoryGoldenTests {
    static let fixtures: [String] = {
        guard let dir = Bundle.module.url(forResource: "feeds", withExtension: nil, subdirectory: "Fixtures"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".json") }.sorted()
    }()

    static func line(_ name: String) -> String {
        do {
            let doc = try FeedFixture.parse(name)
            return InspectJSON.object(for: doc, input: name)
        } catch {
            return "{\"input\":\(InspectJSON.string(name)),\"error\":\(InspectJSON.string("\(error)"))}"
        }
    }

    @Test func storiesMatchTheGoldenFile() throws {
        let lines = Self.fixtures.map(Self.line)
        #expect(lines.count >= 30)
        if ProcessInfo.processInfo.environment["FEEDS_RECORD_GOLDEN"] != nil {
            let target = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/golden/stories.jsonl")
            try (lines.joined(separator: "\n") + "\n").write(to: target, atomically: true, encoding: .utf8)
            return
        }
        let url = try #require(Bundle.module.url(forResource: "stories", withExtension: "jsonl", subdirectory: "Fixtures/golden"))
        let golden = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(golden.count == lines.count)
        for (got, want) in zip(lines, golden) { #expect(got == want) }
    }
}
