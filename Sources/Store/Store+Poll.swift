import Feeds
import Foundation
import GRDB

extension Store {
    /// Records one poll of one source in ONE transaction: the source's fetch state, its
    /// stories (a known source+guid is updated in place when its content changed, never
    /// stored twice), each new story's cluster, and the outbox rows for it. `match` runs
    /// inside the transaction for every new story (new cluster or joined one) and returns the
    /// alerts the rules want; rows are unique per (owner, rule, channel, cluster), so a later
    /// copy of an alerted story only joins the cluster. If anything throws, nothing is kept.
    @discardableResult
    public func recordPollResult(
        _ result: PollResult,
        match: (StoryRecord, ClusterDecision) throws -> [AlertDraft] = { _, _ in [] }
    ) throws -> PollOutcome {
        let policy = dedup
        // Fingerprints and keys are pure work: computed before taking the write lock.
        let keys = result.stories.map { DedupKeys(story: $0, fetched: result.fetched, policy: policy) }
        return try write { db in
            guard let sourceID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sources WHERE name = ?"),
                                                    arguments: [result.source]) else {
                throw StoreError.unknownSource(result.source)
            }
            try updateSource(db, sourceID, result)
            try recordPollInterval(db, sourceID, result.pollInterval)
            return try storeStories(db, sourceID: sourceID, source: result.source, result.stories, keys: keys,
                                    fetched: result.fetched.timeIntervalSince1970, match: match)
        }
    }

    /// Stores, clusters and matches a batch of stories of one source inside the caller's
    /// transaction. Shared by polls and by pushed content (WebSub), so both dedup alike.
    func storeStories(
        _ db: Database, sourceID: Int64, source: String, _ stories: [Story], keys: [DedupKeys], fetched: Double,
        match: (StoryRecord, ClusterDecision) throws -> [AlertDraft]
    ) throws -> PollOutcome {
        // Before any story is written: the window must be loaded from the rows as committed.
        try window.begin(db, policy: dedup)
        let cutoff = fetched - DedupWindow.span(dedup)
        window.stageExpiry(fetchedBefore: cutoff)
        let clusterer = Clusterer(policy: dedup, window: window, cutoff: cutoff)
        var outcome = PollOutcome()
        for (story, key) in zip(stories, keys) {
            var story = story
            story.fingerprint = key.fingerprint
            if let known = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, content_hash FROM stories WHERE source_id = ? AND guid = ?"),
                                            arguments: [sourceID, story.guid]) {
                if (known[1] as Int64) == key.contentHash {
                    outcome.unchanged += 1
                } else {
                    try updateStory(db, id: known[0], story, key)
                    outcome.updated += 1
                }
                continue
            }
            let decision: ClusterDecision
            if let (cluster, evidence) = try clusterer.findCluster(db, canonicalURL: story.canonicalURL, keys: key) {
                try db.cachedStatement(sql: "UPDATE clusters SET last_seen = max(last_seen, ?), size = size + 1 WHERE id = ?")
                    .execute(arguments: [fetched, cluster])
                decision = .joined(cluster, via: evidence)
            } else {
                try db.cachedStatement(sql: "INSERT INTO clusters (title, first_seen, last_seen) VALUES (?, ?, ?)")
                    .execute(arguments: [story.title, key.seen, fetched])
                decision = .newCluster(db.lastInsertedRowID)
            }
            let id = try insertStory(db, sourceID: sourceID, story, key, fetched: fetched, cluster: decision.clusterID)
            window.stage(WindowEntry(story: id, fetched: fetched, cluster: decision.clusterID, keys: key))
            let record = StoryRecord(id: id, source: source, clusterID: decision.clusterID, story: story)
            outcome.inserted.append(record)
            outcome.decisions.append(decision)
            for draft in try match(record, decision) {
                outcome.alertIDs += try enqueue(db, draft, record, now: fetched)
            }
        }
        return outcome
    }

    private func updateSource(_ db: Database, _ id: Int64, _ r: PollResult) throws {
        try db.cachedStatement(sql: """
            UPDATE sources SET last_fetch = ?, last_status = ?, next_due = ?,
                etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),
                error_streak = CASE WHEN ? IS NULL THEN 0 ELSE error_streak + 1 END,
                failing_since = CASE WHEN ? IS NULL THEN NULL ELSE coalesce(failing_since, ?) END,
                last_error = ?, redirected_to = coalesce(?, redirected_to), gone = ?
            WHERE id = ?
            """).execute(arguments: [r.fetched.timeIntervalSince1970, r.status, r.nextDue.timeIntervalSince1970,
                                     r.etag, r.lastModified, r.error, r.error, r.fetched.timeIntervalSince1970,
                                     r.error, r.redirectedTo, r.gone, id])
    }

    private func insertStory(_ db: Database, sourceID: Int64, _ s: Story, _ k: DedupKeys, fetched: Double, cluster: Int64) throws -> Int64 {
        let b = k.bands
        try db.cachedStatement(sql: """
            INSERT INTO stories (source_id, guid, url, canonical_url, title, summary, text, authors,
                published, fetched, seen, language, regions, fingerprint, band0, band1, band2, band3,
                title_key, lead_key, lead2_key, content_hash, cluster_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                sourceID, s.guid, s.url, s.canonicalURL, s.title, s.summary, s.text, JSONText.strings(s.authors),
                s.published?.timeIntervalSince1970, fetched, k.seen, s.language, JSONText.regions(s.regions),
                Int64(bitPattern: k.fingerprint), b?[0], b?[1], b?[2], b?[3], k.titleKey, k.leadKey, k.lead2Key, k.contentHash, cluster,
            ])
        return db.lastInsertedRowID
    }

    /// Rewrites a re-fetched story in place; if it is still in the dedup window, its window
    /// entries follow its new keys (its cluster stays).
    private func updateStory(_ db: Database, id: Int64, _ s: Story, _ k: DedupKeys) throws {
        if let old = window.entry(id) {
            window.stage(WindowEntry(story: id, fetched: old.fetched, cluster: old.cluster, keys: k))
        }
        let b = k.bands
        try db.cachedStatement(sql: """
            UPDATE stories SET url = ?, canonical_url = ?, title = ?, summary = ?, text = ?, authors = ?,
                published = ?, seen = ?, language = ?, regions = ?, fingerprint = ?,
                band0 = ?, band1 = ?, band2 = ?, band3 = ?, title_key = ?, lead_key = ?, lead2_key = ?, content_hash = ?
            WHERE id = ?
            """).execute(arguments: [
                s.url, s.canonicalURL, s.title, s.summary, s.text, JSONText.strings(s.authors),
                s.published?.timeIntervalSince1970, k.seen, s.language, JSONText.regions(s.regions),
                Int64(bitPattern: k.fingerprint), b?[0], b?[1], b?[2], b?[3], k.titleKey, k.leadKey, k.lead2Key, k.contentHash, id,
            ])
    }
}
