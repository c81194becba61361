import Foundation

extension ArticleExtractor {
    /// Dates as article pages write them: ISO 8601 / RFC 3339 in meta tags and JSON-LD,
    /// RFC 822 in a few CMSs, and relative phrases ("5 hours ago", "yesterday") in the
    /// bylines of aggregators, which only the fetch time can anchor.
    enum ArticleDates {
        static func parse(_ raw: String) -> Date? {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count < 80 else { return nil }
            if let date = iso8601(text) { return date }
            if let seconds = Double(text), text.count >= 9, text.allSatisfy(\.isNumber) {
                return Date(timeIntervalSince1970: seconds > 1e11 ? seconds / 1000 : seconds)
            }
            return formatted(text)
        }

        /// `YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z|±hh[:]mm]`; a date alone is midnight UTC.
        static func iso8601(_ text: String) -> Date? {
            let chars = Array(text.utf8)
            var index = 0
            func number(_ digits: Int) -> Int? {
                guard index + digits <= chars.count else { return nil }
                var value = 0
                for offset in 0..<digits {
                    let c = chars[index + offset]
                    guard c >= 48 && c <= 57 else { return nil }
                    value = value * 10 + Int(c - 48)
                }
                index += digits
                return value
            }
            func accept(_ c: UInt8) -> Bool {
                guard index < chars.count, chars[index] == c else { return false }
                index += 1
                return true
            }
            guard let year = number(4), accept(45), let month = number(2), accept(45), let day = number(2),
                  (1...12).contains(month), (1...31).contains(day) else { return nil }
            var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
            var offsetSeconds = 0
            if index < chars.count, chars[index] == 84 || chars[index] == 116 || chars[index] == 32 {
                index += 1
                guard let hour = number(2), accept(58), let minute = number(2), hour < 25, minute < 60 else { return nil }
                components.hour = hour
                components.minute = minute
                if accept(58), let second = number(2) { components.second = min(second, 59) }
                if accept(46) || accept(44) { while index < chars.count, chars[index] >= 48, chars[index] <= 57 { index += 1 } }
                while index < chars.count, chars[index] == 32 { index += 1 }
                if accept(90) || accept(122) {
                } else if index < chars.count, chars[index] == 43 || chars[index] == 45 {
                    let sign = chars[index] == 45 ? -1 : 1
                    index += 1
                    guard let hours = number(2) else { return nil }
                    _ = accept(58)
                    let minutes = number(2) ?? 0
                    offsetSeconds = sign * (hours * 3600 + minutes * 60)
                }
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            guard let local = calendar.date(from: components) else { return nil }
            return local.addingTimeInterval(TimeInterval(-offsetSeconds))
        }

        private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        private static let zones: [String: Int] = [
            "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
            "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "bst": 1, "cet": 1, "cest": 2,
        ]

        /// Dates written with a month name — RFC 822 ("Mon, 18 Mar 2024 13:42:00 GMT"),
        /// "March 18, 2024 6:30 p.m.", "18 March 2024" — and "2024/03/18". Read token by token
        /// rather than with `DateFormatter`, whose ICU set-up per call dominated extraction time.
        private static func formatted(_ text: String) -> Date? {
            var year: Int?, month: Int?, day: Int?, hour = 0, minute = 0, second = 0
            var offset = 0
            var pm: Bool?
            let lower = text.lowercased().replacingOccurrences(of: "a.m.", with: "am").replacingOccurrences(of: "p.m.", with: "pm")
            let slashed = lower.split(separator: "/").map(String.init)
            if slashed.count == 3, slashed[0].count == 4, let y = Int(slashed[0]), let m = Int(slashed[1]),
               let d = Int(slashed[2].prefix(while: \.isNumber)) {
                year = y; month = m; day = d
            }
            var tokens: [Substring] = []
            var current = lower[...]
            while !current.isEmpty {
                current = current.drop { " ,\t\n".contains($0) }
                let token = current.prefix { !" ,\t\n".contains($0) }
                if !token.isEmpty { tokens.append(token) }
                current = current.dropFirst(token.count)
            }
            for token in tokens {
                let word = String(token)
                if word.contains(":") {
                    let parts = word.split(separator: ":")
                    guard let first = parts.first else { continue }
                    hour = Int(first) ?? 0
                    minute = parts.count > 1 ? Int(parts[1].prefix(2)) ?? 0 : 0
                    second = parts.count > 2 ? Int(parts[2].prefix(2)) ?? 0 : 0
                    if word.hasSuffix("pm") { pm = true } else if word.hasSuffix("am") { pm = false }
                } else if word == "pm" || word == "am" {
                    pm = word == "pm"
                } else if let zone = zones[word] {
                    offset = zone * 3600
                } else if (word.hasPrefix("+") || word.hasPrefix("-")), word.count >= 5,
                          let value = Int(word.dropFirst().replacingOccurrences(of: ":", with: "")) {
                    offset = (word.hasPrefix("-") ? -1 : 1) * ((value / 100) * 3600 + (value % 100) * 60)
                } else if let number = Int(word.filter(\.isNumber)), word.first?.isNumber == true {
                    if number >= 1000 { year = year ?? number } else if day == nil, (1...31).contains(number) { day = number }
                } else if month == nil, word.count >= 3, let index = months.firstIndex(of: String(word.prefix(3))) {
                    month = index + 1
                }
            }
            guard let year, let month, let day, (1...12).contains(month), (1...31).contains(day),
                  hour < 24, minute < 60 else { return nil }
            if pm == true, hour < 12 { hour += 12 } else if pm == false, hour == 12 { hour = 0 }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
            return calendar.date(from: components)?.addingTimeInterval(TimeInterval(-offset))
        }

        /// "5 hours ago", "an hour ago", "3h ago", "2 days ago", "yesterday", "just now",
        /// found anywhere in a short text ("AP · 5 hours ago").
        static func relative(_ text: String, now: Date) -> Date? {
            let words = text.lowercased()
                .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                .map(String.init)
            guard words.count <= 16 else { return nil }
            for (index, word) in words.enumerated() {
                if word == "yesterday" { return now.addingTimeInterval(-86_400) }
                if word == "now", index > 0, words[index - 1] == "just" { return now }
                guard word == "ago", index >= 1 else { continue }
                var unitWord = words[index - 1]
                var amount: Double?
                if let split = splitCompact(unitWord) {
                    amount = split.0
                    unitWord = split.1
                } else if index >= 2 {
                    let countWord = words[index - 2]
                    amount = Double(countWord) ?? (["a", "an", "one"].contains(countWord) ? 1 : nil)
                }
                guard let amount, let unit = seconds(unitWord) else { continue }
                return now.addingTimeInterval(-amount * unit)
            }
            return nil
        }

        private static func splitCompact(_ word: String) -> (Double, String)? {
            let digits = word.prefix(while: \.isNumber)
            guard !digits.isEmpty, digits.count < word.count, let value = Double(digits) else { return nil }
            return (value, String(word.dropFirst(digits.count)))
        }

        private static func seconds(_ unit: String) -> Double? {
            switch unit {
            case "s", "sec", "secs", "second", "seconds": return 1
            case "m", "min", "mins", "minute", "minutes": return 60
            case "h", "hr", "hrs", "hour", "hours": return 3600
            case "d", "day", "days": return 86_400
            case "w", "wk", "wks", "week", "weeks": return 604_800
            default: return nil
            }
        }
    }
}
