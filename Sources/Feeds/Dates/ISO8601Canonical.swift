/// The RFC 3339 form Atom feeds send, `2024-07-30T18:04:00Z` or `2024-07-30T18:04:00+02:00`
/// (RFC 3339 §5.6 without fractional seconds), read straight from the bytes. Anything else
/// returns nil and goes through `ISO8601Date.parse`, which reads this form to the same
/// instant: the fast path only skips the scanner's copy and its step-by-step reading.
extension ISO8601Date {
    static func canonical(_ text: String) -> Double? {
        let n = text.utf8.count
        guard n == 20 || n == 25 else { return nil }
        var copy = text
        return copy.withUTF8 { b -> Double? in
            func digits(_ i: Int, _ count: Int) -> Int? { FixedDigits.read(b, at: i, count: count) }
            guard let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D,
                  let day = digits(8, 2), b[10] == 0x54 || b[10] == 0x74,
                  let hour = digits(11, 2), b[13] == 0x3A, let minute = digits(14, 2), b[16] == 0x3A,
                  let second = digits(17, 2) else { return nil }
            var offset = 0
            if n == 20 {
                guard b[19] | 0x20 == 0x7A else { return nil }  // "Z" or "z"
            } else {
                guard b[19] == 0x2B || b[19] == 0x2D, let hh = digits(20, 2), b[22] == 0x3A,
                      let mm = digits(23, 2) else { return nil }
                offset = (b[19] == 0x2D ? -1 : 1) * (hh * 3600 + mm * 60)
            }
            return CivilTime.epoch(year: year, month: month, day: day, hour: hour, minute: minute,
                                   second: second, fraction: 0, offsetSeconds: offset)
        }
    }
}
