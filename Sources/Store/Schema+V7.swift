extension Schema {
    static let v7Identifier = "v7-window-in-memory"

    /// The near-duplicate window leaves the database for memory (`DedupWindow`): the v4 window
    /// tables go, and one covering index over what the window holds takes their place, keyed
    /// by fetch time, so new rows land at its right edge (one page per ~50 stories instead of
    /// six random leaves per story) and the window is rebuilt by one range read of it.
    static let v7 = """
    DROP TABLE dedup_bands;
    DROP TABLE dedup_keys;
    DROP TABLE dedup_window;
    CREATE INDEX stories_window ON stories(fetched, seen, cluster_id, fingerprint, band0, title_key, lead_key, lead2_key);
    """
}
