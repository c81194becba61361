import Foundation

/// How many sources are in progress at once, and how far fetching may run ahead of processing.
///
/// Why: fetching is far faster than parsing, locating and storing (a loopback feed arrives in
/// a millisecond, its 35 stories take tens of milliseconds to store). A body fetched before a
/// worker can take it waits, and its items' fetch-to-webhook time grows by the wait: with 32
/// sources admitted at once, 30 bodies queued and an item waited ~0.6 s before it was even
/// parsed (PipelineBench breakdown, issue 8: p99 fetch-to-webhook ≤ 1 s).
///
/// So a source is admitted (`withSlot`) only while (a) fewer than `capacity` are in progress,
/// from the start of their fetch until stored, and (b) fewer than `workers + lookahead` are in
/// the *fast lane*: working, fetched and waiting for a work slot, or fetching for less than
/// `slowAfter`. A transfer still running after `slowAfter` leaves the fast lane: one slow host
/// holds up admissions for at most `slowAfter`, never for its whole download, and slow
/// transfers run side by side up to `capacity` holding no work slot. 304s and errors pass
/// through in a moment, so unchanged cycles keep flowing. Transfers themselves stay under
/// ``DomainLimiter``; this gate is taken once per source and never while holding a transfer
/// permit, so the two cannot deadlock.
public actor PollGate {
    /// One admitted source, handed to `beginWork` when its fetch is done.
    public struct Ticket: Sendable, Hashable {
        let id: Int
    }

    private let capacity: Int
    private let workers: Int
    private let fastLane: Int
    private let slowAfter: Duration
    private var inProgress = 0
    private var working = 0
    private var nextID = 0
    /// Fetches admitted less than `slowAfter` ago and not yet done, with their expiry timers.
    private var prompt: [Int: Task<Void, Never>] = [:]
    private var waiters: [CheckedContinuation<Ticket, Never>] = []
    private var backlog: [CheckedContinuation<Void, Never>] = []

    public init(capacity: Int, workers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount),
                lookahead: Int? = nil, slowAfter: Duration = .milliseconds(100)) {
        self.capacity = max(1, capacity)
        self.workers = max(1, workers)
        fastLane = self.workers + max(1, lookahead ?? self.workers)
        self.slowAfter = slowAfter
    }

    /// Runs `body` (one source's poll) once admitted; `body` passes the ticket to `beginWork`
    /// when its fetch is done.
    public func withSlot<T: Sendable>(_ body: @Sendable (Ticket) async -> T) async -> T {
        let ticket = await withCheckedContinuation { waiters.append($0); admit() }
        defer {
            prompt.removeValue(forKey: ticket.id)?.cancel()
            inProgress -= 1
            admit()
        }
        return await body(ticket)
    }

    /// Takes a work slot (first come, first served) for a fetched source's CPU-bound part.
    /// A source may give the slot back (`endWork`) and take it again, e.g. around full-text fetches.
    public func beginWork(_ ticket: Ticket) async {
        prompt.removeValue(forKey: ticket.id)?.cancel()
        if working < workers {
            working += 1
            return
        }
        await withCheckedContinuation { backlog.append($0) }
    }

    /// Hands the work slot to the next fetched source, or frees it and admits another source.
    public func endWork() {
        if backlog.isEmpty {
            working -= 1
            admit()
        } else {
            backlog.removeFirst().resume()
        }
    }

    private var fast: Int { working + backlog.count + prompt.count }

    private func admit() {
        while !waiters.isEmpty, inProgress < capacity, fast < fastLane {
            inProgress += 1
            nextID += 1
            let id = nextID
            let slowAfter = slowAfter
            prompt[id] = Task { [weak self] in
                try? await Task.sleep(for: slowAfter)
                guard !Task.isCancelled else { return }
                await self?.leaveFastLane(id)
            }
            waiters.removeFirst().resume(returning: Ticket(id: id))
        }
    }

    private func leaveFastLane(_ id: Int) {
        if prompt.removeValue(forKey: id) != nil { admit() }
    }
}
