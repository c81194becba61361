import Foundation

/// Parsers for the small value formats of rules files (DESIGN "Rules file").
public enum Values {
    /// `90s`, `5m`, `1h`, `1d` → seconds.
    public static func duration(_ s: String) -> Int? {
        guard let unit = s.last, s.count >= 2, let n = Int(s.dropLast()), n > 0 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86400
        default: return nil
        }
    }

    /// `HH:MM` → minutes after midnight.
    static func clock(_ s: Substring) -> Int? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        return h * 60 + m
    }

    static func digest(_ s: String) -> DigestSchedule? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("daily ") {
            guard let m = clock(t.dropFirst(6).drop { $0 == " " }) else { return nil }
            return .daily(hour: m / 60, minute: m % 60)
        }
        return duration(t).map { .every(seconds: $0) }
    }

    static func quietHours(_ s: String) -> QuietHours? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let a = clock(Substring(parts[0].trimmingCharacters(in: .whitespaces))),
              let b = clock(Substring(parts[1].trimmingCharacters(in: .whitespaces))), a != b else { return nil }
        return QuietHours(start: a, end: b)
    }

    static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let bad = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "<>,;\"()[]"))
        return s.unicodeScalars.allSatisfy { !bad.contains($0) } && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    static func isWebhookURL(_ s: String) -> Bool {
        guard let c = URLComponents(string: s), let scheme = c.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = c.host, !host.isEmpty else { return false }
        return true
    }

    static func isEnvName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
