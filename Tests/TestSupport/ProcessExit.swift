import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for a child started with Foundation's `Process`, without `waitUntilExit`.
///
/// With many tests starting processes in parallel, `waitUntilExit` can miss a child's exit
/// and wait forever on a zombie (a whole test run hung so, on an `openssl` that had long
/// finished). This asks the kernel instead: `waitid` with `WNOWAIT` sees the exit and its
/// status without reaping the child, so Foundation's own reaper still finds it.
public enum ProcessExit {
    /// The child's exit status (128 + the signal's number when a signal ended it), or a
    /// `PeerError` when it is still running after `timeout`.
    @discardableResult
    public static func wait(_ process: Process, timeout: Duration = .seconds(60)) throws -> Int32 {
        let pid = process.processIdentifier
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !process.isRunning { return status(of: process) }
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == pid {
                let code = info._sifields._sigchld.si_status
                return info.si_code == CLD_EXITED ? code : 128 + code
            }
            if errno == ECHILD, !process.isRunning { return status(of: process) }
            usleep(10_000)
        }
        throw PeerError("\(process.executableURL?.lastPathComponent ?? "child") pid \(pid) still running after \(timeout)")
    }

    private static func status(of process: Process) -> Int32 {
        process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }
}
