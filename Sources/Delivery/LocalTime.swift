import Foundation

/// A wall-clock time of day, `HH:MM`, in an owner's time zone.
public struct LocalTime: Sendable, Hashable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// From minutes after midnight, the form the Rules module stores.
    public init(minutesOfDay: Int) {
        let m = ((minutesOfDay % 1440) + 1440) % 1440
        self.init(hour: m / 60, minute: m % 60)
    }

    public init(parsing text: String) throws(DeliveryError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else {
            throw DeliveryError(.config, "'\(text)' is not a time of day; write HH:MM, e.g. 07:30")
        }
        hour = h
        minute = m
    }

    var minutesOfDay: Int { hour * 60 + minute }

    public var description: String { String(format: "%02d:%02d", hour, minute) }

    /// The first instant strictly after `date` whose local time is this one. On a day whose
    /// clock skips this time (DST spring forward) the next existing time is taken.
    func next(after date: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.nextDate(
            after: date, matching: DateComponents(hour: hour, minute: minute, second: 0),
            matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward
        ) ?? date.addingTimeInterval(86_400)
    }

    /// Minutes since local midnight of `date` in `zone`.
    static func minutesOfDay(_ date: Date, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return (c.hour ?? 0) * 60 + (c.minute ?? 0)
    }
}

/// Rules file `quiet_hours: "22:00-07:00"`: alerts wait and go out as one digest when the
/// quiet period ends. A range that crosses midnight is the usual case.
public struct QuietPeriod: Sendable, Hashable {
    public let start: LocalTime
    public let end: LocalTime

    public init(start: LocalTime, end: LocalTime) {
        self.start = start
        self.end = end
    }

    /// From minutes after midnight, the form the Rules module stores.
    public init(startMinute: Int, endMinute: Int) {
        self.init(start: LocalTime(minutesOfDay: startMinute), end: LocalTime(minutesOfDay: endMinute))
    }

    public init(parsing text: String) throws(DeliveryError) {
        let parts = text.split(separator: "-")
        guard parts.count == 2 else {
            throw DeliveryError(.config, "quiet_hours '\(text)' is not a range; write e.g. \"22:00-07:00\"")
        }
        start = try LocalTime(parsing: String(parts[0]))
        end = try LocalTime(parsing: String(parts[1]))
    }

    public func contains(_ date: Date, in zone: TimeZone) -> Bool {
        let m = LocalTime.minutesOfDay(date, in: zone)
        let s = start.minutesOfDay, e = end.minutesOfDay
        if s == e { return false }
        return s < e ? (m >= s && m < e) : (m >= s || m < e)
    }

    /// When the quiet period containing `date` ends, or nil if `date` is not quiet.
    public func end(ofPeriodContaining date: Date, in zone: TimeZone) -> Date? {
        guard contains(date, in: zone) else { return nil }
        return end.next(after: date, in: zone)
    }
}
