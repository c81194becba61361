import Foundation

/// A rule's `digest:` setting: collect its alerts and send them as one message per window
/// (`1h`, `30m`, `1d`, or plain seconds `3600`), or once a day at a local time (`daily 08:00`).
public enum DigestWindow: Sendable, Hashable {
    /// Windows start at local midnight in the owner's zone and last this long; the digest
    /// goes out when a window ends (the last window of a day ends at the next midnight).
    case every(TimeInterval)
    case daily(LocalTime)

    public init(parsing text: String) throws(DeliveryError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("daily") {
            self = .daily(try LocalTime(parsing: String(t.dropFirst("daily".count))))
            return
        }
        if let seconds = Int(t), seconds >= 60 {
            self = .every(TimeInterval(seconds))
            return
        }
        guard let unit = t.last, let amount = Double(t.dropLast()), amount > 0 else {
            throw DeliveryError(.config, "digest '\(text)' is neither a window (30m, 1h, 1d) nor \"daily HH:MM\"")
        }
        let seconds: TimeInterval
        switch unit {
        case "s": seconds = amount
        case "m": seconds = amount * 60
        case "h": seconds = amount * 3600
        case "d": seconds = amount * 86_400
        default: throw DeliveryError(.config, "digest '\(text)': unknown unit '\(unit)'; use s, m, h or d")
        }
        guard seconds >= 60 else { throw DeliveryError(.config, "digest '\(text)': the window must be at least 1m") }
        self = .every(seconds)
    }

    /// When the digest that an alert created at `date` belongs to goes out.
    public func release(after date: Date, in zone: TimeZone) -> Date {
        switch self {
        case .daily(let time):
            return time.next(after: date, in: zone)
        case .every(let window):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let midnight = calendar.startOfDay(for: date)
            let nextMidnight = calendar.date(byAdding: .day, value: 1, to: midnight) ?? midnight.addingTimeInterval(86_400)
            let elapsed = date.timeIntervalSince(midnight)
            let end = midnight.addingTimeInterval((elapsed / window).rounded(.down) * window + window)
            return min(end, nextMidnight)
        }
    }
}

/// A cap on messages per owner and channel (e.g. 30 an hour). Past it, alerts are not
/// dropped: they wait for the next free slot and go out together as one digest.
public struct RateCap: Sendable, Hashable {
    public let limit: Int
    public let window: TimeInterval

    public init(limit: Int, per window: TimeInterval = 3600) {
        self.limit = max(1, limit)
        self.window = window
    }

    /// How many more messages may go out at `now`, given when earlier ones went out.
    public func available(now: Date, recentSends: [Date]) -> Int {
        let inWindow = recentSends.filter { $0 > now.addingTimeInterval(-window) && $0 <= now }.count
        return max(0, limit - inWindow)
    }

    /// When the next message may go out: once enough of the sends in the window have aged out.
    public func nextSlot(now: Date, recentSends: [Date]) -> Date {
        let inWindow = recentSends.filter { $0 > now.addingTimeInterval(-window) && $0 <= now }.sorted()
        guard inWindow.count >= limit else { return now }
        return inWindow[inWindow.count - limit].addingTimeInterval(window)
    }
}
