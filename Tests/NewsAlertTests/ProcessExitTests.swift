import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The tests' way of waiting for a child (`ProcessExit.wait`) must report what the child
/// did, and give up on one that does not end.
struct ProcessExitTests {
    static func start(_ script: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        try p.run()
        return p
    }

    @Test(arguments: [("exit 0", Int32(0)), ("exit 3", 3), ("kill -9 $$", 128 + SIGKILL)])
    func reportsHowAChildEnded(script: String, status: Int32) throws {
        #expect(try ProcessExit.wait(Self.start(script)) == status)
    }

    @Test func givesUpOnAChildThatDoesNotEnd() throws {
        let p = try Self.start("sleep 30")
        defer { kill(p.processIdentifier, SIGKILL); _ = try? ProcessExit.wait(p) }
        #expect(throws: PeerError.self) { try ProcessExit.wait(p, timeout: .milliseconds(300)) }
    }
}
