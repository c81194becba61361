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
    }

    static func run(path: String, stories count: Int, batch: Int, now: Date, anchorSQL: String) throws -> Figures {
        let store = try Store(path: path)
        let sources = try store.sources().map(\.name)
        let (baseMax, oldest) = try DatabaseQueue(path: path).read {
            (try Int64.fetchOne($0, sql: "SELECT max(id) FROM stories") ?? 0,
             try Int64.fetchOne($0, sql: "SELECT oldest_story FROM dedup_window") ?? 0)
        }
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

        let start = DispatchTime.now().uptimeNanoseconds
        for result in batches {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let outcome = try store.recordPollResult(result)
            f.batchMillis.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            f.stories += outcome.inserted.count
            f.joined += outcome.decisions.filter { if case .joined = $0 { true } else { false } }.count
        }
        f.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

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
        try writeAnchor(path: path, after: baseMax, oldest: oldest, span: 2 * store.dedup.window + 3600,
                        batches: batches, to: anchorSQL)
        return f
    }

    /// The same rows as plain SQL: per poll result, BEGIN; the source update; the dedup-window
    /// entries of the stories that aged out (the store's rule: in id order, fetched more than
    /// `span` before the poll, at most 200 per poll); each new cluster and story row and the
    /// story's window entries as literal INSERTs; COMMIT.
    static func writeAnchor(path: String, after baseMax: Int64, oldest: Int64, span: Double,
                            batches: [PollResult], to file: String) throws {
        let queue = try DatabaseQueue(path: path)
        var out = "PRAGMA journal_mode = WAL;\n\(Store.pragmas);\nPRAGMA foreign_keys = ON;\n"
        try queue.read { db in
            let storyColumns = try db.columns(in: "stories").map(\.name)
            let clusterColumns = try db.columns(in: "clusters").map(\.name)
            let storySQL = "SELECT cluster_id, " + storyColumns.map { "quote(\($0))" }.joined(separator: " || ',' || ")
                + " FROM stories WHERE id > ? ORDER BY id"
            let clusterSQL = "SELECT " + clusterColumns.map { "quote(\($0))" }.joined(separator: " || ',' || ") + " FROM clusters WHERE id = ?"
            let keysSQL = "SELECT id, fetched, seen, cluster_id, fingerprint, band0, band1, band2, band3, title_key, lead_key, lead2_key FROM stories WHERE id >= ? ORDER BY id LIMIT ?"
            let rows = try Row.fetchAll(db, sql: storySQL, arguments: [baseMax])
            var emitted = Set<Int64>()
            var index = 0
            var watermark = oldest
            for result in batches {
                let fetched = result.fetched.timeIntervalSince1970
                out += "BEGIN;\nUPDATE sources SET last_fetch = \(fetched), last_status = 200, "
                    + "next_due = \(result.nextDue.timeIntervalSince1970), etag = '\(result.etag ?? "")', error_streak = 0, "
                    + "last_error = NULL WHERE name = '\(result.source)';\n"
                var next = watermark
                for row in try Row.fetchAll(db, sql: keysSQL, arguments: [watermark, 200]) {
                    let id: Int64 = row["id"]
                    guard (row["fetched"] as Double) < fetched - span else { break }
                    for i in 0..<4 {
                        if let band = row["band\(i)"] as Int64? { out += "DELETE FROM dedup_bands WHERE band = \(Int64(i) << 16 | band) AND story_id = \(id);\n" }
                    }
                    if let key = row["title_key"] as Int64? { out += "DELETE FROM dedup_keys WHERE kind = 0 AND key = \(key) AND story_id = \(id);\n" }
                    if let key = row["lead_key"] as Int64? { out += "DELETE FROM dedup_keys WHERE kind = 1 AND key = \(key) AND story_id = \(id);\n" }
                    next = id + 1
                }
                if next != watermark {
                    out += "UPDATE dedup_window SET oldest_story = \(next) WHERE id = 1;\n"
                    watermark = next
                }
                for _ in result.stories {
                    let row = rows[index]
                    index += 1
                    let cluster: Int64 = row[0]
                    if cluster > baseMax, emitted.insert(cluster).inserted,
                       let values = try String.fetchOne(db, sql: clusterSQL, arguments: [cluster]) {
                        out += "INSERT INTO clusters (\(clusterColumns.joined(separator: ","))) VALUES (\(values));\n"
                    } else {
                        out += "UPDATE clusters SET last_seen = max(last_seen, \(fetched)), size = size + 1 WHERE id = \(cluster);\n"
                    }
                    out += "INSERT INTO stories (\(storyColumns.joined(separator: ","))) VALUES (\(row[1] as String));\n"
                }
                let added = try Row.fetchAll(db, sql: keysSQL, arguments: [baseMax + 1 + Int64(index - result.stories.count), result.stories.count])
                for k in added {
                    let id: Int64 = k["id"], seen: Double = k["seen"], cluster: Int64 = k["cluster_id"], fp: Int64 = k["fingerprint"]
                    let long = (k["band0"] as Int64?) != nil ? 1 : 0
                    for i in 0..<4 {
                        if let band = k["band\(i)"] as Int64? {
                            out += "INSERT INTO dedup_bands (band, story_id, seen, cluster_id, fingerprint) VALUES (\(Int64(i) << 16 | band), \(id), \(seen), \(cluster), \(fp));\n"
                        }
                    }
                    let title: Int64? = k["title_key"], lead: Int64? = k["lead_key"], lead2: Int64? = k["lead2_key"]
                    for (kind, key, other) in [(0, title, lead), (1, lead, lead2)] {
                        if let key {
                            out += "INSERT INTO dedup_keys (kind, key, story_id, seen, cluster_id, fingerprint, long, other) VALUES (\(kind), \(key), \(id), \(seen), \(cluster), \(fp), \(long), \(other.map(String.init) ?? "NULL"));\n"
                        }
                    }
                }
                out += "COMMIT;\n"
            }
        }
        try out.write(toFile: file, atomically: true, encoding: .utf8)
    }
}
