import Feeds
import Foundation

/// `throughput FILE... [--runs N]`: for each file, the best of N runs of DocumentParser and of
/// a raw libxml2 SAX pass, as one JSON object per line for bench.py.
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
            var best = Double.infinity
            var items = 0
            for _ in 0..<runs {
                let t0 = ContinuousClock.now
                let doc = try? DocumentParser.parse(data, url: URL(string: "https://bench.example/feed"), contentType: nil)
                let dt = (ContinuousClock.now - t0).seconds
                items = doc?.stories.count ?? 0
                best = min(best, dt)
            }
            var rawBest = Double.infinity
            var elements = 0
            for _ in 0..<runs {
                let t0 = ContinuousClock.now
                elements = RawSAX.pass(bytes)
                rawBest = min(rawBest, (ContinuousClock.now - t0).seconds)
            }
            let mb = Double(data.count) / 1_000_000
            print("{\"file\":\(InspectJSON.string(path)),\"bytes\":\(data.count),\"items\":\(items),"
                + "\"seconds\":\(best),\"mb_per_s\":\(mb / best),\"items_per_s\":\(Double(items) / best),"
                + "\"raw_sax_seconds\":\(rawBest),\"raw_sax_mb_per_s\":\(mb / rawBest),\"raw_sax_elements\":\(elements)}")
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
        print("{\"file\":\(InspectJSON.string(path)),\"bytes\":\(data.count),\"items\":\(doc?.stories.count ?? 0),"
            + "\"peak_rss_bytes\":\(usage.ru_maxrss * 1024)}")
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
