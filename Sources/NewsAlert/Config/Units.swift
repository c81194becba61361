/// Sizes ("512KiB", "10MiB") as the config file writes them (durations: `Rules.Values.duration`).
public enum Units {
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
