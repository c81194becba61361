import Foundation
import Geo
import Rules
import Tokens

/// `--places`: times place detection (Geo) on the same stories in the same run, interleaved
/// with matching, and reports what it adds to the per-story matching time (issue 6's
/// ≤ 20 %) when detection and matching share one scan of the story, as the pipeline does.
func measurePlaces(_ n: Int, matcher: RuleMatcher, stories: [MatchInput], seconds: Double) {
    var scratch = MatchScratch()
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
        let regions = detector.regions(scan)
        let a = matcher.match(s, scratch: &scratch)
        let b = matcher.match(scan, source: s.source, regions: regions, scratch: &scratch)
        guard regions == s.regions, a == b else {
            print("MISMATCH \(n): shared scan gives \(b.count) matches, \(regions.map(\.code)); strings \(a.count), \(s.regions.map(\.code)) for \(s.title)")
            exit(1)
        }
    }
    // Rounds alternate between (1) matching alone, (2) the pipeline's way: one scan per
    // story (`ScannedStory`) read by place detection (`regions`, as `locate` calls it) and
    // by the matcher, and (3) for
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
            let regions = detector.regions(scan)
            _ = matcher.match(scan, source: s.source, regions: regions, scratch: &scratch)
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
