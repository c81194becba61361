import Foundation
import Testing
@testable import Curl
import TestSupport

@Suite struct PostTests {
    @Test func postSendsHeadersAndBodyAndKeepsAPrefix() async throws {
        let server = try await FaultServer.start()
        let client = HTTPClient(configuration: HTTPClientConfiguration(userAgent: "newsalert-test/1.0", timeout: .seconds(5)))
        let body = Array(#"{"type":"story.matched","owner":"alice"}"#.utf8)
        let result = await client.post(PostRequest(
            url: server.url("/echo?status=202"),
            headers: [("Content-Type", "application/json"), ("webhook-id", "msg_1")],
            body: body, keepResponseBytes: 64
        ))
        #expect(result.failure == nil)
        #expect(result.status == 202)
        #expect(result.bodyPrefix.count == 64)
        let full = await client.post(PostRequest(url: server.url("/echo"), headers: [("webhook-id", "msg_1")], body: body, keepResponseBytes: 1 << 16))
        let echo = try #require(try JSONSerialization.jsonObject(with: Data(full.bodyPrefix)) as? [String: Any])
        #expect(echo["method"] as? String == "POST")
        #expect(echo["body"] as? String == String(decoding: body, as: UTF8.self))
        let headers = try #require(echo["headers"] as? [String: String])
        #expect(headers["webhook-id"] == "msg_1")
        #expect(headers["user-agent"] == "newsalert-test/1.0")
        #expect(headers["expect"] == nil)
    }

    @Test func postReportsRetryAfter() async throws {
        let server = try await FaultServer.start()
        let result = await HTTPClient().post(PostRequest(url: server.url("/echo?status=429&retry-after=30"), body: Array("{}".utf8)))
        #expect(result.status == 429)
        let wait = try #require(result.retryAfter).timeIntervalSinceNow
        #expect(wait > 25 && wait <= 30)
    }

    @Test func addressPolicyRefusesBeforeConnecting() async throws {
        let server = try await FaultServer.start()
        let client = HTTPClient()
        let refused = await client.post(PostRequest(url: server.url("/echo"), body: [], allowedAddress: { !$0.isPrivate }))
        #expect(refused.failure == .addressRefused(detail: "127.0.0.1"))
        #expect(refused.message.contains("refused to connect to 127.0.0.1"))
        let allowed = await client.post(PostRequest(url: server.url("/echo"), body: [], allowedAddress: { $0.isLoopback }))
        #expect(allowed.status == 200)
        let fetched = await client.fetch(FetchRequest(url: server.url("/final"), allowedAddress: { _ in false }))
        #expect(fetched.outcome == .addressRefused(detail: "127.0.0.1"))
    }

    @Test func transportFailureHasNoStatus() async throws {
        let port = try LocalPort.free()
        let result = await HTTPClient().post(PostRequest(url: "http://127.0.0.1:\(port)/hook", body: [1]))
        #expect(result.status == 0)
        guard case .connectionRefused = result.failure else { Issue.record("got \(String(describing: result.failure))"); return }
        #expect(result.message.hasPrefix("post: http://127.0.0.1:\(port)/hook: could not connect"))
    }
}
