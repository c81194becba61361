import GRDB

/// The versioned schema. Each migration is applied once, in order, at open; a database
/// holding identifiers this build does not know was written by a newer version and is refused.
/// Times are stored as REAL seconds since 1970 (UTC); fingerprints as the INTEGER bit pattern
/// of the UInt64; JSON arrays as TEXT.
enum Schema {
    /// `PRAGMA user_version` after the last migration; mirrors the migration count.
    static let version = 7

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-sources-stories-clusters") { db in
            try db.execute(sql: v1)
        }
        m.registerMigration("v2-matches-outbox") { db in
            try db.execute(sql: v2)
        }
        m.registerMigration("v3-failing-since-notices") { db in
            try db.execute(sql: v3)
        }
        // Immediate checks: the deferred default re-checks every foreign key of every story.
        m.registerMigration(v4Identifier, foreignKeyChecks: .immediate) { db in
            try migrateV4(db)
        }
        m.registerMigration("v5-websub") { db in
            try db.execute(sql: v5WebSub)
        }
        m.registerMigration("v6-poll-interval") { db in
            try db.execute(sql: v6PollInterval)
        }
        m.registerMigration(v7Identifier) { db in
            try db.execute(sql: v7)
        }
        return m
    }

    /// Membership is `stories.cluster_id`: a story belongs to exactly one cluster, so a join
    /// table would only add a second index to keep in step.
    static let v1 = """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        region TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        last_fetch REAL,
        next_due REAL NOT NULL DEFAULT 0,
        error_streak INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        redirected_to TEXT,
        gone INTEGER NOT NULL DEFAULT 0,
        created REAL NOT NULL
    );
    CREATE INDEX sources_due ON sources(next_due) WHERE active = 1 AND gone = 0;

    CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        first_seen REAL NOT NULL,
        last_seen REAL NOT NULL,
        size INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX clusters_last_seen ON clusters(last_seen);

    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        guid TEXT NOT NULL,
        url TEXT,
        canonical_url TEXT,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        text TEXT NOT NULL,
        authors TEXT NOT NULL DEFAULT '[]',
        published REAL,
        fetched REAL NOT NULL,
        seen REAL NOT NULL,
        language TEXT,
        regions TEXT NOT NULL DEFAULT '[]',
        fingerprint INTEGER NOT NULL,
        band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,
        title_key INTEGER,
        lead_key INTEGER,
        lead2_key INTEGER,
        content_hash INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL REFERENCES clusters(id)
    );
    CREATE UNIQUE INDEX stories_source_guid ON stories(source_id, guid);
    CREATE INDEX stories_canonical ON stories(canonical_url) WHERE canonical_url IS NOT NULL;
    CREATE INDEX stories_title_key ON stories(title_key, seen) WHERE title_key IS NOT NULL;
    CREATE INDEX stories_lead_key ON stories(lead_key, seen) WHERE lead_key IS NOT NULL;
    CREATE INDEX stories_band0 ON stories(band0, seen) WHERE band0 IS NOT NULL;
    CREATE INDEX stories_band1 ON stories(band1, seen) WHERE band1 IS NOT NULL;
    CREATE INDEX stories_band2 ON stories(band2, seen) WHERE band2 IS NOT NULL;
    CREATE INDEX stories_band3 ON stories(band3, seen) WHERE band3 IS NOT NULL;
    CREATE INDEX stories_cluster ON stories(cluster_id);
    """

    /// The rules' matches, the alert outbox and the delivery log (issues 7 and 8).
    static let v2 = """

    CREATE TABLE matches (
        id INTEGER PRIMARY KEY,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        owner TEXT NOT NULL,
        rule TEXT NOT NULL,
        matched TEXT NOT NULL DEFAULT '[]',
        created REAL NOT NULL,
        UNIQUE(story_id, owner, rule)
    );

    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        owner TEXT NOT NULL,
        rule TEXT NOT NULL,
        channel TEXT NOT NULL,
        cluster_id INTEGER NOT NULL REFERENCES clusters(id),
        story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt REAL NOT NULL,
        last_error TEXT,
        digest TEXT,
        payload TEXT,
        created REAL NOT NULL,
        sent REAL,
        UNIQUE(owner, rule, channel, cluster_id)
    );
    CREATE INDEX alerts_status ON alerts(status, next_attempt);
    CREATE INDEX alerts_cluster ON alerts(cluster_id);
    CREATE INDEX alerts_story ON alerts(story_id);
    CREATE INDEX alerts_sent ON alerts(owner, channel, sent) WHERE status = 'sent';

    CREATE TABLE delivery_attempts (
        id INTEGER PRIMARY KEY,
        alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
        at REAL NOT NULL,
        outcome TEXT NOT NULL,
        status_code INTEGER,
        error TEXT,
        duration REAL NOT NULL
    );
    CREATE INDEX delivery_attempts_alert ON delivery_attempts(alert_id, at);
    """

    /// When a source's current failure streak began (for "failing for a day" notices), and
    /// the operational notices already sent, one row per incident and owner.
    static let v3 = """
    ALTER TABLE sources ADD COLUMN failing_since REAL;
    UPDATE sources SET failing_since = last_fetch WHERE error_streak > 0;
    CREATE TABLE notices (
        key TEXT NOT NULL,
        owner TEXT NOT NULL,
        sent REAL NOT NULL,
        PRIMARY KEY (key, owner)
    ) WITHOUT ROWID;
    """

    /// WebSub subscriptions (W3C WebSub §5): one per source, keyed for the hub's callbacks by
    /// an unguessable `callback_id`; `secret` is the `hub.secret` pushes are signed with (§8).
    /// `state` walks pending → requested → active ⇄ renewing, and unsubscribe → unsubscribing
    /// (then the row goes); `next_action` is when the maintenance loop acts on it next.
    static let v5WebSub = """
    CREATE TABLE websub_subscriptions (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL UNIQUE REFERENCES sources(id),
        hub TEXT NOT NULL,
        topic TEXT NOT NULL,
        callback_id TEXT NOT NULL UNIQUE,
        secret TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'requested', 'active', 'renewing', 'unsubscribe', 'unsubscribing')),
        lease_seconds INTEGER,
        lease_expires REAL,
        next_action REAL NOT NULL,
        error_streak INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_push REAL,
        created REAL NOT NULL
    );
    CREATE INDEX websub_next_action ON websub_subscriptions(next_action);
    """
}
