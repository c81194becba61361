import CCurl
import Foundation

/// The one thread that drives every transfer of a client through a libcurl multi handle:
/// `curl_multi_perform` → `curl_multi_info_read` → `curl_multi_poll`, woken by
/// `curl_multi_wakeup` when other threads enqueue work (libcurl's documented pattern for
/// multi-threaded producers, see curl_multi_wakeup(3)). Swift tasks only enqueue and await a
/// continuation, so nothing blocks the cooperative pool.
final class MultiDriver: @unchecked Sendable {
    private enum Command { case add(Transfer), cancel(Transfer) }

    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var commands: [Command] = []
    private var stopping = false
    /// Set under `lock` just before the multi handle is freed; from then on work is refused
    /// inline and nobody may call `curl_multi_wakeup`.
    private var closed = false
    // Driver thread only:
    private var active: [ObjectIdentifier: Transfer] = [:]
    private let stopped = NSCondition()
    private var hasStopped = false

    init(configuration: HTTPClientConfiguration) {
        multi = curl_multi_init()
        ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        ccurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxConnections)
        ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxConnections)
        let thread = Thread { [self] in run() }
        thread.name = "newsalert-curl"
        thread.start()
    }

    /// Runs the transfer to completion; a cancelled task removes it from the multi handle.
    func perform(_ transfer: Transfer) async -> TransferReport {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                enqueue(.add(transfer))
            }
        } onCancel: {
            if transfer.requestCancel() { enqueue(.cancel(transfer)) }
        }
    }

    /// Stops the thread: transfers in flight end as cancelled, connections close.
    /// Waits for the thread to finish so file descriptors are gone when it returns.
    func shutdown() {
        lock.withLock {
            stopping = true
            if !closed { curl_multi_wakeup(multi) }
        }
        stopped.lock()
        while !hasStopped { stopped.wait() }
        stopped.unlock()
    }

    /// Hands a command to the driver thread. The wakeup happens under the lock so it can never
    /// reach a multi handle the thread has already freed.
    private func enqueue(_ command: Command) {
        let refused: Transfer? = lock.withLock {
            guard !closed else {
                if case .add(let transfer) = command { return transfer }
                return nil
            }
            commands.append(command)
            curl_multi_wakeup(multi)
            return nil
        }
        if let refused { complete(refused, code: CURLE_OK, cancelled: true, attached: false) }
    }

    private func run() {
        var running: Int32 = 0
        while true {
            let (pending, stop) = lock.withLock {
                defer { commands.removeAll(keepingCapacity: true) }
                return (commands, stopping)
            }
            for command in pending { apply(command) }
            if stop { break }
            curl_multi_perform(multi, &running)
            drainFinished()
            // libcurl 7.88 can leave a transfer queued behind CURLMOPT_MAX_HOST_CONNECTIONS
            // until the poll times out after a connection frees (webhooks to one receiver
            // stalled a whole second in PipelineBench); with transfers in flight, look again
            // within 20 ms. Idle, only a wakeup or the second ends the wait.
            curl_multi_poll(multi, nil, 0, active.isEmpty ? 1000 : 20, nil)
        }
        for transfer in active.values { complete(transfer, code: CURLE_OK, cancelled: true) }
        // Anything enqueued after the stop flag was read still needs its continuation resumed.
        let late = lock.withLock {
            closed = true
            return commands
        }
        for case .add(let transfer) in late { complete(transfer, code: CURLE_OK, cancelled: true, attached: false) }
        curl_multi_cleanup(multi)
        stopped.lock()
        hasStopped = true
        stopped.broadcast()
        stopped.unlock()
    }

    private func apply(_ command: Command) {
        switch command {
        case .add(let transfer):
            if transfer.isCancelRequested {
                complete(transfer, code: CURLE_OK, cancelled: true, attached: false)
                return
            }
            let result = curl_multi_add_handle(multi, transfer.easy)
            if result != CURLM_OK {
                complete(transfer, code: CURLE_FAILED_INIT, cancelled: false, attached: false)
                return
            }
            active[ObjectIdentifier(transfer)] = transfer
        case .cancel(let transfer):
            if active[ObjectIdentifier(transfer)] != nil {
                complete(transfer, code: CURLE_OK, cancelled: true)
            }
        }
    }

    private func drainFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = Transfer.from(easy: easy) else { continue }
            complete(transfer, code: message.pointee.data.result, cancelled: false)
        }
    }

    private func complete(_ transfer: Transfer, code: CURLcode, cancelled: Bool, attached: Bool = true) {
        if attached {
            curl_multi_remove_handle(multi, transfer.easy)
            active[ObjectIdentifier(transfer)] = nil
        }
        let report = transfer.finish(code: code, cancelled: cancelled)
        transfer.continuation?.resume(returning: report)
        transfer.continuation = nil
    }
}
