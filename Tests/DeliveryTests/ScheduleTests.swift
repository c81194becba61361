import Foundation
import Testing
@testable import Delivery

/// Quiet hours, digest windows and the rate cap, with an injected clock (times are written
/// in the owner's zone, Europe/Berlin, which has DST).
@Suite struct ScheduleTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// "2024-07-30 23:15" in Berlin (CEST, UTC+2).
    static func local(_ text: String, _ zone: TimeZone = berlin) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.date(from: text)!
    }

    static let quiet: [(String, String?)] = [
        ("2024-07-30 21:59", nil),
        ("2024-07-30 22:00", "2024-07-31 07:00"),
        ("2024-07-30 23:15", "2024-07-31 07:00"),
        ("2024-07-31 03:00", "2024-07-31 07:00"),
        ("2024-07-31 06:59", "2024-07-31 07:00"),
        ("2024-07-31 07:00", nil),
        ("2024-03-30 23:00", "2024-03-31 07:00"),   // the night clocks go forward
        ("2024-10-27 02:30", "2024-10-27 07:00"),   // the night clocks go back
    ]

    @Test(arguments: quiet)
    func quietHoursAcrossMidnight(_ now: String, _ end: String?) throws {
        let q = try QuietPeriod(parsing: "22:00-07:00")
        #expect(q.end(ofPeriodContaining: Self.local(now), in: Self.berlin) == end.map { Self.local($0) })
    }

    @Test func daytimeQuietHours() throws {
        let q = try QuietPeriod(parsing: "12:00-13:30")
        #expect(q.contains(Self.local("2024-07-30 12:45"), in: Self.berlin))
        #expect(!q.contains(Self.local("2024-07-30 13:30"), in: Self.berlin))
    }

    @Test(arguments: ["22-07", "22:00", "25:00-07:00", "22:00-07:60", "a-b"])
    func badQuietHours(_ text: String) {
        #expect(throws: DeliveryError.self) { try QuietPeriod(parsing: text) }
    }

    static let digests: [(String, String, String)] = [
        ("1h", "2024-07-30 10:20", "2024-07-30 11:00"),
        ("1h", "2024-07-30 10:00", "2024-07-30 11:00"),
        ("30m", "2024-07-30 10:29", "2024-07-30 10:30"),
        ("5h", "2024-07-30 21:00", "2024-07-31 00:00"),   // last window of the day ends at midnight
        ("1d", "2024-07-30 10:20", "2024-07-31 00:00"),
        ("daily 08:00", "2024-07-30 07:59", "2024-07-30 08:00"),
        ("daily 08:00", "2024-07-30 08:00", "2024-07-31 08:00"),
        ("daily 08:00", "2024-07-30 19:00", "2024-07-31 08:00"),
        ("daily 02:30", "2024-03-30 12:00", "2024-03-31 03:00"),  // 02:30 does not exist that night
    ]

    @Test(arguments: digests)
    func digestRelease(_ setting: String, _ created: String, _ release: String) throws {
        let schedule = try DigestWindow(parsing: setting)
        #expect(schedule.release(after: Self.local(created), in: Self.berlin) == Self.local(release))
    }

    @Test(arguments: ["", "1x", "0h", "daily", "daily 8", "weekly 08:00", "30s", "59"])
    func badDigests(_ text: String) {
        #expect(throws: DeliveryError.self) { try DigestWindow(parsing: text) }
    }

    @Test func rateCapSlots() {
        let now = Self.local("2024-07-30 12:00")
        let cap = RateCap(limit: 3, per: 3600)
        let sends = [-3500.0, -1800, -60, -4000].map { now.addingTimeInterval($0) }
        #expect(cap.available(now: now, recentSends: sends) == 0)
        #expect(cap.nextSlot(now: now, recentSends: sends) == now.addingTimeInterval(100))
        #expect(cap.available(now: now, recentSends: Array(sends.prefix(2))) == 1)
        #expect(cap.nextSlot(now: now, recentSends: []) == now)
    }
}

extension ScheduleTests {
    @Test func formsTheRulesModuleStores() throws {
        #expect(QuietPeriod(startMinute: 22 * 60, endMinute: 7 * 60) == (try QuietPeriod(parsing: "22:00-07:00")))
        #expect(try DigestWindow(parsing: "3600") == .every(3600))
        #expect(try DigestWindow(parsing: "90s") == .every(90))
        #expect(try DigestWindow(parsing: "daily 8:05") == .daily(LocalTime(hour: 8, minute: 5)))
    }
}
