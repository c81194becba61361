import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Threads of their own, at a lower CPU priority, for the CPU-bound part of a poll (parse,
/// locate places, store and match).
///
/// Why: that part runs 10–30 ms without a suspension point. On the cooperative pool (one
/// thread per core: two on the reference machine) two such polls took every thread, and each
/// step of a delivery pass (claim, sign, hand to libcurl, record) waited for one of them to
/// finish: in the all-new burst an alert waited seconds between its commit and its webhook
/// (PipelineBench breakdown). Here the polls block these threads instead, the cooperative
/// threads stay free for delivery and I/O, and the kernel shares the cores: at `nice` 5 a
/// ready delivery step gets a core about three times as readily as a poll (Linux gives each
/// thread its own nice value: setpriority(2), "BUGS").
public final class WorkThreads: Sendable {
    private let jobs = JobQueue()

    public init(count: Int, nice: Int32 = 5, name: String = "newsalert.work") {
        for i in 0..<max(1, count) {
            let jobs = jobs
            let thread = Thread {
                #if canImport(Glibc)
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
                #endif
                jobs.drain()
            }
            thread.name = "\(name).\(i)"
            thread.start()
        }
    }

    /// The threads finish what is queued and exit.
    deinit {
        jobs.stop()
    }

    /// Runs `body` on one of the threads and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            jobs.submit { continuation.resume(returning: body()) }
        }
    }
}

/// The threads' shared queue: a lock, a condition and a list of closures.
private final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var stopped = false

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs jobs until stopped and empty.
    func drain() {
        while true {
            condition.lock()
            while queue.isEmpty, !stopped { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            condition.unlock()
            job()
        }
    }
}
