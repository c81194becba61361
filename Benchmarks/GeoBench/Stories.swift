import Foundation
import Geo
import Tokens

/// One line of MatchBench's story files (`Benchmarks/MatchBench/corpus_stories.py`).
struct StoryLine: Decodable {
    var title: String
    var summary: String
    var text: String
}

/// `GeoBench stories FILE.jsonl`: place detection alone on the stories MatchBench times it
/// with (the 130 Readability articles), pre-scanned as the pipeline scans them, timed two
/// ways in alternating rounds: warm (story after story, the gazetteer's tables stay in
/// cache) and cold (8 MB of other data read between stories, as the rules matcher's index
/// and the next story's scan do in the pipeline). The difference is what cache misses cost.
///
/// With `warm` only the warm rounds run (for `perf`, which the eviction would swamp); with
/// `dump` nothing is timed: each story's regions (code:weight) and mentions, one line per
/// story, to compare two builds' results (`diff`).
func runStories(_ path: String, mode: String? = nil) {
    let warmOnly = mode == "warm"
    guard let data = FileManager.default.contents(atPath: path), let s = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("GeoBench: cannot read \(path); pass a corpus_stories.py output\n".utf8))
        exit(2)
    }
    let decoder = JSONDecoder()
    let lines = s.split(separator: "\n").compactMap { try? decoder.decode(StoryLine.self, from: Data($0.utf8)) }
    let scans = lines.map { ScannedStory(title: $0.title, summary: $0.summary, text: $0.text) }
    let detector = PlaceDetector()
    if mode == "dump" {
        for (k, scan) in scans.enumerated() {
            let a = detector.detect(scan)
            let regions = a.regions.map { "\($0.code):\($0.weight)" }.joined(separator: " ")
            let mentions = a.mentions.map { "\($0.surface)→\($0.code)@\($0.range.lowerBound)[\($0.zone.rawValue)]" }
            print("\(k)\t\(regions)\t\(mentions.joined(separator: " "))")
        }
        return
    }
    var sink = 0
    for scan in scans { sink &+= detector.regions(scan).count }
    var evict = [UInt64](repeating: 1, count: 1 << 20)
    var warm: UInt64 = 0, cold: UInt64 = 0, rounds = 0
    let c0 = cpuNow()
    repeat {
        var c = cpuNow()
        for scan in scans { sink &+= detector.regions(scan).count }
        warm += cpuNow() - c
        for scan in scans where !warmOnly {
            evict.withUnsafeMutableBufferPointer { b in
                var k = rounds & 7
                while k < b.count { b[k] &+= 1; k += 8 }
            }
            // As in the pipeline, the story's own scan is fresh (just made), the tables not.
            scan.title.forEach { sink &+= $0.position }
            scan.body.forEach { sink &+= $0.bytes.count }
            c = cpuNow()
            sink &+= detector.regions(scan).count
            cold += cpuNow() - c
        }
        rounds += 1
    } while rounds < 10 || cpuNow() - c0 < 4_000_000_000
    let per = Double(rounds * scans.count) * 1000
    let bytes = Double(lines.reduce(0) { $0 + $1.text.utf8.count }) / Double(lines.count)
    let mentions = Double(scans.reduce(0) { $0 + detector.detect($1).mentions.count }) / Double(scans.count)
    print(String(format: "stories: %d, mean %.0f bytes, %.1f mentions; detect (pre-scanned) CPU µs/story: warm %.1f, cold %.1f (%d rounds)",
                 scans.count, bytes, mentions, Double(warm) / per, Double(cold) / per, rounds))
    if sink == 42 { print("") }
}
