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
final class PeerProcess: @unchecked Sendable {
    /// Runs blocking start-up work (spawning, waiting for a port) on a thread of its own, so
    /// tests running in parallel do not starve Swift's cooperative pool, whose threads resume
    /// every transfer continuation.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private let process = Process()
    private let stdin = Pipe()
    private let stdout = Pipe()

    init(executable: String, arguments: [String], captureOutput: Bool = true) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = captureOutput ? stdout : FileHandle.nullDevice
        process.standardError = FileHandle.standardError
        do { try process.run() } catch {
            throw PeerError("cannot run \(executable): \(error); run scripts/test to install the peers")
        }
    }

    /// Reads stdout up to the first newline (the peer's "READY <port>" line).
    func readLine(timeout: Duration = .seconds(10)) throws -> String {
        let handle = stdout.fileHandleForReading
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var pollfd = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pollfd, 1, 100) > 0 else { continue }
            var byte: UInt8 = 0
            guard read(handle.fileDescriptor, &byte, 1) == 1 else { break }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        throw PeerError("\(process.executableURL?.path ?? "peer") did not report readiness in time")
    }

    var isRunning: Bool { process.isRunning }

    /// Closes the peer's stdin (its cue to exit) and kills it if it lingers. SIGKILL, not
    /// SIGTERM: children inherit the blocked-signal mask of the Swift runtime's threads, so
    /// a plain terminate() can go unnoticed.
    func stop() {
        try? stdin.fileHandleForWriting.close()
        let deadline = ContinuousClock.now + .seconds(2)
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? stdout.fileHandleForReading.close()
    }

    deinit { if process.isRunning { stop() } }
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
