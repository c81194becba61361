// MatchBench: stories/s and MB/s of the compiled rule matcher on ~5 KB articles against
// rule sets of 100, 10,000 and 100,000 rules over 100 owners (data from gen_data.py).
// usage: MatchBench DATA_DIR [--rules 100,10000,100000] [--seconds 3] [--stories FILE.jsonl] [--places]
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

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU time of this thread: on a shared, oversubscribed machine it counts only the time
/// the benchmark actually ran.
func cpu() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Peak and current resident set size in MiB (Linux /proc).
func memory() -> (peak: Double, current: Double) {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Double {
        for line in s.split(separator: "\n") where line.hasPrefix(name) {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
    return (field("VmHWM:"), field("VmRSS:"))
}

/// The 1-minute load average (/proc/loadavg), printed beside timings on the shared machine.
func loadAverage() -> String {
    let s = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return String(s.split(separator: " ").first ?? "?")
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

print("rules\tload_s\tcompile_s\tcompile_cpu_s\tstories/s\tstories/cpu_s\tMB/cpu_s\tcpu_us/story\tmatches/story\tpostings\tcandidates\tindex_MiB\tpeak_RSS_MiB")
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
    var passes = 0
    let m0 = now(), mc0 = cpu()
    repeat {
        for s in stories { _ = matcher.match(s, scratch: &scratch) }
        passes += 1
    } while now() - m0 < seconds
    let dt = now() - m0, dc = cpu() - mc0
    let rate = Double(passes * stories.count) / dc
    print(String(format: "%d\t%.2f\t%.3f\t%.3f\t%.0f\t%.0f\t%.1f\t%.1f\t%.2f\t%d\t%d\t%.1f\t%.0f",
                 n, t1 - t0, t2 - t1, compileCPU, Double(passes * stories.count) / dt, rate, Double(passes * bytes) / dc / 1e6, 1e6 / rate,
                 Double(matches) / Double(stories.count), postings / stories.count, candidates / stories.count, Double(matcher.indexBytes) / 1048576, memory().peak))
    print("MATCHES \(n) \(matches)")
    if withPlaces {
        // Regions are detected once up front, so matching alone sees the same region filters
        // as the pipeline's matching.
        let detector = PlaceDetector()
        let located: [MatchInput] = stories.map { s in
            var s = s
            s.regions = detector.detect(title: s.title, text: s.text.isEmpty ? s.summary : s.text).regions
            return s
        }
        // The shared-scan entry point must match exactly what the String one does.
        for s in located {
            let scan = ScannedStory(title: s.title, summary: s.summary, text: s.text)
            let regions = detector.detect(scan).regions
            let a = matcher.match(s, scratch: &scratch)
            let b = matcher.match(scan, source: s.source, regions: regions, scratch: &scratch)
            guard regions == s.regions, a == b else {
                print("MISMATCH \(n): shared scan gives \(b.count) matches, \(regions.map(\.code)); strings \(a.count), \(s.regions.map(\.code)) for \(s.title)")
                exit(1)
            }
        }
        // Rounds alternate between (1) matching alone, (2) the pipeline's way: one scan per
        // story (`ScannedStory`) read by place detection and by the matcher, and (3) for
        // reference, detection scanning title and text itself before the matcher scans
        // again, and (4) the shared scan read by the matcher alone; all see the same load.
        var matchCPU = 0.0, sharedCPU = 0.0, separateCPU = 0.0, scanMatchCPU = 0.0, keepCPU = 0.0, streamCPU = 0.0, rounds = 0
        let p0 = now()
        repeat {
            var c = cpu()
            for s in located { _ = matcher.match(s, scratch: &scratch) }
            matchCPU += cpu() - c
            c = cpu()
            for s in located {
                let scan = ScannedStory(title: s.title, summary: s.summary, text: s.text)
                let a = detector.detect(scan)
                _ = matcher.match(scan, source: s.source, regions: a.regions, scratch: &scratch)
            }
            sharedCPU += cpu() - c
            c = cpu()
            for s in located {
                let a = detector.detect(title: s.title, text: s.text.isEmpty ? s.summary : s.text)
                var s = s
                s.regions = a.regions
                _ = matcher.match(s, scratch: &scratch)
            }
            separateCPU += cpu() - c
            // The shared scan without detection: what sharing costs the matcher by itself.
            c = cpu()
            for s in located {
                let scan = ScannedStory(title: s.title, summary: s.summary, text: s.text)
                _ = matcher.match(scan, source: s.source, regions: s.regions, scratch: &scratch)
            }
            scanMatchCPU += cpu() - c
            c = cpu()
            for s in located { _ = ScannedStory(title: s.title, summary: s.summary, text: s.text) }
            keepCPU += cpu() - c
            c = cpu()
            var sink = 0
            for s in located {
                Tokenizer.scan(s.title) { sink &+= $0.position }
                Tokenizer.scan(s.summary) { sink &+= $0.position }
                Tokenizer.scan(s.text) { sink &+= $0.position }
            }
            streamCPU += cpu() - c
            if sink == 42 { print("") }
            rounds += 1
        } while now() - p0 < seconds * 3
        let per = Double(rounds * stories.count) / 1e6
        let m = matchCPU / per, shared = sharedCPU / per, separate = separateCPU / per
        print(String(format: "PLACES %d rules: match %.1f µs/story, match+places %.1f µs/story, places add %.1f%% (%d rounds); detection scanning separately %.1f µs/story (+%.1f%%)",
                     n, m, shared, (shared - m) / m * 100, rounds, separate, (separate - m) / m * 100) + "; load \(loadAverage())")
        let scanMatch = scanMatchCPU / per
        print(String(format: "SPLIT %d rules: match on a kept scan %.1f µs/story (sharing the scan %+.1f µs), detection on it %.1f µs/story",
                     n, scanMatch, scanMatch - m, shared - scanMatch)
              + String(format: "; keeping the scan %.1f µs/story vs streaming it %.1f", keepCPU / per, streamCPU / per))
    }
}
