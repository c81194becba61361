/// RFC 3339 / ISO 8601 / W3C-DTF (https://www.w3.org/TR/NOTE-datetime) dates as feeds
/// write them: `2024-07-30T18:04:00Z`, `2024-07-30T18:04:00.123+05:30`, `2024-07-30 18:04:00 +0000`,
/// `2024-07-30T18:04Z`, `20240730T180400Z`, `2024-07-30`, `2024-07`, `2024`.
/// A missing zone is read as UTC (W3C-DTF requires one; feeds that drop it mostly mean UTC).
enum ISO8601Date {
    static func parse(_ s: inout DateScanner) -> Double? {
        let start = s.i
        guard let (year, yd) = s.number(max: 4), yd == 4 else { s.i = start; return nil }
        var month = 1, day = 1
        let dashed = s.consume("-") || s.consume("/")
        if dashed {
            guard let (m, _) = s.number(max: 2) else { s.i = start; return nil }
            month = m
            if s.consume("-") || s.consume("/") {
                guard let (d, _) = s.number(max: 2) else { s.i = start; return nil }
                day = d
            }
        } else if let (md, n) = s.number(max: 4), n == 4 {
            month = md / 100
            day = md % 100
        }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        let beforeTime = s.i
        if s.consume("T") || s.consume("t") || s.consume(" ") {
            s.skipSpaces()
            if let (h, hd) = s.number(max: 2), hd == 2 {
                hour = h
                let colon = s.consume(":")
                if let (mi, _) = s.number(max: 2) {
                    minute = mi
                    if (colon ? s.consume(":") : true), let (se, _) = s.number(max: 2) {
                        second = se
                        if s.consume(".") || s.consume(",") {
                            var digits = 0, scale = 1
                            while let b = s.peek, s.isDigit(b) {
                                if scale < 1_000_000_000 {
                                    digits = digits * 10 + Int(b - 0x30)
                                    scale *= 10
                                }
                                s.i += 1
                            }
                            fraction = Double(digits) / Double(scale)
                        }
                    }
                }
                s.skipSpaces()
                if let zone = parseZone(&s) { offset = zone }
            } else {
                s.i = beforeTime
            }
        }
        return CivilTime.epoch(year: year, month: month, day: day, hour: hour, minute: minute,
                               second: second, fraction: fraction, offsetSeconds: offset)
    }

    /// `Z`, `+05:30`, `+0530`, `-05`, or a zone name (`UTC`, `GMT`, `EST`).
    static func parseZone(_ s: inout DateScanner) -> Int? {
        guard let c = s.peek else { return nil }
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            let save = s.i
            s.i += 1
            guard let (hh, hd) = s.number(max: 2) else { s.i = save; return nil }
            var mm = 0
            if hd == 2 {
                _ = s.consume(":")
                if let (m, _) = s.number(max: 2) { mm = m }
            }
            let sign = c == UInt8(ascii: "-") ? -1 : 1
            return sign * (hh * 3600 + mm * 60)
        }
        let save = s.i
        if s.isLetter(c), let w = s.word(), let minutes = ZoneNames.offset(w), w != "a", w != "p" {
            return minutes * 60
        }
        s.i = save
        return nil
    }
}
