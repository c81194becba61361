import GRDB

/// The adaptive poll interval (issue 8, "Scheduling per source: … adapted between bounds to
/// how often the source really publishes"). The scheduler learns it poll by poll; keeping it
/// in the sources row lets a restart resume from what was learned instead of `every:`.
extension Schema {
    static let v6PollInterval = """
    ALTER TABLE sources ADD COLUMN poll_interval REAL;
    """
}

extension Store {
    /// Written in the poll's own transaction (`recordPollResult`); nil keeps the stored value.
    func recordPollInterval(_ db: Database, _ sourceID: Int64, _ interval: Double?) throws {
        guard let interval else { return }
        try db.cachedStatement(sql: "UPDATE sources SET poll_interval = ? WHERE id = ?").execute(arguments: [interval, sourceID])
    }
}
