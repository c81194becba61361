import Foundation
import Store

// StoreBench: ingest with dedup and clustering into a database already holding 1M stories.
//   StoreBench base PATH [STORIES]                  build the base database (once)
//   StoreBench migrate PATH                         bring a base database built by an older schema up to date
//   StoreBench lookup PATH [COUNT]                  near-duplicate lookups alone, three passes
//   StoreBench ingest PATH STORIES BATCH ANCHOR.sql  ingest into a copy; print figures
//   StoreBench floor OURS FLOOR BASE BATCH [indexes|lookups|bare]  OURS's new story rows, bare INSERTs, into FLOOR
// Benchmarks/StoreBench/run.sh runs both beside the sqlite3-shell anchor; see RESULTS.md.

let now = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01T00:00:00Z
let args = CommandLine.arguments

func percentile(_ values: [Double], _ p: Double) -> Double {
    let s = values.sorted()
    return s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count) * p))]
}

do {
    switch args.dropFirst().first {
    case "base":
        let count = args.count > 3 ? Int(args[3])! : 1_000_000
        let t0 = Date()
        try BaseDatabase.build(path: args[2], count: count, now: now)
        print("base_stories \(count)\nbase_build_seconds \(String(format: "%.1f", Date().timeIntervalSince(t0)))")
    case "migrate":
        let t0 = Date()
        try Store(path: args[2]).close()
        print("migrate_seconds \(String(format: "%.1f", Date().timeIntervalSince(t0)))")
    case "lookup":
        let count = args.count > 3 ? Int(args[3])! : 20_000
        for (i, pass) in try Lookups.run(path: args[2], count: count, passes: 3, around: now).enumerated() {
            print("lookup_pass\(i + 1)_us p50 \(String(format: "%.1f", percentile(pass, 0.5))) p90 \(String(format: "%.1f", percentile(pass, 0.9)))"
                + " p99 \(String(format: "%.1f", percentile(pass, 0.99))) p99.9 \(String(format: "%.1f", percentile(pass, 0.999)))"
                + " max \(String(format: "%.1f", pass.max() ?? 0))")
        }
    case "ingest":
        let f = try Ingest.run(path: args[2], stories: Int(args[3])!, batch: Int(args[4])!, now: now, anchorSQL: args[5])
        print("""
            ingested_stories \(f.stories)
            joined_clusters \(f.joined)
            ingest_seconds \(String(format: "%.3f", f.seconds))
            stories_per_second \(Int(Double(f.stories) / f.seconds))
            batch_ms_p50 \(String(format: "%.2f", percentile(f.batchMillis, 0.5)))
            batch_ms_p99 \(String(format: "%.2f", percentile(f.batchMillis, 0.99)))
            lookup_us_p50 \(String(format: "%.1f", percentile(f.lookupMicros, 0.5)))
            lookup_us_p99 \(String(format: "%.1f", percentile(f.lookupMicros, 0.99)))
            simhash_per_second \(Int(f.simhashPerSecond))
            window_load_stories \(f.windowStories)
            window_load_ms \(String(format: "%.1f", f.windowMillis))
            window_load_cpu_ms \(String(format: "%.1f", f.windowCPUMillis))
            ingest_cpu_seconds \(String(format: "%.3f", f.cpuSeconds))
            ingest_cpu_us_per_story \(String(format: "%.1f", f.cpuSeconds * 1e6 / Double(f.stories)))
            window_load_anon_mib \(String(format: "%.1f", f.windowMiB))
            """)
    case "floor":
        let mode = args.count > 6 ? args[6] : "indexes"
        let keep: Set<String>? = switch mode {
        case "bare": []
        case "lookups": ["stories_source_guid", "stories_canonical"]
        default: nil
        }
        let f = try Floor.run(from: args[2], into: args[3], after: Int64(args[4])!, batch: Int(args[5])!, keep: keep)
        let name = mode == "indexes" ? "floor" : "floor_\(mode)"
        print("""
            \(name)_rows \(f.rows)
            \(name)_seconds \(String(format: "%.3f", f.seconds))
            \(name)_stories_per_second \(Int(Double(f.rows) / f.seconds))
            \(name)_cpu_us_per_story \(String(format: "%.1f", f.cpuSeconds * 1e6 / Double(f.rows)))
            """)
    default:
        print("usage: StoreBench base PATH [STORIES] | StoreBench migrate PATH | StoreBench ingest PATH STORIES BATCH ANCHOR.sql | StoreBench floor OURS FLOOR BASE BATCH [indexes|lookups|bare]")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("StoreBench: \(error)\n".utf8))
    exit(1)
}
