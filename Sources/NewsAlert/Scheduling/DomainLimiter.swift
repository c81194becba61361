import Foundation

/// Politeness per registrable domain: at most `perDomain` transfers in flight and at least
/// `spacing` between two starts, plus a global cap. Waiters for one domain never hold up
/// another domain: each waits on its own queue.
public actor DomainLimiter {
    private let perDomain: Int
    private let global: Int
    private let spacing: Duration
    private var inFlight: [String: Int] = [:]
    private var lastStart: [String: ContinuousClock.Instant] = [:]
    private var totalInFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

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
        while true {
            if inFlight[domain, default: 0] < perDomain && totalInFlight < global {
                if let last = lastStart[domain] {
                    let ready = last.advanced(by: spacing)
                    let now = ContinuousClock.now
                    if ready > now {
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
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func release(_ domain: String) {
        inFlight[domain, default: 1] -= 1
        totalInFlight -= 1
        let woken = waiters
        waiters.removeAll()
        for w in woken { w.resume() }
    }
}
