import Foundation
import GRDB
import Store

/// The floor under both ours and the anchor: the story rows ours stored, inserted again into
/// another copy of the base with nothing but one prepared INSERT per row, `batch` rows per
/// transaction, and the store's pragmas. No clusters, no source updates, no dedup keys, no
/// lookups, no SQL text to parse, foreign keys off: what this machine's SQLite costs for the
/// rows alone. `keep` names the `stories` indexes left in place; the others are dropped first
/// (untimed): all of them (`indexes`), the two every store needs to find a re-fetched guid and
/// a canonical URL among all stored stories (`lookups`), or none (`bare`).
enum Floor {
    struct Figures {
        var rows = 0
        var seconds = 0.0
        var cpuSeconds = 0.0
    }

    static func run(from source: String, into path: String, after baseMax: Int64, batch: Int, keep: Set<String>?) throws -> Figures {
        let rows = try DatabaseQueue(path: source).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM stories WHERE id > ? ORDER BY id", arguments: [baseMax])
        }
        guard let first = rows.first else { return Figures() }
        var config = Configuration()
        config.foreignKeysEnabled = false
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; \(Store.pragmas)")
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        if let keep {
            try queue.writeWithoutTransaction { db in
                for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stories' AND sql IS NOT NULL")
                where !keep.contains(name) {
                    try db.execute(sql: "DROP INDEX \(name)")
                }
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
        let columns = Array(first.columnNames)
        let sql = "INSERT INTO stories (\(columns.joined(separator: ","))) VALUES (\(columns.map { _ in "?" }.joined(separator: ",")))"
        let values = rows.map { row in StatementArguments(columns.map { row[$0] as DatabaseValue }) }

        var f = Figures()
        let cpu0 = cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        try queue.writeWithoutTransaction { db in
            let insert = try db.makeStatement(sql: sql)
            var i = 0
            while i < values.count {
                try db.inTransaction {
                    for arguments in values[i..<min(i + batch, values.count)] {
                        insert.setUncheckedArguments(arguments)
                        try insert.execute()
                    }
                    return .commit
                }
                i += batch
            }
        }
        f.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        f.cpuSeconds = cpuSeconds() - cpu0
        f.rows = values.count
        return f
    }
}
