import CCurl
import Foundation
import Testing
@testable import Curl

@Suite struct ClassifierTests {
    static let now = Date(timeIntervalSince1970: 1_722_362_640)  // 2024-07-30T18:04:00Z

    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777.0),
        ("Sun Nov  6 08:49:37 1994", 784_111_777.0),
        ("Tue, 30 Jul 2024 18:04:00 GMT", 1_722_362_640.0),
    ])
    func httpDates(text: String, epoch: Double) {
        #expect(HTTPDate.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: ["", "tomorrow", "0", "Tue, 32 Jul 2024 18:04:00 GMT", "Tue, 30 Jul 2024 25:04:00 GMT"])
    func invalidHTTPDates(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test(arguments: [
        ([("Cache-Control", "public, max-age=300")], 300.0),
        ([("Cache-Control", "max-age=300"), ("Age", "100")], 200.0),
        ([("Cache-Control", "max-age=60"), ("Expires", "Tue, 30 Jul 2024 20:04:00 GMT")], 60.0),
        ([("Expires", "Tue, 30 Jul 2024 19:04:00 GMT"), ("Date", "Tue, 30 Jul 2024 18:04:00 GMT")], 3600.0),
        ([("Expires", "0")], nil),
        ([("Cache-Control", "no-cache, max-age=300")], nil),
        ([], nil),
    ] as [([(String, String)], Double?)])
    func freshness(headers: [(String, String)], seconds: Double?) {
        let fresh = Classifier.freshUntil(HTTPHeaders(headers), now: Self.now)
        #expect(fresh.map { $0.timeIntervalSince(Self.now) } == seconds)
    }

    static func report(code: CURLcode = CURLE_OK, status: Int, headers: [(String, String)] = []) -> TransferReport {
        TransferReport(code: Int(code.rawValue), errorText: "detail", status: status, headers: HTTPHeaders(headers),
                       body: Data("x".utf8), finalURL: "https://example.org/feed", movedPermanently: nil, redirectCount: 0,
                       overflow: nil, refusedAddress: nil, cancelled: false, duration: .zero, host: "example.org")
    }

    @Test(arguments: [
        (CURLE_COULDNT_RESOLVE_HOST, FetchOutcome.dnsFailure(host: "example.org"), "could not resolve host example.org; check the host name and this machine's DNS"),
        (CURLE_OPERATION_TIMEDOUT, .timeout(detail: "detail"), "timed out (detail); the server is slow or unreachable"),
        (CURLE_PEER_FAILED_VERIFICATION, .tlsFailure(detail: "detail"), "TLS failed (detail); the certificate is not trusted or the handshake failed (verification is always on)"),
        (CURLE_RECV_ERROR, .failed(code: 56, detail: "detail"), "transfer failed: detail (curl error 56)"),
    ])
    func transportCodes(code: CURLcode, outcome: FetchOutcome, message: String) {
        let result = Classifier.fetchResult(Self.report(code: code, status: 0), request: FetchRequest(url: "https://example.org/feed"), maxRedirects: 5, now: Self.now)
        #expect(result.outcome == outcome)
        #expect(result.message == "fetch: https://example.org/feed: " + message)
    }

    @Test func notModifiedKeepsStoredValidatorsUnlessReplaced() {
        let stored = Validators(etag: "\"a\"", lastModified: "Tue, 30 Jul 2024 18:04:00 GMT")
        let request = FetchRequest(url: "https://example.org/feed", validators: stored)
        let same = Classifier.fetchResult(Self.report(status: 304), request: request, maxRedirects: 5, now: Self.now)
        #expect(same.outcome == .notModified(validators: stored, freshUntil: nil))
        let replaced = Classifier.fetchResult(Self.report(status: 304, headers: [("ETag", "\"b\"")]), request: request, maxRedirects: 5, now: Self.now)
        #expect(replaced.outcome == .notModified(validators: Validators(etag: "\"b\"", lastModified: stored.lastModified), freshUntil: nil))
    }

    @Test(arguments: [
        ([UInt8]([127, 0, 0, 1]), true, true), ([10, 1, 2, 3], false, true), ([172, 20, 0, 1], false, true),
        ([192, 168, 1, 1], false, true), ([169, 254, 169, 254], false, true), ([93, 184, 216, 34], false, false),
        ([UInt8](repeating: 0, count: 15) + [1], true, true), ([0xFE, 0x80] + [UInt8](repeating: 0, count: 14), false, true),
        ([0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 12), false, false),
        ([UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 10, 0, 0, 1], false, true),
    ])
    func addressKinds(bytes: [UInt8], loopback: Bool, isPrivate: Bool) {
        let address = IPAddress(bytes: bytes)
        #expect(address.isLoopback == loopback)
        #expect(address.isPrivate == isPrivate)
    }
}
