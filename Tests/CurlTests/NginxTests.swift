import Foundation
import Testing
@testable import Curl
import TestSupport

/// Conditional GET, compression and concurrency against a real nginx.
@Suite struct NginxTests {
    static let feed = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Loopback Wire</title><link>https://example.org/</link>
    <item><title>Flooding closes river crossing near Basra</title><link>https://example.org/a/1</link>
    <guid>https://example.org/a/1</guid><pubDate>Tue, 30 Jul 2024 18:04:00 GMT</pubDate>
    <description>Officials in Basra said the crossing would stay closed until the water recedes.</description></item>
    </channel></rss>

    """

    static func serve(_ files: [String: String]) async throws -> (NginxServer, TemporaryDirectory) {
        let root = try TemporaryDirectory(prefix: "newsalert-www")
        for (name, contents) in files { try root.write(name, contents) }
        return (try await NginxServer.start(root: root.path), root)
    }

    @Test func secondFetchIsNotModifiedWithStoredValidators() async throws {
        let (nginx, root) = try await Self.serve(["feed.rss": Self.feed])
        defer { nginx.stop(); _ = root }
        let client = HTTPClient()
        let first = await client.fetch(nginx.url("/feed.rss"))
        guard case .modified(let document) = first.outcome else { Issue.record("\(first.message)"); return }
        #expect(first.status == 200)
        #expect(document.validators.etag != nil && document.validators.lastModified != nil)
        #expect(document.contentType == "application/rss+xml")

        for validators in [document.validators, Validators(etag: document.validators.etag),
                           Validators(lastModified: document.validators.lastModified)] {
            let second = await client.fetch(nginx.url("/feed.rss"), validators: validators)
            guard case .notModified(let kept, _) = second.outcome else { Issue.record("\(validators): \(second.message)"); continue }
            #expect(second.status == 304)
            #expect(kept.etag != nil)
        }
        let stale = await client.fetch(nginx.url("/feed.rss"), validators: Validators(etag: "\"0-0\""))
        guard case .modified = stale.outcome else { Issue.record("\(stale.message)"); return }
    }

    @Test func gzipBodiesAreDecoded() async throws {
        let (nginx, root) = try await Self.serve(["feed.rss": Self.feed])
        defer { nginx.stop(); _ = root }
        let result = await HTTPClient().fetch(nginx.url("/feed.rss"))
        guard case .modified(let document) = result.outcome else { Issue.record("\(result.message)"); return }
        #expect(result.headers["Content-Encoding"] == "gzip")
        #expect(String(decoding: document.body, as: UTF8.self) == Self.feed)
    }

    @Test(arguments: ["/big.bin", "/big.txt"])
    func bodyOverCapIsTooLargeWhetherDeclaredOrDecoded(path: String) async throws {
        // .bin is sent with Content-Length (refused before reading); .txt is gzipped and chunked
        // (stopped while decoding).
        let big = String(repeating: "All quiet on the river crossing today.\n", count: 2000)
        let (nginx, root) = try await Self.serve(["big.bin": big, "big.txt": big])
        defer { nginx.stop(); _ = root }
        let result = await HTTPClient().fetch(FetchRequest(url: nginx.url(path), maxBodyBytes: 10_000))
        #expect(result.outcome == .tooLarge(limit: 10_000, headers: false))
        #expect(result.message.contains("body exceeds 10000 bytes"))
    }

    @Test func missingFileIsAClientError() async throws {
        let (nginx, root) = try await Self.serve(["feed.rss": Self.feed])
        defer { nginx.stop(); _ = root }
        let result = await HTTPClient().fetch(nginx.url("/nope.rss"))
        #expect(result.outcome == .clientError(status: 404))
        #expect(result.message == "fetch: \(nginx.url("/nope.rss")): not found (404); check the URL, the feed may have moved without a redirect")
    }

    @Test func thousandConcurrentTransfersLeakNothing() async throws {
        let (nginx, root) = try await Self.serve(["feed.rss": Self.feed])
        defer { nginx.stop(); _ = root }
        let maxConnections = 16
        let client = HTTPClient(configuration: HTTPClientConfiguration(maxConnections: maxConnections, maxConnectionsPerHost: maxConnections))
        let fdsBefore = OpenFiles.count()
        let bodies = await withTaskGroup(of: Int.self) { group in
            for index in 0..<1000 {
                group.addTask { 
                    let result = await client.fetch(nginx.url("/feed.rss?n=\(index)"))
                    if case .modified(let document) = result.outcome { return document.body.count }
                    return -1
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(bodies.count == 1000 && bodies.allSatisfy { $0 == Self.feed.utf8.count })
        #expect(client.liveHandles == 0)
        let open = OpenFiles.socketsConnected(toPort: nginx.port)
        #expect(open > 0 && open <= maxConnections, "\(open) connections kept for reuse")
        client.shutdown()
        #expect(OpenFiles.socketsConnected(toPort: nginx.port) == 0)
        // Process-wide, so tests running beside this one move the count a little; a leak per
        // transfer (or per handle) would show as hundreds.
        #expect(OpenFiles.count() <= fdsBefore + 64, "file descriptors: \(fdsBefore) before, \(OpenFiles.count()) after")
    }

    @Test func cancellingTheTaskFreesItsTransfer() async throws {
        let server = try await FaultServer.start()
        let client = HTTPClient(configuration: HTTPClientConfiguration(timeout: .seconds(30)))
        let task = Task { await client.fetch(server.url("/hang")) }
        let deadline = ContinuousClock.now + .seconds(3)
        while OpenFiles.socketsConnected(toPort: server.port) == 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(client.liveHandles == 1)
        #expect(OpenFiles.socketsConnected(toPort: server.port) == 1, "\(OpenFiles.describe(port: server.port))")
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.value
        #expect(result.outcome == .cancelled)
        // Well under the 30 s timeout: the transfer ended because it was cancelled.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(client.liveHandles == 0)
        #expect(OpenFiles.socketsConnected(toPort: server.port) == 0, "the hanging connection was closed, not pooled")

        let early = Task { () -> FetchResult in
            withUnsafeCurrentTask { $0?.cancel() }
            return await client.fetch(server.url("/hang"))
        }
        #expect(await early.value.outcome == .cancelled)
        #expect(client.liveHandles == 0)
    }

    @Test func shutdownEndsTransfersInFlightAndLaterCalls() async throws {
        let server = try await FaultServer.start()
        let client = HTTPClient(configuration: HTTPClientConfiguration(timeout: .seconds(30)))
        let task = Task { await client.fetch(server.url("/hang")) }
        try await Task.sleep(for: .milliseconds(200))
        client.shutdown()
        #expect(await task.value.outcome == .cancelled)
        #expect(await client.fetch(server.url("/final")).outcome == .cancelled)
        #expect(client.liveHandles == 0)
    }
}
