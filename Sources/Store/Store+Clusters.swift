import Feeds
import Foundation
import GRDB

/// A story cluster for `newsalert stories` (`stories --json` in DESIGN.md).
public struct ClusterSummary: Sendable, Equatable, Encodable {
    public var id: Int64
    public var title: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var stories: [ClusterMember]

    enum CodingKeys: String, CodingKey { case id, title, firstSeen = "first_seen", stories }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(RFC3339.string(firstSeen), forKey: .firstSeen)
        try c.encode(stories, forKey: .stories)
    }
}

public struct ClusterMember: Sendable, Equatable, Encodable {
    public var source: String
    public var guid: String
    public var url: String?
    public var title: String
    public var published: Date?

    enum CodingKeys: String, CodingKey { case source, guid, url, title, published }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(guid, forKey: .guid)
        try c.encode(url, forKey: .url)
        try c.encode(title, forKey: .title)
        try c.encode(published.map(RFC3339.string), forKey: .published)
    }
}

extension Store {
    /// Clusters with a story fetched since `since`, most recently active first, each with all
    /// its members (earliest first).
    public func clusters(since: Date, limit: Int = 1000) throws -> [ClusterSummary] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, title, first_seen, last_seen FROM clusters WHERE last_seen >= ?
                ORDER BY last_seen DESC LIMIT ?
                """, arguments: [since.timeIntervalSince1970, limit])
            return try rows.map { c in
                let id: Int64 = c["id"]
                let members = try Row.fetchAll(db.cachedStatement(sql: Self.membersSQL), arguments: [id]).map {
                    ClusterMember(source: $0["source"], guid: $0["guid"], url: $0["url"], title: $0["title"],
                                  published: Self.date($0["published"]))
                }
                return ClusterSummary(id: id, title: c["title"], firstSeen: Date(timeIntervalSince1970: c["first_seen"]),
                                      lastSeen: Date(timeIntervalSince1970: c["last_seen"]), stories: members)
            }
        }
    }

    static let membersSQL = """
        SELECT src.name AS source, s.guid, s.url, s.title, s.published
        FROM stories s JOIN sources src ON src.id = s.source_id
        WHERE s.cluster_id = ? ORDER BY s.seen, s.id
        """

    /// The stored story count (for metrics and tests).
    public func storyCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM stories") ?? 0 }
    }
}

/// The JSON document of `newsalert stories --json`: `{"clusters": [...]}`.
public struct StoriesReport: Sendable, Encodable {
    public var clusters: [ClusterSummary]
    public init(clusters: [ClusterSummary]) { self.clusters = clusters }
}
