// MatchBench: stories/s and MB/s of the compiled rule matcher on ~5 KB articles against
// rule sets of 100, 10,000 and 100,000 rules over 100 owners (data from gen_data.py).
// usage: MatchBench DATA_DIR [--rules 100,10000,100000] [--seconds 3] [--chunk STORIES] [--stories FILE.jsonl] [--places]
// The sizes are timed in interleaved rounds (`interleavedRounds`, `--chunk` stories per size
// per round, 50 by default) for about `--seconds` per size; the figures are the per-size
// medians and the growth is read from them.
// --places: also time place detection (Geo) on the same stories in the same run, interleaved
// with matching, and report what it adds to the per-story matching time (issue 6's ≤ 20 %)
// when detection and matching share one scan of the story, as the pipeline does.
import Foundation
import Geo
import Rules
import Tokens

struct StoryRow: Decodable {
    var title: String
    var summary: String
    var text: String
    var source: String
}

let args = Array(CommandLine.arguments.dropFirst())
guard let dataDir = args.first else {
    print("usage: MatchBench DATA_DIR [--rules 100,10000,100000] [--seconds 3]")
    exit(2)
}
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let sizes = (option("--rules") ?? "100,10000,100000").split(separator: ",").compactMap { Int($0) }
let seconds = Double(option("--seconds") ?? "3") ?? 3

let decoder = JSONDecoder()
let storiesFile = option("--stories") ?? dataDir + "/stories.jsonl"
let withPlaces = args.contains("--places")
let stories: [MatchInput] = try String(contentsOfFile: storiesFile, encoding: .utf8)
    .split(separator: "\n").map { line in
        let r = try decoder.decode(StoryRow.self, from: Data(line.utf8))
        return MatchInput(title: r.title, summary: r.summary, text: r.text, source: r.source)
    }
let bytes = stories.reduce(0) { $0 + $1.title.utf8.count + $1.summary.utf8.count + $1.text.utf8.count }
let meanKB = Double(bytes) / Double(stories.count) / 1000
print(String(format: "stories: %d, mean %.1f KB; baseline RSS %.0f MiB", stories.count, meanKB, memory().current))

// The floor: tokenizing alone (every matcher pass includes it).
do {
    var tokens = 0
    let t0 = now(), c0 = cpu()
    var passes = 0
    repeat {
        for s in stories {
            Tokenizer.scan(s.title) { _ in tokens += 1 }
            Tokenizer.scan(s.summary) { _ in tokens += 1 }
            Tokenizer.scan(s.text) { _ in tokens += 1 }
        }
        passes += 1
    } while now() - t0 < 1
    let dt = cpu() - c0
    print(String(format: "tokenize only: %.0f stories/cpu_s, %.1f MB/cpu_s, %.0f tokens/story",
                 Double(passes * stories.count) / dt, Double(passes * bytes) / dt / 1e6, Double(tokens / passes) / Double(stories.count)))
}

print("rules\tload_s\tcompile_s\tcompile_cpu_s\tmatches/story\tpostings\tcandidates\tindex_MiB\tRSS_MiB\tpeak_RSS_MiB")
// Every rule set is loaded and compiled first and kept, so the timing rounds below can
// interleave the sizes; RSS_MiB is the process after compiling that size (earlier sizes
// still held), peak_RSS_MiB the high-water mark so far (YAML parsing included).
var matchers: [RuleMatcher] = []
for n in sizes {
    let t0 = now()
    let (book, diagnostics) = RulesLoader.load(path: "\(dataDir)/rules-\(n)")
    let t1 = now()
    guard diagnostics.isEmpty else {
        diagnostics.prefix(5).forEach { print($0) }
        exit(1)
    }
    let c1 = cpu()
    let matcher = book.compile()
    let t2 = now()
    let compileCPU = cpu() - c1
    var scratch = MatchScratch()
    var matches = 0, candidates = 0, postings = 0
    for s in stories {
        matches += matcher.match(s, scratch: &scratch).count
        candidates += scratch.candidateCount
        postings += scratch.postingCount
    }
    let mem = memory()
    print(String(format: "%d\t%.2f\t%.3f\t%.3f\t%.2f\t%d\t%d\t%.1f\t%.0f\t%.0f",
                 n, t1 - t0, t2 - t1, compileCPU, Double(matches) / Double(stories.count), postings / stories.count,
                 candidates / stories.count, Double(matcher.indexBytes) / 1048576, mem.current, mem.peak))
    print("MATCHES \(n) \(matches)")
    matchers.append(matcher)
}

let chunk = Int(option("--chunk") ?? "") ?? 50
let rounds = interleavedRounds(matchers, stories: stories, seconds: seconds, chunk: chunk)
reportRounds(sizes, rounds, chunk: chunk, bytesPerStory: Double(bytes) / Double(stories.count))

if withPlaces {
    for (n, matcher) in zip(sizes, matchers) { measurePlaces(n, matcher: matcher, stories: stories, seconds: seconds) }
}
