import GRDB

extension Store {
    /// Proves the database takes writes now (for `/readyz`): takes and releases the write lock.
    public func checkWritable() throws {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
        } catch let e as DatabaseError {
            throw StoreError.database(path, e)
        }
    }

    /// Alerts waiting to be delivered (the outbox's depth, for `/metrics`).
    public func pendingAlertCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE status = 'pending'") ?? 0 }
    }
}
