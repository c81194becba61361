import Foundation

/// Politeness per registrable domain: at most `perDomain` transfers in flight and at least
/// `spacing` between two starts, plus a global cap. Waiters for one domain never hold up
/// another domain: a release wakes the first waiter whose domain has room, not the queue's head.
///
/// A release wakes one task, not all of them: with a thousand sources queued behind the global
/// cap, waking every waiter on every release cost a million actor hops per cycle (PipelineBench).
public actor DomainLimiter {
    private let perDomain: Int
    private let global: Int
    private let spacing: Duration
    private var inFlight: [String: Int] = [:]
    private var lastStart: [String: ContinuousClock.Instant] = [:]
    private var totalInFlight = 0
    private var waiters: [(domain: String, continuation: CheckedContinuation<Void, Never>)] = []

    public init(perDomain: Int, global: Int, spacing: Duration = .milliseconds(500)) {
        self.perDomain = max(1, perDomain)
        self.global = max(1, global)
        self.spacing = spacing
    }

    /// Runs `body` once the host's domain and the global cap allow it.
    public func withPermit<T: Sendable>(host: String, _ body: @Sendable () async throws -> T) async rethrows -> T {
        let domain = RegistrableDomain.of(host: host)
        await acquire(domain)
        defer { release(domain) }
        return try await body()
    }

    private func acquire(_ domain: String) async {
        var woken = false
        while true {
            if hasRoom(domain) {
                if let last = lastStart[domain] {
                    let ready = last.advanced(by: spacing)
                    if ready > ContinuousClock.now {
                        // Reserve nothing while sleeping; re-check afterwards.
                        try? await Task.sleep(until: ready, clock: .continuous)
                        continue
                    }
                }
                inFlight[domain, default: 0] += 1
                totalInFlight += 1
                lastStart[domain] = ContinuousClock.now
                return
            }
            // A woken waiter that lost its slot to a newcomer keeps its place at the front.
            await withCheckedContinuation { c in
                if woken { waiters.insert((domain, c), at: 0) } else { waiters.append((domain, c)) }
            }
            woken = true
        }
    }

    private func hasRoom(_ domain: String) -> Bool {
        inFlight[domain, default: 0] < perDomain && totalInFlight < global
    }

    private func release(_ domain: String) {
        inFlight[domain, default: 1] -= 1
        if inFlight[domain] == 0 { inFlight[domain] = nil }
        totalInFlight -= 1
        if let i = waiters.firstIndex(where: { hasRoom($0.domain) }) {
            waiters.remove(at: i).continuation.resume()
        }
    }
}
