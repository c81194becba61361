/// How many sources are in progress at once, from the start of their fetch until their
/// stories are stored and matched: first come, first served.
///
/// Why: fetching is far faster than parsing, locating and storing (a loopback feed arrives in
/// a millisecond, its 35 stories take tens of milliseconds to store). Without this bound a
/// cycle fetched every due feed at once and left the bodies queued for the single writer, so
/// an item fetched early waited for the whole cycle before it could alert (PipelineBench: p99
/// fetch-to-webhook of the whole cycle's length). With it, a fetched item waits behind at most
/// `capacity - 1` others. 304s and errors pass through in a moment, so unchanged cycles keep
/// their full concurrency. Transfers themselves stay under ``DomainLimiter``; this gate is
/// taken once per source and never while holding a transfer permit, so the two cannot deadlock.
public actor PollGate {
    private let capacity: Int
    private var inProgress = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Runs `body` (one source's poll) once fewer than `capacity` are in progress.
    public func withSlot<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        await enter()
        defer { leave() }
        return await body()
    }

    private func enter() async {
        if inProgress < capacity {
            inProgress += 1
            return
        }
        // The slot is handed over by `leave`, so a newcomer cannot overtake a waiter.
        await withCheckedContinuation { waiters.append($0) }
    }

    private func leave() {
        if waiters.isEmpty {
            inProgress -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
