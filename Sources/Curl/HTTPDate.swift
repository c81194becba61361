import Foundation

/// HTTP-date parsing (RFC 9110 §5.6.7): IMF-fixdate, plus the obsolete RFC 850 and asctime
/// forms recipients must still accept. Used for Retry-After, Expires and Date.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String) -> Date? {
        // Split on spaces, commas and dashes: every form becomes day-name, day, month, year, time
        // (asctime: day-name, month, day, time, year).
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        guard parts.count >= 5 else { return nil }
        var day: Int?, month: Int?, year: Int?, clock: [Int]?
        for part in parts.dropFirst() {
            if part.contains(":") {
                let fields = part.split(separator: ":").compactMap { Int($0) }
                guard fields.count == 3 else { return nil }
                clock = fields
            } else if let index = months.firstIndex(of: part.lowercased()) {
                month = index + 1
            } else if let number = Int(part) {
                if day == nil && number <= 31 && part.count <= 2 { day = number } else { year = number }
            }
        }
        guard let day, let month, var year, let clock else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }  // RFC 9110 §5.6.7: two-digit years
        guard (1...31).contains(day), clock[0] < 24, clock[1] < 60, clock[2] <= 60 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func rfc3339(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
