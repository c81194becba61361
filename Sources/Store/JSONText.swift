import Feeds
import Foundation

/// The JSON columns (authors, regions), written by hand: a JSONEncoder per story costs more
/// than the insert it belongs to.
enum JSONText {
    static func strings(_ values: [String]) -> String {
        var out = "["
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            quote(v, into: &out)
        }
        return out + "]"
    }

    static func regions(_ values: [RegionScore]) -> String {
        var out = "["
        for (i, r) in values.enumerated() {
            if i > 0 { out += "," }
            out += "{\"code\":"
            quote(r.code, into: &out)
            out += ",\"name\":"
            quote(r.name, into: &out)
            out += ",\"weight\":\(r.weight.isFinite ? r.weight : 0)}"
        }
        return out + "]"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }

    static func decodeStrings(_ s: String?) -> [String] {
        guard let s, let data = s.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    static func decodeRegions(_ s: String?) -> [RegionScore] {
        guard let s, let data = s.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([RegionScore].self, from: data)) ?? []
    }
}
