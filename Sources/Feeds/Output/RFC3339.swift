import Foundation

/// RFC 3339 in UTC with a "Z", fractional seconds (milliseconds) only when the date has them:
/// the one form of every date newsalert prints — `inspect --json`, the CLI's listings, the
/// store's JSON, webhooks, emails and chat messages (DESIGN.md: "Dates are RFC 3339 in UTC").
/// Computed from the seconds since 1970 (no formatter object, no time-zone database), so it is
/// the same on every machine and for dates before 1970.
public enum RFC3339 {
    public static func string(_ d: Date) -> String {
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
    private static func civil(_ z0: Int) -> (Int, Int, Int) {
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
}
