import Foundation

/// Polling goes on while a source is pushed to, only slower (the safety net: a hub
/// can drop pushes or the subscription silently). The interval the scheduler chose is
/// stretched by `factor`, at most to `cap` (never below the scheduler's own interval), and
/// never past the lease's end, so a subscription that lapses is back on the normal pace.
enum PollSafetyNet {
    static func stretch(due: Date, now: Date, leaseEnd: Date, factor: Double, cap: Double) -> Date {
        let interval = due.timeIntervalSince(now)
        guard interval > 0 else { return due }
        let stretched = now.addingTimeInterval(min(interval * factor, max(interval, cap)))
        return min(stretched, max(due, leaseEnd))
    }
}
