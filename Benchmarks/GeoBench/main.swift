import Feeds
import Foundation
import Geo
import Tokens

/// GeoBench: gazetteer load cost, place-detection speed on ~5 KB stories, and (with
/// `predict`) per-story predictions for the accuracy script `geo_accuracy.py`.
///
///   GeoBench [labelled.jsonl]            load time/memory, detection speed
///   GeoBench predict labelled.jsonl      one JSON line of predictions per story
///   GeoBench corpus DIR                  detection speed on real article bodies: DIR is
///                                        ../shared/corpora/readability/test-pages
///   GeoBench stories FILE.jsonl [warm|dump] detection speed on MatchBench's story lines
///                                        (`corpus_stories.py`), warm and with the caches
///                                        flushed between stories as the matcher does

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

/// Article bodies of Mozilla Readability's test pages (expected.html, tags stripped), cut to
/// about 5 KB, with their titles: real articles, real place density.
func runCorpus(_ dir: String) {
    let fm = FileManager.default
    guard let pages = try? fm.contentsOfDirectory(atPath: dir) else {
        FileHandle.standardError.write(Data("GeoBench: cannot list \(dir)\n".utf8))
        exit(2)
    }
    var stories: [(title: String, text: String)] = []
    for page in pages.sorted() {
        guard let html = try? String(contentsOfFile: "\(dir)/\(page)/expected.html", encoding: .utf8) else { continue }
        var title = ""
        if let meta = fm.contents(atPath: "\(dir)/\(page)/expected-metadata.json"),
           let obj = try? JSONSerialization.jsonObject(with: meta) as? [String: Any] {
            title = obj["title"] as? String ?? ""
        }
        var text = "", inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false; text.append(" ") } else if !inTag { text.append(ch) }
        }
        text = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&nbsp;", with: " ")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        var body = ""
        for w in words where body.utf8.count < 5_000 { body += (body.isEmpty ? "" : " ") + w }
        if body.utf8.count >= 2_000 { stories.append((title, body)) }
    }
    let detector = PlaceDetector()
    let tokenized = stories.map { (ScannedText($0.title), ScannedText($0.text)) }
    var mentions = 0, withPlace = 0
    for t in tokenized {
        let a = detector.detect(title: t.0, text: t.1)
        mentions += a.mentions.count
        if !a.focusCodes.isEmpty { withPlace += 1 }
    }
    // At least 50 rounds and a second of CPU, so a profile of this loop has samples.
    var rounds = 0
    let c0 = cpuNow()
    var sink = 0
    repeat {
        for t in tokenized { sink &+= detector.detect(title: t.0, text: t.1).regions.count }
        rounds += 1
    } while rounds < 50 || cpuNow() - c0 < 1_000_000_000
    let ns = Double(cpuNow() - c0) / Double(rounds * stories.count)
    let c1 = cpuNow()
    for s in stories { sink &+= ScannedText(s.title).count + ScannedText(s.text).count }
    let tokNs = Double(cpuNow() - c1) / Double(stories.count)
    // The streaming scan the matcher makes on its own, for what keeping the tokens adds.
    let c2 = cpuNow()
    for s in stories {
        Tokenizer.scan(s.title) { sink &+= $0.bytes.count }
        Tokenizer.scan(s.text) { sink &+= $0.bytes.count }
    }
    let streamNs = Double(cpuNow() - c2) / Double(stories.count)
    let tokens = Double(tokenized.reduce(0) { $0 + $1.0.count + $1.1.count }) / Double(stories.count)
    let bytes = Double(stories.reduce(0) { $0 + $1.text.utf8.count }) / Double(stories.count)
    print(String(format: "corpus: %d articles, mean %.0f bytes, %.0f tokens, %.1f mentions, %d with a focus region",
                 stories.count, bytes, tokens, Double(mentions) / Double(stories.count), withPlace))
    print(String(format: "detect (pre-scanned): CPU %.1f µs/story, %.1f M tokens/s; scan kept (ScannedText): CPU %.1f µs/story; streaming scan: %.1f µs/story",
                 ns / 1000, tokens / ns * 1000, tokNs / 1000, streamNs / 1000))
    if sink == 42 { print("") }
}

func rssKiB() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// CPU time of this thread: on a shared, loaded machine wall time mostly measures waiting.
func cpuNow() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

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

if args.first == "stories", let file = args.dropFirst().first {
    runStories(file, mode: args.dropFirst(2).first)
    exit(0)
}

if args.first == "corpus", let dir = args.dropFirst().first {
    runCorpus(dir)
    exit(0)
}

// `GeoBench profile FILE`: only the detection loop, for perf.
let profiling = args.first == "profile"

// Load cost: a fresh decode of the embedded data, best of 5, and the resident memory it adds.
let rss0 = rssKiB()
var keep: [Gazetteer] = []
var loadTimes: [Double] = [], loadCPU: [Double] = []
for _ in 0..<(profiling ? 0 : 5) {
    let t0 = now(), c0 = cpuNow()
    keep.append(Gazetteer.loadEmbedded())
    loadTimes.append(Double(now() - t0) / 1e6)
    loadCPU.append(Double(cpuNow() - c0) / 1e6)
}
let rss1 = rssKiB()
if !profiling {
    print(String(format: "load: wall best %.1f ms, median %.1f ms; CPU best %.1f ms, median %.1f ms; +%.1f MB RSS per gazetteer (5 loaded: +%.1f MB)",
                 loadTimes.min()!, loadTimes.sorted()[2], loadCPU.min()!, loadCPU.sorted()[2],
                 Double(rss1 - rss0) / 5 / 1024, Double(rss1 - rss0) / 1024))
}
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
let tokenized = stories.map { (ScannedText($0.title), ScannedText($0.text)) }
let totalTokens = tokenized.reduce(0) { $0 + $1.0.count + $1.1.count }
let totalBytes = stories.reduce(0) { $0 + $1.title.utf8.count + $1.text.utf8.count }
var sink = 0
for _ in 0..<2 {
    for t in tokenized { sink &+= detector.detect(title: t.0, text: t.1).regions.count }
}
let rounds = profiling ? 200 : 20
var t0 = now(), c0 = cpuNow()
for _ in 0..<rounds {
    for t in tokenized { sink &+= detector.detect(title: t.0, text: t.1).regions.count }
}
let detectWallNs = Double(now() - t0) / Double(rounds * stories.count)
let detectNs = Double(cpuNow() - c0) / Double(rounds * stories.count)
c0 = cpuNow()
for _ in 0..<(profiling ? 0 : 5) {
    for s in stories { sink &+= ScannedText(s.title).count + ScannedText(s.text).count }
}
let tokenizeNs = Double(cpuNow() - c0) / Double(5 * stories.count)
let tokensPerStory = Double(totalTokens) / Double(stories.count)
print(String(format: "stories: %d, mean %.0f bytes, %.0f tokens", stories.count,
             Double(totalBytes) / Double(stories.count), tokensPerStory))
print(String(format: "detect (pre-scanned): CPU %.1f µs/story (wall %.1f), %.1f M tokens/s, %.0f stories/s per core",
             detectNs / 1000, detectWallNs / 1000, tokensPerStory / detectNs * 1000, 1e9 / detectNs))
print(String(format: "scan (for reference, CPU): %.1f µs/story", tokenizeNs / 1000))
if sink == 42 { print("") }
let mentionCount = tokenized.reduce(0) { $0 + detector.detect(title: $1.0, text: $1.1).mentions.count }
print(String(format: "mentions: %.1f per story", Double(mentionCount) / Double(stories.count)))
