import GRDB

extension Schema {
    static let v4Identifier = "v4-dedup-window"

    /// The near-duplicate lookups move from six indexes over every story to two compact tables
    /// over the stories in the dedup window (see `DedupWindow`). The `band0…3`, `title_key`,
    /// `lead_key` and `lead2_key` columns of `stories` keep their values (a story leaving the
    /// window is found in the tables through them); only their indexes go.
    static let v4 = """
    DROP INDEX stories_band0;
    DROP INDEX stories_band1;
    DROP INDEX stories_band2;
    DROP INDEX stories_band3;
    DROP INDEX stories_title_key;
    DROP INDEX stories_lead_key;
    CREATE TABLE dedup_bands (
        band INTEGER NOT NULL,
        story_id INTEGER NOT NULL,
        seen REAL NOT NULL,
        cluster_id INTEGER NOT NULL,
        fingerprint INTEGER NOT NULL,
        PRIMARY KEY (band, story_id)
    ) WITHOUT ROWID;
    CREATE TABLE dedup_keys (
        kind INTEGER NOT NULL,
        key INTEGER NOT NULL,
        story_id INTEGER NOT NULL,
        seen REAL NOT NULL,
        cluster_id INTEGER NOT NULL,
        fingerprint INTEGER NOT NULL,
        long INTEGER NOT NULL,
        other INTEGER,
        PRIMARY KEY (kind, key, story_id)
    ) WITHOUT ROWID;
    CREATE TABLE dedup_window (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        oldest_story INTEGER NOT NULL
    );
    """

    /// v7 drops the tables again (the window moved to memory), so they are created empty.
    static func migrateV4(_ db: Database) throws {
        try db.execute(sql: v4)
    }
}
