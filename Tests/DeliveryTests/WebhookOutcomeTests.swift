import Foundation
import Testing
@testable import Delivery

@Suite struct WebhookOutcomeTests {
    enum Expect: Sendable { case delivered, retry(TimeInterval?), permanent }

    static let now = Date(timeIntervalSince1970: 1_700_000_000) // Tue, 14 Nov 2023 22:13:20 GMT

    static let cases: [(Int, String?, Expect)] = [
        (200, nil, .delivered), (202, nil, .delivered), (204, nil, .delivered),
        (408, nil, .retry(nil)), (429, "120", .retry(120)),
        (429, "Tue, 14 Nov 2023 22:15:20 GMT", .retry(120)),
        (503, "Tue, 14 Nov 2023 22:00:00 GMT", .retry(0)),
        (500, nil, .retry(nil)), (502, "soon", .retry(nil)), (599, nil, .retry(nil)),
        (400, nil, .permanent), (401, nil, .permanent), (404, nil, .permanent), (410, "60", .permanent),
        (301, nil, .permanent), (422, nil, .permanent),
    ]

    @Test(arguments: cases)
    func classification(_ status: Int, _ retryAfter: String?, _ expected: Expect) {
        let headers = retryAfter.map { [(name: "Retry-After", value: $0)] } ?? []
        let outcome = WebhookOutcomeClassifier.classify(url: "https://h.example/x", status: status, headers: headers, body: Array("nope".utf8), now: Self.now)
        switch (outcome, expected) {
        case (.delivered(let s), .delivered): #expect(s == status)
        case (.retry(let s, let error, let after), .retry(let want)):
            #expect(s == status)
            #expect(after == want)
            #expect(error == "webhook https://h.example/x: HTTP \(status): nope")
        case (.permanent(let s, let error), .permanent):
            #expect(s == status)
            #expect(error.hasPrefix("webhook https://h.example/x: HTTP \(status): nope"))
        default: Issue.record("HTTP \(status): got \(outcome)")
        }
    }

    @Test func errorKeepsFirst200BytesOnOneLine() {
        let body = Array(("line one\r\nline two " + String(repeating: "é", count: 200)).utf8)
        let outcome = WebhookOutcomeClassifier.classify(url: "u", status: 400, headers: [], body: body, now: Self.now)
        let excerpt = WebhookOutcomeClassifier.bodyExcerpt(body)
        #expect(excerpt.utf8.count <= 200)
        #expect(excerpt.utf8.count >= 198)
        #expect(excerpt.hasPrefix("line one line two é"))
        #expect(!excerpt.contains("\u{FFFD}"))
        #expect(outcome.error?.contains(excerpt) == true)
    }
}
