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

    /// RFC 3339 in UTC with a "Z" (fractional seconds only when present).
    public static func rfc3339(_ d: Date) -> String {
        let millis = Int((d.timeIntervalSince1970 * 1000).rounded())
        let secs = Int((Double(millis) / 1000).rounded(.down))
        let ms = millis - secs * 1000
        var days = secs / 86400
        var rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, dd) = civil(days)
        var s = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", y, m, dd, rem / 3600, rem % 3600 / 60, rem % 60)
        if ms > 0 { s += String(format: ".%03d", ms) }
        return s + "Z"
    }

    /// Days since 1970-01-01 → (year, month, day), Hinnant's civil_from_days.
    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func date(_ d: Date?) -> String { d.map { "\"\(rfc3339($0))\"" } ?? "null" }
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
