import Foundation

/// The `inspect --json` contract of DESIGN.md ⚑: one JSON object per document, keys in the
/// documented order, dates RFC 3339 UTC or null, fingerprint as 16 hex digits.
public enum InspectJSON {
    /// One line of JSON (no newline); with `input`, the object starts with `"input"` as
    /// JSON Lines for several inputs require.
    public static func object(for doc: ParsedDocument, input: String? = nil) -> String {
        var o = "{"
        if let input { o += "\"input\":\(string(input)),"}
        o += "\"kind\":\(string(doc.kind.rawValue)),"
        o += "\"feed\":{\"title\":\(optional(doc.feed.title)),\"link\":\(optional(doc.feed.link)),\"language\":\(optional(doc.feed.language))"
        if let ttl = doc.feed.ttlMinutes { o += ",\"ttl\":\(ttl)" }
        if !doc.feed.skipHours.isEmpty { o += ",\"skip_hours\":[\(doc.feed.skipHours.map(String.init).joined(separator: ","))]" }
        if let hub = doc.feed.hub { o += ",\"hub\":\(string(hub))" }
        if let s = doc.feed.selfURL { o += ",\"self\":\(string(s))" }
        if !doc.feed.discoveredFeeds.isEmpty { o += ",\"feeds\":\(array(doc.feed.discoveredFeeds))" }
        if !doc.feed.sitemaps.isEmpty { o += ",\"sitemaps\":\(array(doc.feed.sitemaps))" }
        o += "},\"stories\":["
        o += doc.stories.map(story).joined(separator: ",")
        o += "],\"warnings\":\(array(doc.warnings))}"
        return o
    }

    static func story(_ s: Story) -> String {
        var o = "{\"guid\":\(string(s.guid)),\"url\":\(optional(s.url)),\"title\":\(string(s.title)),"
        o += "\"summary\":\(string(s.summary)),\"text\":\(string(s.text)),\"authors\":\(array(s.authors)),"
        o += "\"published\":\(date(s.published)),\"updated\":\(date(s.updated)),"
        o += "\"categories\":\(array(s.categories)),\"language\":\(optional(s.language)),\"image\":\(optional(s.image)),"
        o += "\"regions\":[" + s.regions.map { r in
            "{\"code\":\(string(r.code)),\"name\":\(string(r.name)),\"weight\":\((r.weight * 1000).rounded() / 1000)}"
        }.joined(separator: ",") + "],"
        o += "\"fingerprint\":\"\(StableHash.hex64(s.fingerprint))\"}"
        return o
    }

    static func date(_ d: Date?) -> String { d.map { "\"\(RFC3339.string($0))\"" } ?? "null" }
    static func optional(_ s: String?) -> String { s.map(string) ?? "null" }
    static func array(_ a: [String]) -> String { "[" + a.map(string).joined(separator: ",") + "]" }

    /// A JSON string literal (RFC 8259 §7).
    public static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
