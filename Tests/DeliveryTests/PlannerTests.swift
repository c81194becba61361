import Foundation
import Testing
@testable import Delivery

@Suite struct PlannerTests {
    static let zone = ScheduleTests.berlin
    static func at(_ s: String) -> Date { ScheduleTests.local(s) }
    static let noon = at("2024-07-30 12:00")

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let due: [PendingAlert]
        let now: Date
        let policy: ChannelPolicy
        let recentSends: [Date]
        let expected: [PlanStep]
        var testDescription: String { name }
    }

    static let quiet = try! QuietPeriod(parsing: "22:00-07:00")
    static let hourly = try! DigestWindow(parsing: "1h")

    static let cases: [Case] = [
        Case(name: "plain alerts go one by one",
             due: [PendingAlert(id: 2, createdAt: at("2024-07-30 11:59")), PendingAlert(id: 1, createdAt: at("2024-07-30 11:58"))],
             now: noon, policy: ChannelPolicy(timeZone: zone), recentSends: [],
             expected: [.send(1), .send(2)]),
        Case(name: "quiet hours hold everything until they end",
             due: [PendingAlert(id: 1, createdAt: at("2024-07-30 23:00")), PendingAlert(id: 2, createdAt: at("2024-07-30 23:30"), digest: hourly)],
             now: at("2024-07-30 23:30"), policy: ChannelPolicy(timeZone: zone, quietHours: quiet), recentSends: [],
             expected: [.hold([1, 2], until: at("2024-07-31 07:00"), reason: .quietHours)]),
        Case(name: "held alerts go out as one digest when quiet hours end",
             due: [PendingAlert(id: 1, createdAt: at("2024-07-30 23:00"), held: true), PendingAlert(id: 2, createdAt: at("2024-07-31 01:00"), held: true)],
             now: at("2024-07-31 07:00"), policy: ChannelPolicy(timeZone: zone, quietHours: quiet), recentSends: [],
             expected: [.sendDigest([1, 2])]),
        Case(name: "a digest rule waits for its window",
             due: [PendingAlert(id: 5, createdAt: at("2024-07-30 11:50"), digest: hourly), PendingAlert(id: 6, createdAt: at("2024-07-30 12:00"), digest: hourly)],
             now: noon, policy: ChannelPolicy(timeZone: zone), recentSends: [],
             expected: [.hold([6], until: at("2024-07-30 13:00"), reason: .digestWindow), .sendDigest([5])]),
        Case(name: "digest and plain alerts together",
             due: [PendingAlert(id: 1, createdAt: at("2024-07-30 11:10"), digest: hourly), PendingAlert(id: 2, createdAt: at("2024-07-30 11:20"), digest: hourly), PendingAlert(id: 3, createdAt: at("2024-07-30 11:59"))],
             now: noon, policy: ChannelPolicy(timeZone: zone), recentSends: [],
             expected: [.sendDigest([1, 2]), .send(3)]),
        Case(name: "rate cap: past the cap alerts roll into the next digest",
             due: (1...4).map { PendingAlert(id: Int64($0), createdAt: noon) },
             now: noon, policy: ChannelPolicy(timeZone: zone, rateCap: RateCap(limit: 30)),
             recentSends: (0..<28).map { noon.addingTimeInterval(-3000 + Double($0)) },
             expected: [.send(1), .send(2), .hold([3, 4], until: noon.addingTimeInterval(600), reason: .rateCap)]),
        Case(name: "rate cap full: everything waits for the first free slot",
             due: [PendingAlert(id: 9, createdAt: noon)],
             now: noon, policy: ChannelPolicy(timeZone: zone, rateCap: RateCap(limit: 2)),
             recentSends: [noon.addingTimeInterval(-1000), noon.addingTimeInterval(-10)],
             expected: [.hold([9], until: noon.addingTimeInterval(2600), reason: .rateCap)]),
        Case(name: "capped alerts then go out as one digest, taking one slot",
             due: [PendingAlert(id: 3, createdAt: noon, held: true), PendingAlert(id: 4, createdAt: noon, held: true), PendingAlert(id: 5, createdAt: noon)],
             now: noon, policy: ChannelPolicy(timeZone: zone, rateCap: RateCap(limit: 1)), recentSends: [],
             expected: [.sendDigest([3, 4]), .hold([5], until: noon.addingTimeInterval(3600), reason: .rateCap)]),
    ]

    @Test(arguments: cases)
    func plan(_ c: Case) {
        let steps = DeliveryPlanner.plan(c.due, now: c.now, policy: c.policy, recentSends: c.recentSends)
        #expect(steps == c.expected)
        let ids = steps.flatMap { step -> [Int64] in
            switch step {
            case .send(let id): [id]
            case .sendDigest(let ids), .hold(let ids, _, _): ids
            }
        }
        #expect(ids.sorted() == c.due.map(\.id).sorted(), "every alert appears exactly once")
    }
}
