/// Durations ("90s", "5m", "1h", "1d") and sizes ("512KiB", "10MiB") as the config file writes them.
public enum Units {
    /// Seconds in a duration such as `90s`, `5m`, `1h30m`, `1d`; nil when malformed.
    public static func seconds(_ text: String) -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { return nil }
        var total = 0.0
        var number = ""
        var sawUnit = false
        for c in s {
            if c.isNumber || c == "." {
                number.append(c)
                continue
            }
            let factor: Double
            switch c {
            case "s": factor = 1
            case "m": factor = 60
            case "h": factor = 3600
            case "d": factor = 86400
            case "w": factor = 7 * 86400
            default: return nil
            }
            guard let n = Double(number) else { return nil }
            total += n * factor
            number = ""
            sawUnit = true
        }
        guard number.isEmpty, sawUnit else { return nil }
        return total
    }

    /// Bytes in a size such as `512KiB`, `10MiB`, `1GiB`, `2048` (plain bytes), `10MB` (decimal).
    public static func bytes(_ text: String) -> Int? {
        let s = text.trimmingCharacters(in: .whitespaces)
        let digits = s.prefix { $0.isNumber || $0 == "." }
        guard let n = Double(digits), n >= 0 else { return nil }
        let unit = s.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let factors: [String: Double] = [
            "": 1, "b": 1, "kib": 1024, "mib": 1024 * 1024, "gib": 1024 * 1024 * 1024,
            "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000, "k": 1024, "m": 1024 * 1024,
        ]
        guard let f = factors[unit] else { return nil }
        return Int(n * f)
    }
}

import Foundation
