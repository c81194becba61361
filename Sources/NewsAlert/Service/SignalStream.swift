import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Process signals as values the loop picks up between cycles: the default action is turned
/// off, so the loop can finish its cycle before it reloads or stops.
public final class SignalStream: Sendable {
    /// Kept only to keep the sources alive; never touched after init.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]
    private let pending = Pending()

    final class Pending: Sendable {
        let queue = Mutex<[Int32]>([])
        func push(_ s: Int32) { queue.withLock { $0.append(s) } }
        func pop() -> Int32? { queue.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
    }

    public init(_ signals: [Int32]) {
        var made: [any DispatchSourceSignal] = []
        let pending = self.pending
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { pending.push(sig) }
            source.resume()
            made.append(source)
        }
        sources = made
    }

    /// The next signal, or nil when `timeout` passes first (checked every 50 ms).
    public func next(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let sig = pending.pop() { return sig }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return pending.pop()
    }
}

