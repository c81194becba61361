/// RFC 822 §5 / RFC 2822 §3.3 dates and the forms feeds actually send:
/// `Tue, 30 Jul 2024 18:04:00 GMT`, missing weekday or seconds, a wrong weekday (ignored),
/// any zone form (`GMT`, `UT`, `EST`, `+0000`, `+00:00`, military letters), two-digit years,
/// full month names, `July 30, 2024 6:04 PM EST`, `Tue Jul 30 18:04:00 UTC 2024` (ctime),
/// `30-Jul-2024 18:04`. Read token by token so that order variations still work.
enum RFC822Date {
    static func parse(_ s: inout DateScanner) -> Double? {
        var year: (Int, Int)?
        var month: Int?
        var day: Int?
        var hour: Int?, minute = 0, second = 0
        var offset: Int?
        var pm: Bool?
        var pendingNumbers: [(Int, Int)] = []

        while true {
            s.skipSeparators()
            guard let c = s.peek else { break }
            if s.isDigit(c) {
                let (n, digits) = s.number()!
                if s.consume(":") {
                    guard hour == nil, let (mi, _) = s.number(max: 2) else { return nil }
                    hour = n
                    minute = mi
                    if s.consume(":"), let (se, _) = s.number(max: 2) { second = se }
                    if s.consume(".") { _ = s.number() }
                    s.skipSpaces()
                    if let z = ISO8601Date.parseZone(&s) { offset = z }
                    continue
                }
                if digits >= 3 || (month != nil && day != nil && year == nil) {
                    year = (n, digits)
                } else if month != nil && day == nil && pendingNumbers.isEmpty {
                    day = n
                } else {
                    pendingNumbers.append((n, digits))
                }
            } else if (c == UInt8(ascii: "+")) && hour != nil {
                guard let z = ISO8601Date.parseZone(&s) else { return nil }
                offset = z
            } else if s.isLetter(c) {
                let w = s.word()!
                if let m = CivilTime.month(w), month == nil {
                    month = m
                } else if CivilTime.weekdays.contains(w) || w == "at" || w == "of" || w == "the" {
                    continue
                } else if w == "am" || w == "a" && s.consume(".") && s.consume("m") {
                    pm = false
                } else if w == "pm" || w == "p" && s.consume(".") && s.consume("m") {
                    pm = true
                } else if ["st", "nd", "rd", "th"].contains(w) {
                    continue
                } else if let z = ZoneNames.offset(w) {
                    offset = z * 60
                    // "GMT+2", "UTC-05:00": a named zone followed by an offset from it.
                    if let p = s.peek, p == UInt8(ascii: "+") || p == UInt8(ascii: "-"),
                       let more = ISO8601Date.parseZone(&s) {
                        offset = (offset ?? 0) + more
                    }
                } else {
                    return nil
                }
            } else {
                // Parentheses hold comments in RFC 822 ("(PDT)"); skip them.
                if c == UInt8(ascii: "(") {
                    while let p = s.peek, p != UInt8(ascii: ")") { s.i += 1 }
                    s.i += 1
                    continue
                }
                return nil
            }
        }
        for (n, digits) in pendingNumbers {
            if day == nil, digits <= 2, n >= 1, n <= 31 { day = n }
            else if year == nil { year = (n, digits) }
        }
        guard let m = month, let d = day, let (y, yd) = year else { return nil }
        var h = hour ?? 0
        if let pm {
            guard h >= 1, h <= 12 else { return nil }
            if pm && h < 12 { h += 12 }
            if !pm && h == 12 { h = 0 }
        }
        return CivilTime.epoch(year: CivilTime.expandYear(y, digits: yd), month: m, day: d,
                               hour: h, minute: minute, second: second, offsetSeconds: offset ?? 0)
    }
}
