import Feeds
import Foundation
import Geo
import Tokens

/// GeoBench: gazetteer load cost, place-detection speed on ~5 KB stories, and (with
/// `predict`) per-story predictions for the accuracy script `geo_accuracy.py`.
///
///   GeoBench [labelled.jsonl]            load time/memory, detection speed
///   GeoBench predict labelled.jsonl      one JSON line of predictions per story

struct Item: Decodable {
    var id: String
    var title: String
    var text: String
    var countries: [String]
    var default_region: String?
}

func readItems(_ path: String) -> [Item] {
    guard let data = FileManager.default.contents(atPath: path), let s = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("GeoBench: cannot read \(path); pass the labelled JSONL path\n".utf8))
        exit(2)
    }
    let decoder = JSONDecoder()
    return s.split(separator: "\n").compactMap { try? decoder.decode(Item.self, from: Data($0.utf8)) }
}

func rssKiB() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

let args = CommandLine.arguments.dropFirst()
let path = args.last.flatMap { $0.hasSuffix(".jsonl") ? $0 : nil } ?? "Benchmarks/GeoBench/labelled.jsonl"

if args.first == "predict" {
    let detector = PlaceDetector()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    struct Prediction: Encodable {
        var id: String
        var regions: [RegionScore]
        var focus: [String]
        var mentions: [String]
    }
    for item in readItems(path) {
        let a = detector.detect(title: item.title, text: item.text, defaultRegion: item.default_region)
        let p = Prediction(id: item.id, regions: a.regions, focus: a.focusCodes,
                           mentions: a.mentions.map { "\($0.surface)→\($0.code) [\($0.zone.rawValue)]" })
        print(String(decoding: try! encoder.encode(p), as: UTF8.self))
    }
    exit(0)
}

// Load cost: a fresh decode of the embedded data, best of 5, and the resident memory it adds.
let rss0 = rssKiB()
var keep: [Gazetteer] = []
var loadTimes: [Double] = []
for _ in 0..<5 {
    let t0 = now()
    keep.append(Gazetteer.loadEmbedded())
    loadTimes.append(Double(now() - t0) / 1e6)
}
let rss1 = rssKiB()
print(String(format: "load: best %.1f ms, median %.1f ms; +%.1f MB RSS per gazetteer (5 loaded: +%.1f MB)",
             loadTimes.min()!, loadTimes.sorted()[2], Double(rss1 - rss0) / 5 / 1024, Double(rss1 - rss0) / 1024))
keep = []

// Speed: ~5 KB stories assembled from the labelled texts (title + lead + body paragraphs
// from other items), tokenized once; detection timed separately from tokenization.
let items = readItems(path)
var stories: [(title: String, text: String)] = []
for (i, item) in items.enumerated() {
    var text = item.text
    var j = i + 1
    while text.utf8.count < 5_000 {
        text += "\n" + items[j % items.count].text
        j += 7
    }
    stories.append((item.title, text))
}
let detector = PlaceDetector()
let tokenized = stories.map { (Tokenizer.tokenize($0.title), Tokenizer.tokenize($0.text)) }
let totalTokens = tokenized.reduce(0) { $0 + $1.0.count + $1.1.count }
let totalBytes = stories.reduce(0) { $0 + $1.title.utf8.count + $1.text.utf8.count }
var sink = 0
for _ in 0..<2 {
    for (s, t) in zip(stories, tokenized) { sink &+= detector.detect(title: s.title, text: s.text, tokens: t).regions.count }
}
let rounds = 20
var t0 = now()
for _ in 0..<rounds {
    for (s, t) in zip(stories, tokenized) { sink &+= detector.detect(title: s.title, text: s.text, tokens: t).regions.count }
}
let detectNs = Double(now() - t0) / Double(rounds * stories.count)
t0 = now()
for _ in 0..<5 {
    for s in stories { sink &+= Tokenizer.tokenize(s.title).count + Tokenizer.tokenize(s.text).count }
}
let tokenizeNs = Double(now() - t0) / Double(5 * stories.count)
let tokensPerStory = Double(totalTokens) / Double(stories.count)
print(String(format: "stories: %d, mean %.0f bytes, %.0f tokens", stories.count,
             Double(totalBytes) / Double(stories.count), tokensPerStory))
print(String(format: "detect (pre-tokenized): %.1f µs/story, %.1f M tokens/s, %.0f stories/s",
             detectNs / 1000, tokensPerStory / detectNs * 1000, 1e9 / detectNs))
print(String(format: "tokenize (for reference): %.1f µs/story", tokenizeNs / 1000))
if sink == 42 { print("") }
