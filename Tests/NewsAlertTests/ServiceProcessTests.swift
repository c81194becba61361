import Curl
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `newsalert run` as systemd runs it: Type=notify messages on $NOTIFY_SOCKET, SIGHUP reloads
/// rules (a broken edit keeps the last good version, a fixed one applies), SIGTERM stops.
struct ServiceProcessTests {
    /// A datagram socket standing in for systemd's notify socket.
    final class NotifySocket: @unchecked Sendable {
        let path: String
        let fd: Int32

        init(path: String) throws {
            self.path = path
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            let rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard rc == 0 else { throw PeerError("cannot bind \(path)") }
            var tv = timeval(tv_sec: 0, tv_usec: 100_000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        }

        /// Messages received until `predicate` holds or `timeout` passes.
        func receive(until predicate: ([String]) -> Bool, timeout: TimeInterval, into messages: inout [String]) {
            let deadline = Date().addingTimeInterval(timeout)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while Date() < deadline && !predicate(messages) {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n > 0 { messages.append(String(decoding: buffer[0..<n], as: UTF8.self)) }
            }
        }

        deinit { close(fd) }
    }

    static let goodRules = """
    owner: dave
    channels:
      inbox: { email: dave@example.org }
    rules:
      - name: quakes
        query: 'earthquake OR quake*'
        notify: [inbox]
    """

    @Test func notifiesReloadsOnSIGHUPAndStopsOnSIGTERM() async throws {
        let dir = try TemporaryDirectory(prefix: "newsalert-service")
        try FileManager.default.createDirectory(atPath: dir.file("rules"), withIntermediateDirectories: true)
        try Self.goodRules.write(toFile: dir.file("rules/dave.yaml"), atomically: true, encoding: .utf8)
        try """
        database: \(dir.file("n.db"))
        rules: \(dir.file("rules"))
        listen: "off"
        sources: []
        """.write(toFile: dir.file("config.yaml"), atomically: true, encoding: .utf8)
        let notify = try NotifySocket(path: dir.file("notify.sock"))

        let p = Process()
        p.executableURL = URL(fileURLWithPath: CrashSafetyTests.binary)
        p.arguments = ["run", "--config", dir.file("config.yaml")]
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notify.path
        env["JOURNAL_STREAM"] = "8:1234"
        p.environment = env
        // The log goes to a file, not a pipe: a child another test spawns meanwhile may
        // inherit a pipe's write end, and reading to its end would wait on that test.
        FileManager.default.createFile(atPath: dir.file("stderr.log"), contents: nil)
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.file("stderr.log")))
        defer { try? stderr.close() }
        p.standardError = stderr
        p.standardOutput = FileHandle.nullDevice
        try p.run()

        var messages: [String] = []
        notify.receive(until: { $0.contains { $0.hasPrefix("READY=1") } }, timeout: 30, into: &messages)
        #expect(messages.contains { $0.hasPrefix("READY=1") }, "\(messages)")

        // A broken edit: the service keeps running on the last good rules and says where the error is.
        try "owner: dave\nrules:\n  - name: quakes\n    query: '(earthquake'\n    notify: [inbox]\n".write(toFile: dir.file("rules/dave.yaml"), atomically: true, encoding: .utf8)
        kill(p.processIdentifier, SIGHUP)
        notify.receive(until: { $0.filter { $0.hasPrefix("READY=1") }.count >= 2 }, timeout: 15, into: &messages)
        #expect(messages.contains { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") }, "\(messages)")
        #expect(p.isRunning)

        // A fixed edit applies.
        try Self.goodRules.replacingOccurrences(of: "quakes", with: "tremors").write(toFile: dir.file("rules/dave.yaml"), atomically: true, encoding: .utf8)
        kill(p.processIdentifier, SIGHUP)
        notify.receive(until: { $0.filter { $0.hasPrefix("READY=1") }.count >= 3 }, timeout: 15, into: &messages)

        kill(p.processIdentifier, SIGTERM)
        notify.receive(until: { $0.contains("STOPPING=1") }, timeout: 15, into: &messages)
        #expect(messages.contains("STOPPING=1"))
        #expect(try ProcessExit.wait(p) == 0)

        let log = try String(contentsOfFile: dir.file("stderr.log"), encoding: .utf8)
        #expect(log.contains("dave.yaml:4:"), "the broken query's position is logged: \(log)")
        #expect(log.contains("the last good version stays live"))
        #expect(log.contains("rules reloaded"))
        #expect(log.split(separator: "\n").allSatisfy { $0.hasPrefix("<") }, "journald lines start with a priority: \(log)")
    }

    @Test func servesHealthReadinessAndMetrics() async throws {
        let dir = try TemporaryDirectory(prefix: "newsalert-endpoint")
        try FileManager.default.createDirectory(atPath: dir.file("rules"), withIntermediateDirectories: true)
        try Self.goodRules.write(toFile: dir.file("rules/dave.yaml"), atomically: true, encoding: .utf8)
        let port = try LocalPort.free()
        try """
        database: \(dir.file("n.db"))
        rules: \(dir.file("rules"))
        listen: 127.0.0.1:\(port)
        sources: []
        """.write(toFile: dir.file("config.yaml"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CrashSafetyTests.binary)
        p.arguments = ["run", "--config", dir.file("config.yaml")]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }

        let client = HTTPClient()
        defer { client.shutdown() }
        func get(_ path: String) async -> (Int, String) {
            let r = await client.fetch("http://127.0.0.1:\(port)\(path)")
            if case let .modified(doc) = r.outcome { return (r.status, String(decoding: doc.body, as: UTF8.self)) }
            return (r.status, r.message)
        }
        var ready = (0, "")
        let deadline = Date().addingTimeInterval(30)
        while ready.0 != 200 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            ready = await get("/readyz")
        }
        #expect(ready.0 == 200 && ready.1 == "ready\n", "\(ready)")
        let health = await get("/healthz")
        #expect(health.0 == 200 && health.1 == "ok\n")
        let metrics = await get("/metrics")
        #expect(metrics.0 == 200)
        #expect(metrics.1.contains("# HELP newsalert_stories_total"))
        #expect(metrics.1.contains("newsalert_poll_cycle_duration_seconds_count"))
        #expect(metrics.1.contains("newsalert_outbox_pending_alerts 0"))

        kill(p.processIdentifier, SIGTERM)
        #expect(try ProcessExit.wait(p) == 0)
    }
}
