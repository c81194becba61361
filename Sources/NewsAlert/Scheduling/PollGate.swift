import Foundation

/// How many sources are in progress at once, from the start of their fetch until their
/// stories are stored and matched: first come, first served.
///
/// Why: fetching is far faster than parsing, locating and storing (a loopback feed arrives in
/// a millisecond, its 35 stories take tens of milliseconds to store). Without this bound a
/// cycle fetched every due feed at once and left the bodies queued for the single writer, so
/// an item fetched early waited for the whole cycle before it could alert (PipelineBench: p99
/// fetch-to-webhook of the whole cycle's length). With it, at most `capacity` sources are
/// between fetch and store. 304s and errors pass through in a moment, so unchanged cycles keep
/// their full concurrency. Transfers themselves stay under ``DomainLimiter``; this gate is
/// taken once per source and never while holding a transfer permit, so the two cannot deadlock.
///
/// Inside that bound, the CPU-bound part (parse, locate, store, match) runs on at most `workers`
/// sources at once, and no new source starts while `workers` fetched sources already wait for
/// one: so at most a few bodies queue between fetch and store, while transfers of slow hosts,
/// which hold no work slot, still run up to `capacity` side by side.
public actor PollGate {
    private let capacity: Int
    private let workers: Int
    private var inProgress = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var working = 0
    private var backlog: [CheckedContinuation<Void, Never>] = []
    private var admissions: [CheckedContinuation<Void, Never>] = []

    public init(capacity: Int, workers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) {
        self.capacity = max(1, capacity)
        self.workers = max(1, workers)
    }

    /// Runs `body` (one source's poll) once fewer than `capacity` are in progress and fewer
    /// than `workers` fetched sources wait for a work slot.
    public func withSlot<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        if backlog.count >= workers { await withCheckedContinuation { admissions.append($0) } }
        await enter()
        defer { leave() }
        return await body()
    }

    /// Takes a work slot (first come, first served) for a fetched source's CPU-bound part.
    public func beginWork() async {
        if working < workers {
            working += 1
            return
        }
        await withCheckedContinuation { backlog.append($0) }
    }

    /// Hands the work slot to the next fetched source, and lets one new source start if the
    /// queue of fetched sources is short again.
    public func endWork() {
        if backlog.isEmpty {
            working -= 1
        } else {
            backlog.removeFirst().resume()
        }
        if backlog.count < workers, !admissions.isEmpty { admissions.removeFirst().resume() }
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
