import Foundation

/// Every date a feed or sitemap carries goes through here. The result is always UTC (a
/// `Date` is an instant); a date no parser understands is nil and the caller records a
/// warning — never silently the fetch time.
public enum FeedDate {
    /// Parses RFC 822/2822 and RFC 3339/ISO 8601/W3C-DTF dates and their common broken forms.
    public static func parse(_ text: String) -> Date? {
        if let t = RFC822Date.canonical(text) ?? ISO8601Date.canonical(text) { return Date(timeIntervalSince1970: t) }
        var s = DateScanner(text)
        s.skipSpaces()
        guard let first = s.peek else { return nil }
        if s.isDigit(first) {
            var iso = s
            if let t = ISO8601Date.parse(&iso) {
                iso.skipSpaces()
                if iso.atEnd { return Date(timeIntervalSince1970: t) }
            }
            // Unix timestamps (10 digits) turn up in some JSON feeds and sitemaps.
            if let n = Int(text.trimmingCharacters(in: .whitespaces)), n > 100_000_000, n < 10_000_000_000 {
                return Date(timeIntervalSince1970: Double(n))
            }
        }
        var r = s
        if let t = RFC822Date.parse(&r) { return Date(timeIntervalSince1970: t) }
        return nil
    }
}
