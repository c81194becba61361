import Feeds
import Foundation
import GRDB
import Store

/// Ingests generated stories through `Store.recordPollResult`, one poll result per batch,
/// timing each batch; then times near-duplicate lookups; then writes the rows it stored as a
/// plain-SQL script for the sqlite3-shell anchor.
enum Ingest {
    struct Figures {
        var stories = 0
        var joined = 0
        var seconds = 0.0
        var batchMillis: [Double] = []
        var lookupMicros: [Double] = []
        var simhashPerSecond = 0.0
        /// Loading the in-memory dedup window at open: stories, milliseconds, anonymous memory.
        var windowStories = 0
        var windowMillis = 0.0
        var windowMiB = 0.0
        var windowCPUMillis = 0.0
        /// User + system CPU time of the timed ingest (the wall time also waits for the disk
        /// and for the other processes on the two shared cores).
        var cpuSeconds = 0.0
    }

    static func run(path: String, stories count: Int, batch: Int, now: Date, anchorSQL: String) throws -> Figures {
        let store = try Store(path: path)
        let sources = try store.sources().map(\.name)
        let baseMax = try DatabaseQueue(path: path).read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM stories") ?? 0 }
        var generator = StoryGenerator(seed: 7)
        var batches: [PollResult] = []
        for b in 0..<(count / batch) {
            let fetched = now.addingTimeInterval(Double(b) * 0.5)
            let items = (0..<batch).map { i in generator.next(published: fetched.addingTimeInterval(-Double((b * batch + i) % 21600))) }
            batches.append(PollResult(source: sources[b % sources.count], fetched: fetched, status: 200,
                                      etag: "\"\(b)\"", nextDue: fetched.addingTimeInterval(600), stories: items))
        }
        var f = Figures()
        // SimHash is the parser's work (Story.fingerprint); measured here on its own.
        let sample = batches.prefix(200).flatMap(\.stories)
        let h0 = DispatchTime.now().uptimeNanoseconds
        var sink: UInt64 = 0
        for s in sample { sink ^= SimHash.fingerprint(title: s.title, text: s.text) }
        f.simhashPerSecond = Double(sample.count) / (Double(DispatchTime.now().uptimeNanoseconds - h0) / 1e9)
        if sink == 42 { print("") }

        // The window load the service pays once at start, before the first poll.
        let rss0 = anonymousMiB()
        let wcpu = cpuSeconds()
        let w0 = DispatchTime.now().uptimeNanoseconds
        f.windowStories = try store.rebuildDedupWindow()
        f.windowMillis = Double(DispatchTime.now().uptimeNanoseconds - w0) / 1e6
        f.windowMiB = anonymousMiB() - rss0
        f.windowCPUMillis = (cpuSeconds() - wcpu) * 1000

        let cpu0 = cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        for result in batches {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let outcome = try store.recordPollResult(result)
            f.batchMillis.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            f.stories += outcome.inserted.count
            f.joined += outcome.decisions.filter { if case .joined = $0 { true } else { false } }.count
        }
        f.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        f.cpuSeconds = cpuSeconds() - cpu0

        // Near-duplicate lookups at full size: half for stored fingerprints, half random.
        var rng = SeededRandom(state: 99)
        let stored = batches.flatMap(\.stories).map(\.fingerprint)
        for i in 0..<20_000 {
            let fp = i % 2 == 0 ? stored[Int(rng.next() % UInt64(stored.count))] : rng.next()
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try store.nearDuplicates(of: fp, around: now)
            f.lookupMicros.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e3)
        }
        try store.close()
        try writeAnchor(path: path, after: baseMax, batches: batches, to: anchorSQL)
        return f
    }

    /// The same rows as plain SQL: per poll result, BEGIN; the source update; each new cluster
    /// (or the update of the joined one) and story row as literal INSERTs; COMMIT. The schema's
    /// indexes (source+guid, canonical URL, cluster, the window's covering index) are the
    /// same on both sides; the window itself is in the store's memory, not in the file.
    static func writeAnchor(path: String, after baseMax: Int64, batches: [PollResult], to file: String) throws {
        let queue = try DatabaseQueue(path: path)
        var out = "PRAGMA journal_mode = WAL;\n\(Store.pragmas);\nPRAGMA foreign_keys = ON;\n"
        try queue.read { db in
            let storyColumns = try db.columns(in: "stories").map(\.name)
            let storySQL = "SELECT cluster_id, " + storyColumns.map { "quote(\($0))" }.joined(separator: " || ',' || ")
                + " FROM stories WHERE id > ? ORDER BY id"
            // A new cluster as the store creates it (size 1, last seen now); later joins update it.
            let clusterSQL = "SELECT quote(id) || ',' || quote(title) || ',' || quote(first_seen) FROM clusters WHERE id = ?"
            let rows = try Row.fetchAll(db, sql: storySQL, arguments: [baseMax])
            var emitted = Set<Int64>()
            var index = 0
            for result in batches {
                let fetched = result.fetched.timeIntervalSince1970
                out += "BEGIN;\nUPDATE sources SET last_fetch = \(fetched), last_status = 200, "
                    + "next_due = \(result.nextDue.timeIntervalSince1970), etag = '\(result.etag ?? "")', error_streak = 0, "
                    + "last_error = NULL WHERE name = '\(result.source)';\n"
                for _ in result.stories {
                    let row = rows[index]
                    index += 1
                    let cluster: Int64 = row[0]
                    if cluster > baseMax, emitted.insert(cluster).inserted,
                       let values = try String.fetchOne(db, sql: clusterSQL, arguments: [cluster]) {
                        out += "INSERT INTO clusters (id, title, first_seen, last_seen, size) VALUES (\(values), \(fetched), 1);\n"
                    } else {
                        out += "UPDATE clusters SET last_seen = max(last_seen, \(fetched)), size = size + 1 WHERE id = \(cluster);\n"
                    }
                    out += "INSERT INTO stories (\(storyColumns.joined(separator: ","))) VALUES (\(row[1] as String));\n"
                }
                out += "COMMIT;\n"
            }
        }
        try out.write(toFile: file, atomically: true, encoding: .utf8)
    }
}

/// The process's anonymous resident memory (heap), MiB: unlike VmRSS it leaves out the
/// database pages mapped by `mmap_size`.
func anonymousMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }),
          let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}

/// User + system CPU seconds of this process so far.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}
