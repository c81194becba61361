import Feeds
import GRDB

extension Store {
    /// The guids among `stories` that `source` already holds with the same content: a poll
    /// records them as unchanged, so they need no place detection or matching. Most items of
    /// a feed answered with 200 are ones seen before; locating them again would cost more
    /// than parsing them. A read, outside the poll's transaction: a story that changes in
    /// between (a WebSub push) is still compared inside it.
    public func unchangedStories(source: String, _ stories: [Story]) throws -> Set<String> {
        guard !stories.isEmpty else { return [] }
        let hashes = Dictionary(stories.map { ($0.guid, DedupKeys.contentHash($0)) }, uniquingKeysWith: { first, _ in first })
        return try read { db in
            guard let sourceID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM sources WHERE name = ?"),
                                                    arguments: [source]) else { return [] }
            var unchanged: Set<String> = []
            let guids = Array(hashes.keys)
            for start in stride(from: 0, to: guids.count, by: 500) {
                let chunk = Array(guids[start..<min(start + 500, guids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: "SELECT guid, content_hash FROM stories WHERE source_id = ? AND guid IN (\(marks))",
                                               arguments: StatementArguments([sourceID] + chunk))
                while let row = try rows.next() {
                    let guid: String = row[0]
                    if hashes[guid] == row[1] { unchanged.insert(guid) }
                }
            }
            return unchanged
        }
    }
}
