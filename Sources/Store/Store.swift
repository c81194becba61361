import Foundation
import GRDB

/// All persistence of newsalert: sources and their fetch state, stories and their clusters,
/// the alert outbox and the delivery log. No other module writes SQL (DESIGN.md "Growing
/// past one machine"): callers use this small set of operations, and every unit of work is
/// claimable by lease, so the same operations can later run over a shared PostgreSQL.
///
/// SQLite in WAL mode through a `DatabasePool`: readers run on their own connections and never
/// block the single writer; `busy_timeout` covers the rare lock wait, so SQLITE_BUSY does not
/// reach a user.
public final class Store: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// How near-duplicates are found (distance, window, minimum content).
    public let dedup: DedupPolicy
    /// The near-duplicate window, in memory (see `DedupWindow`).
    let window = DedupWindow()

    /// Opens (creating if needed) the database at `path`, applies pending migrations and
    /// refuses a database written by a newer version.
    public init(path: String, dedup: DedupPolicy = DedupPolicy()) throws {
        self.path = path
        self.dedup = dedup
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in
                try db.execute(sql: Store.pragmas)
            }
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError.cannotOpen(path: path, error)
        }
        try migrate()
    }

    /// Set on every connection. The page cache (32 MiB, grown only as used) holds the hot
    /// B-trees being written: the canonical-URL, source+guid and window (fetch-time) indexes
    /// and the newest story pages; reads go through a shared memory map instead of a
    /// copy per connection. (64 MiB per connection cost the service 35 MiB of peak RSS in the
    /// pipeline benchmark and bought no ingest speed at 1M stories.) `wal_autocheckpoint` 8000 pages: fewer checkpoints
    /// (and their fsyncs) per poll (Benchmarks/StoreBench/RESULTS.md).
    public static let pragmas = """
        PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA mmap_size = 1073741824;
        PRAGMA wal_autocheckpoint = 8000
        """

    /// The default database file when the config names none:
    /// `$STATE_DIRECTORY/newsalert.db` (systemd's StateDirectory=), else `./var/newsalert.db`.
    /// `configured` (the config's `database:`) wins when given.
    public static func defaultPath(configured: String? = nil,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let configured, !configured.isEmpty { return configured }
        if let state = environment["STATE_DIRECTORY"], !state.isEmpty {
            // systemd passes a colon-separated list when several directories are configured.
            let first = state.split(separator: ":").first.map(String.init) ?? state
            return URL(fileURLWithPath: first).appendingPathComponent("newsalert.db").path
        }
        return "./var/newsalert.db"
    }

    private func migrate() throws {
        let migrator = Schema.migrator
        do {
            let (applied, userVersion, tables) = try pool.read { db in
                (try migrator.appliedIdentifiers(db),
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0)
            }
            let known = Set(migrator.migrations)
            let unknown = applied.subtracting(known).sorted()
            if !unknown.isEmpty || userVersion > Schema.version {
                throw StoreError.newerSchema(path: path, unknown: unknown.isEmpty ? ["user_version \(userVersion)"] : unknown)
            }
            if tables == 0 {
                // auto_vacuum can only be chosen before the first table exists.
                try pool.writeWithoutTransaction { db in
                    // In WAL mode the setting only lands in the file through a VACUUM.
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL; VACUUM")
                }
            }
            try migrator.migrate(pool)
            try pool.write { db in
                try db.execute(sql: "PRAGMA user_version = \(Schema.version)")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path, error)
        }
    }

    /// Runs `body` in one write transaction, mapping database errors to `StoreError`; the
    /// caller's own errors (a matcher's) pass through unchanged after the rollback.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let e as DatabaseError { throw StoreError.database(path, e) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let e as DatabaseError { throw StoreError.database(path, e) }
    }

    /// Closes the database (checkpointing the WAL). Further calls fail.
    public func close() throws {
        do { try pool.close() } catch { throw StoreError.database(path, error) }
    }
}
