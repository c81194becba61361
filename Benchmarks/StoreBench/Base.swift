import Foundation
import GRDB
import Store

/// Builds the base database once: the Store's own schema, then `count` stories spread over
/// the 30 days before `now`, inserted with plain SQL (indexes dropped during the load and
/// rebuilt after, which yields the same file layout the service would have, minus the time).
enum BaseDatabase {
    static func build(path: String, count: Int, now: Date) throws {
        try? FileManager.default.removeItem(atPath: path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try Store(path: path)
        try store.upsertSources((1...1000).map { SourceSpec(name: "source-\($0)", url: "https://s\($0).example/feed") },
                                now: now)
        try store.close()
        let queue = try DatabaseQueue(path: path)
        let t = now.timeIntervalSince1970
        let step = 30 * 86400 / Double(count)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
            let indexes = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('stories', 'clusters') AND sql IS NOT NULL
                """).map { ($0["name"] as String, $0["sql"] as String) }
            try db.inTransaction {
                for (name, _) in indexes { try db.execute(sql: "DROP INDEX \(name)") }
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count)),
                    base AS MATERIALIZED (SELECT i, random() AS fp, \(t) - (\(count) - i) * \(step) AS seen FROM n)
                    INSERT INTO clusters (id, title, first_seen, last_seen, size)
                    SELECT i, 'Base story ' || i, seen, seen + 60, 1 FROM base;
                    """)
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count)),
                    base AS MATERIALIZED (SELECT i, random() AS fp, \(t) - (\(count) - i) * \(step) AS seen FROM n)
                    INSERT INTO stories (id, source_id, guid, url, canonical_url, title, summary, text, authors,
                        published, fetched, seen, language, regions, fingerprint, band0, band1, band2, band3,
                        title_key, lead_key, lead2_key, content_hash, cluster_id)
                    SELECT i, 1 + i % 1000, 'base-' || i, 'https://s' || (1 + i % 1000) || '.example/news/' || i,
                        'https://s' || (1 + i % 1000) || '.example/news/' || i,
                        'Base title ' || hex(randomblob(24)), hex(randomblob(120)), hex(randomblob(760)),
                        '["Staff reporter"]', seen, seen + 60, seen, 'en', '[{"code":"IQ","name":"Iraq","weight":0.8}]',
                        fp, fp & 65535, (fp >> 16) & 65535, (fp >> 32) & 65535, (fp >> 48) & 65535,
                        random(), random(), random(), random(), i
                    FROM base;
                    """)
                for (_, sql) in indexes { try db.execute(sql: sql) }
                return .commit
            }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try queue.close()
    }
}
