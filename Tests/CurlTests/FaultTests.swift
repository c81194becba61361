import Foundation
import Testing
@testable import Curl
import TestSupport

/// Every fault the fault server can produce ends in its classified outcome and message.
@Suite struct FaultTests {
    static let configuration = HTTPClientConfiguration(
        userAgent: "newsalert-test/1.0", connectTimeout: .seconds(2), timeout: .seconds(2),
        lowSpeedLimit: 100, lowSpeedTime: .seconds(1), maxBodyBytes: 1 << 20, maxHeaderBytes: 64 << 10
    )

    enum Expected: Sendable {
        case timeout, tooLarge(headers: Bool), tooManyRedirects, gone, rateLimited(Int), clientError(Int), serverError(Int)
    }

    @Test(arguments: [
        ("/trickle", Expected.timeout),
        ("/hang", .timeout),
        ("/big/104857600", .tooLarge(headers: false)),
        ("/bomb/64", .tooLarge(headers: false)),
        ("/huge-headers", .tooLarge(headers: true)),
        ("/loop/0", .tooManyRedirects),
        ("/status/410", .gone),
        ("/status/503", .rateLimited(503)),
        ("/status/404", .clientError(404)),
        ("/status/500", .serverError(500)),
    ])
    func faultIsClassified(path: String, expected: Expected) async throws {
        let server = try await FaultServer.start()
        let client = HTTPClient(configuration: Self.configuration)
        let started = ContinuousClock.now
        let result = await client.fetch(server.url(path))
        let elapsed = ContinuousClock.now - started
        #expect(result.message.hasPrefix("fetch: \(server.url(path)): "))
        switch (expected, result.outcome) {
        case (.timeout, .timeout(let detail)):
            #expect(elapsed < .seconds(4), "aborted by the low-speed limit or the total timeout, not later")
            #expect(!detail.isEmpty)
        case (.tooLarge(let wantHeaders), .tooLarge(let limit, let headers)):
            #expect(headers == wantHeaders)
            #expect(limit == (wantHeaders ? 64 << 10 : 1 << 20))
        case (.tooManyRedirects, .tooManyRedirects(let limit)):
            #expect(limit == 5)
        case (.gone, .gone):
            #expect(result.message.contains("410"))
        case (.rateLimited(let want), .rateLimited(let status, let retryAfter)):
            #expect(status == want && retryAfter == nil)
        case (.clientError(let want), .clientError(let status)), (.serverError(let want), .serverError(let status)):
            #expect(status == want)
        default:
            Issue.record("\(path): expected \(expected), got \(result.outcome): \(result.message)")
        }
        client.shutdown()
        #expect(client.liveHandles == 0)
        server.stop()
    }

    @Test func bodyOverCapStopsTheServerEarly() async throws {
        let server = try await FaultServer.start()
        let client = HTTPClient(configuration: Self.configuration)
        let result = await client.fetch(server.url("/big/104857600"))
        guard case .tooLarge = result.outcome else { Issue.record("got \(result.outcome)"); return }
        // The stats request follows the aborted one; the server stopped writing long before 100 MiB.
        try await Task.sleep(for: .milliseconds(100))
        let stats = await client.fetch(server.url("/stats"))
        guard case .modified(let document) = stats.outcome,
              let json = try JSONSerialization.jsonObject(with: document.body) as? [String: Int],
              let sent = json["sent"] else { Issue.record("no stats: \(stats.message)"); return }
        #expect(sent < 16 << 20, "server wrote \(sent) bytes before the client hung up")
        #expect(result.message.contains("1048576"))
    }

    @Test(arguments: [
        ("120", 120.0),
        ("Wed,%2021%20Oct%202037%2007:28:00%20GMT", 2_139_722_880.0),
    ])
    func rateLimitedCarriesRetryAfter(value: String, expected: Double) async throws {
        let server = try await FaultServer.start()
        let client = HTTPClient(configuration: Self.configuration)
        let before = Date()
        let result = await client.fetch(server.url("/status/429?retry-after=\(value)"))
        guard case .rateLimited(429, let retryAfter?) = result.outcome else {
            Issue.record("got \(result.outcome)"); return
        }
        if expected < 1_000_000 {
            #expect(abs(retryAfter.timeIntervalSince(before) - expected) < 5)
        } else {
            #expect(retryAfter.timeIntervalSince1970 == expected)
        }
        #expect(result.message.contains("wait until"))
    }

    @Test(arguments: [
        ("/hop/301", "/final"),
        ("/hop/308,301", "/final"),
        ("/hop/301,302", "/hop/302"),
        ("/hop/302,301", nil),
        ("/hop/307", nil),
    ] as [(String, String?)])
    func redirectsReportPermanentMoves(path: String, permanentTarget: String?) async throws {
        let server = try await FaultServer.start()
        let client = HTTPClient(configuration: Self.configuration)
        let result = await client.fetch(server.url(path))
        guard case .modified(let document) = result.outcome else { Issue.record("got \(result.message)"); return }
        #expect(String(decoding: document.body, as: UTF8.self) == "final")
        #expect(result.finalURL == server.url("/final"))
        #expect(result.movedPermanently == permanentTarget.map(server.url))
    }

    @Test func connectionRefused() async throws {
        let port = try LocalPort.free()
        let client = HTTPClient(configuration: Self.configuration)
        let url = "http://127.0.0.1:\(port)/feed.xml"
        let result = await client.fetch(url)
        guard case .connectionRefused = result.outcome else { Issue.record("got \(result.outcome)"); return }
        #expect(result.message.hasPrefix("fetch: \(url): could not connect"))
    }

    @Test func selfSignedCertificateIsATLSFailureUnlessTrusted() async throws {
        let directory = try TemporaryDirectory()
        let certificate = try await SelfSignedCertificate.make(in: directory)
        let server = try await FaultServer.start(certificate: certificate)
        let url = server.url("/final")

        let strict = HTTPClient(configuration: Self.configuration)
        let refused = await strict.fetch(url)
        guard case .tlsFailure = refused.outcome else { Issue.record("got \(refused.outcome)"); return }
        #expect(refused.message.contains("TLS failed"))

        var trusting = Self.configuration
        trusting.caFile = certificate.cert
        let accepted = await HTTPClient(configuration: trusting).fetch(url)
        guard case .modified = accepted.outcome else { Issue.record("with the CA file: \(accepted.message)"); return }
    }
}
