import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A failure to start or talk to a test peer, with what to install or check.
public struct PeerError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = "test peer: " + description }
}

/// A child process that serves one test and dies with it: stdin is a pipe the peer watches,
/// so even a crashed test run leaves no server behind.
///
/// Spawned with `posix_spawn` and reaped with `waitpid` rather than through Foundation's
/// `Process`: with many tests starting and stopping peers in parallel, `waitUntilExit` could
/// spin forever on a child that had already gone, hanging the whole run. The pipes are
/// close-on-exec, so a peer started by one test never holds another test's stdin open, and
/// each peer leads its own process group, so stopping it also stops what it started
/// (nginx under its shell watchdog).
final class PeerProcess: @unchecked Sendable {
    /// Runs blocking start-up work (spawning, waiting for a port) on a thread of its own, so
    /// tests running in parallel do not starve Swift's cooperative pool, whose threads resume
    /// every transfer continuation.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private let executable: String
    private let pid: pid_t
    private let lock = NSLock()
    private var stdinWrite: Int32
    private var stdoutRead: Int32
    private var exited = false

    init(executable: String, arguments: [String], captureOutput: Bool = true) throws {
        self.executable = executable
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0 else {
            throw PeerError("cannot create pipes for \(executable): \(String(cString: strerror(errno)))")
        }
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copy: the peer keeps fds 0, 1 and 2 of these.
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A fresh process group, no blocked signals (the Swift runtime's threads block some,
        // and children inherit the mask) and default dispositions for the signals tests send.
        var unblocked = sigset_t(), defaults = sigset_t()
        sigemptyset(&unblocked)
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        close(input[0])
        close(output[1])
        guard status == 0 else {
            close(input[1])
            close(output[0])
            throw PeerError("cannot run \(executable): \(String(cString: strerror(status))); run scripts/test to install the peers")
        }
        pid = child
        stdinWrite = input[1]
        stdoutRead = output[0]
    }

    /// Reads stdout up to the first newline (the peer's "READY <port>" line).
    ///
    /// The wait is long on purpose: the whole suite starts dozens of peers at once on two
    /// cores, and a Python peer importing its packages can take well over ten seconds to get
    /// going then. A peer that dies early ends the wait at once (end of file), so only a
    /// peer that hangs costs the full minute.
    func readLine(timeout: Duration = .seconds(60)) throws -> String {
        let fd = lock.withLock { stdoutRead }
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while fd >= 0 && ContinuousClock.now < deadline {
            var pollfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pollfd, 1, 100) > 0 else { continue }
            var byte: UInt8 = 0
            guard read(fd, &byte, 1) == 1 else { break }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        throw PeerError(isRunning
            ? "\(executable) did not report readiness within \(timeout); is the machine overloaded?"
            : "\(executable) exited before reporting readiness; run it by hand to see why (scripts/test installs its packages)")
    }

    var isRunning: Bool {
        lock.withLock {
            if exited { return false }
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            // ECHILD: reaped already (by nobody else in practice); either way it is gone.
            if r == pid || (r == -1 && errno == ECHILD) { exited = true }
            return !exited
        }
    }

    /// Closes the peer's stdin (its cue to exit), SIGKILLs its process group if it lingers,
    /// and reaps it. Never blocks for more than a few seconds.
    func stop() {
        lock.withLock {
            if stdinWrite >= 0 { close(stdinWrite); stdinWrite = -1 }
        }
        var deadline = ContinuousClock.now + .seconds(2)
        while isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if isRunning { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
        deadline = ContinuousClock.now + .seconds(5)
        while isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        // Whatever the peer started and left behind goes with its group.
        kill(-pid, SIGKILL)
        lock.withLock {
            if stdoutRead >= 0 { close(stdoutRead); stdoutRead = -1 }
        }
    }

    deinit { stop() }
}

/// A directory under $TMPDIR removed when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(prefix: String = "newsalert-test") throws {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw PeerError("cannot create a temporary directory") }
        path = String(cString: made)
        chmod(path, 0o755)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

public enum LocalPort {
    /// A port free on 127.0.0.1 right now (the kernel's pick for port 0). Racy by nature;
    /// callers that bind themselves should prefer asking their server for port 0.
    public static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PeerError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw PeerError("cannot bind 127.0.0.1:0") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True when something accepts TCP connections on 127.0.0.1:port.
    public static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// Finds an executable on PATH (or in the usual sbin folders, where nginx lives).
func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for folder in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin"] {
        let candidate = folder + "/" + name
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
