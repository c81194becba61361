import Feeds
import Foundation

/// `throughput FILE... [--runs N]`: for each file, the best of N interleaved runs of
/// DocumentParser, of a raw libxml2 SAX pass (`RawSAX`) and of the floor (`FloorSAX`: the raw
/// pass plus libxml2's HTML SAX parser over each item body), as one JSON object per line for
/// bench.py. Times are process CPU time: the machine is shared, and wall time would measure
/// the neighbours.
enum Throughput {
    static func run(_ arguments: [String]) {
        var runs = 5
        var files: [String] = []
        var i = 0
        while i < arguments.count {
            if arguments[i] == "--runs", i + 1 < arguments.count { runs = Int(arguments[i + 1]) ?? runs; i += 2; continue }
            files.append(arguments[i])
            i += 1
        }
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = [UInt8](data)
            var best = Double.infinity, rawBest = Double.infinity, floorBest = Double.infinity
            var items = 0
            var raw = RawSAX.Counts()
            var floor = FloorSAX.Counts()
            // Interleaved, so both sides see the same neighbours on the shared machine.
            for _ in 0..<runs {
                let t0 = cpuSeconds()
                let doc = try? DocumentParser.parse(data, url: URL(string: "https://bench.example/feed"), contentType: nil)
                let dt = cpuSeconds() - t0
                items = doc?.stories.count ?? 0
                best = min(best, dt)
                let t1 = cpuSeconds()
                raw = RawSAX.pass(bytes)
                rawBest = min(rawBest, cpuSeconds() - t1)
                let t2 = cpuSeconds()
                floor = FloorSAX.pass(bytes)
                floorBest = min(floorBest, cpuSeconds() - t2)
            }
            let mb = Double(data.count) / 1_000_000
            print("{\"file\":\(InspectJSON.string(path)),\"bytes\":\(data.count),\"items\":\(items),"
                + "\"seconds\":\(best),\"mb_per_s\":\(mb / best),\"items_per_s\":\(Double(items) / best),"
                + "\"raw_sax_seconds\":\(rawBest),\"raw_sax_mb_per_s\":\(mb / rawBest),\"raw_sax_elements\":\(raw.elements),\"raw_sax_text_bytes\":\(raw.textBytes),"
                + "\"floor_seconds\":\(floorBest),\"floor_mb_per_s\":\(mb / floorBest),\"floor_html_bodies\":\(floor.bodies),"
                + "\"floor_html_bytes\":\(floor.bodyBytes),\"floor_html_elements\":\(floor.htmlElements)}")
        }
    }
}

/// `peak FILE`: parse once and report the peak resident set size.
enum Peak {
    static func run(_ arguments: [String]) {
        guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else { return }
        let doc = try? DocumentParser.parse(data, url: URL(string: "https://bench.example/feed"), contentType: nil)
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        // What the stories themselves hold (string payload bytes), to tell live data from overhead.
        var payload = 0
        for s in doc?.stories ?? [] {
            payload += s.guid.utf8.count + (s.url?.utf8.count ?? 0) + (s.canonicalURL?.utf8.count ?? 0) + s.title.utf8.count
            payload += s.summary.utf8.count + (s.text == s.summary ? 0 : s.text.utf8.count) + (s.html?.utf8.count ?? 0)
            payload += (s.authors + s.categories).reduce(0) { $0 + $1.utf8.count } + (s.image?.utf8.count ?? 0)
        }
        print("{\"file\":\(InspectJSON.string(path)),\"bytes\":\(data.count),\"items\":\(doc?.stories.count ?? 0),"
            + "\"story_payload_bytes\":\(payload),\"peak_rss_bytes\":\(usage.ru_maxrss * 1024)}")
    }
}

func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
