/// A cursor over the UTF-8 bytes of a date string. The feed date parsers are hand-written
/// over bytes because feeds carry thousands of dates and `DateFormatter` is slow and
/// locale-dependent.
struct DateScanner {
    let bytes: [UInt8]
    var i = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { i >= bytes.count }
    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func skipSpaces() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    /// Skips spaces and the separators feeds put between date parts (",", "-", "/", ".").
    mutating func skipSeparators() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
                i += 1
            default: return
            }
        }
    }

    mutating func consume(_ c: Character) -> Bool {
        guard let a = c.asciiValue, i < bytes.count, bytes[i] == a else { return false }
        i += 1
        return true
    }

    /// Reads 1…`max` digits.
    mutating func number(max: Int = 9) -> (value: Int, digits: Int)? {
        var v = 0
        var n = 0
        while i < bytes.count, n < max, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            v = v * 10 + Int(bytes[i] - 0x30)
            i += 1
            n += 1
        }
        return n == 0 ? nil : (v, n)
    }

    /// Reads a run of ASCII letters, lowercased.
    mutating func word() -> String? {
        let start = i
        while i < bytes.count, isLetter(bytes[i]) { i += 1 }
        guard i > start else { return nil }
        return String(decoding: bytes[start..<i].map { $0 | 0x20 }, as: UTF8.self)
    }

    func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}

/// Calendar arithmetic without Foundation's `Calendar`, for the hot path.
enum CivilTime {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Seconds since the Unix epoch, or nil when a field is out of range.
    /// A leap second (60) is accepted and folded into the next minute.
    static func epoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                      fraction: Double = 0, offsetSeconds: Int) -> Double? {
        guard (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day),
              (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              year >= 1, year <= 9999 else { return nil }
        if hour == 24, minute != 0 || second != 0 { return nil }
        let d = days(year: year, month: month, day: day)
        let secs = d * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Double(secs) + fraction
    }

    /// Two-digit years as RFC 2822 §4.3 reads them: 00–49 → 20xx, 50–99 → 19xx.
    static func expandYear(_ y: Int, digits: Int) -> Int {
        guard digits <= 2 else { return y }
        return y < 50 ? 2000 + y : 1900 + y
    }

    static let monthNames: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
        "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
        // German, French and Spanish short forms seen in real feeds.
        "mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12, "janv": 1, "févr": 2, "avr": 4,
        "juin": 6, "juil": 7, "août": 8, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
    ]

    static func month(_ word: String) -> Int? {
        if let m = monthNames[word] { return m }
        return word.count > 3 ? monthNames[String(word.prefix(3))] : nil
    }

    static let weekdays: Set<String> = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "tues", "wednes", "thur", "thurs",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]
}
