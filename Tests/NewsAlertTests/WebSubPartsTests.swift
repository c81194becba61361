import Feeds
import Foundation
import Testing
@testable import NewsAlert

/// The pieces of WebSub that are pure: signatures (§8), discovery (§4), query decoding,
/// the polling safety net and the `websub:` config section.
struct WebSubPartsTests {
    static let secret = "3f9c0e4b7a1d52c86e0f4a9b1c7d3e5f2a8b6c4d0e1f3a5b7c9d2e4f6a8b0c1d"
    static let body = Data(#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>"#.utf8)

    /// Reference MACs computed independently with Python's hmac module:
    /// hmac.new(secret.encode(), body, hashlib.<method>).hexdigest()
    @Test(arguments: ["sha1", "sha256", "sha384", "sha512"])
    func everyMethodOfTheSpecVerifies(method: String) throws {
        let header = try #require(HubSignature.sign(Self.body, secret: Self.secret, method: method))
        #expect(HubSignature.verify(header: header, body: Self.body, secret: Self.secret) == .valid(method: method))
        #expect(HubSignature.verify(header: header.uppercased().replacingOccurrences(of: method.uppercased() + "=", with: method + "="),
                                    body: Self.body, secret: Self.secret) == .valid(method: method), "hex digits in either case")
        var tampered = Self.body
        tampered[tampered.count - 3] ^= 1
        #expect(HubSignature.verify(header: header, body: tampered, secret: Self.secret) != .valid(method: method))
        #expect(HubSignature.verify(header: header, body: Self.body, secret: Self.secret + "x") != .valid(method: method))
    }

    @Test func matchesAnIndependentlyComputedMAC() {
        // python3 -c 'import hmac,hashlib;print(hmac.new(b"key", b"The quick brown fox jumps over the lazy dog", hashlib.sha256).hexdigest())'
        let header = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        #expect(HubSignature.verify(header: header, body: Data("The quick brown fox jumps over the lazy dog".utf8), secret: "key") == .valid(method: "sha256"))
    }

    @Test(arguments: [
        (nil, "no X-Hub-Signature"),
        ("", "no X-Hub-Signature"),
        ("f7bc83f4", "not method=signature"),
        ("md5=f7bc83f430538424b13298e6aa6fb143", "not one of"),
        ("sha256=xyz", "not hexadecimal"),
        ("sha256=abc", "not hexadecimal"),
        ("sha256=00", "does not match"),
    ] as [(String?, String)])
    func malformedSignaturesAreInvalid(header: String?, reason: String) {
        guard case let .invalid(why) = HubSignature.verify(header: header, body: Self.body, secret: Self.secret) else {
            Issue.record("\(header ?? "nil") verified")
            return
        }
        #expect(why.contains(reason), "\(why)")
    }

    @Test(arguments: [
        // Link headers win over the document; the topic comes from the same place as the hub.
        (["<https://hub.example/>; rel=\"hub\", <https://feeds.example/a.xml>; rel=\"self\""],
         FeedInfo(hub: "https://other-hub.example/", selfURL: "https://feeds.example/doc.xml"),
         "https://hub.example/", "https://feeds.example/a.xml"),
        // Two fields, rel lists, relative targets resolved against the fetched URL.
        (["</hub>; rel=\"hub\"", "<a.xml>; rel=\"self alternate\""], FeedInfo(),
         "https://feeds.example/hub", "https://feeds.example/news/a.xml"),
        // The document alone (Atom/RSS atom:link, JSON Feed hubs).
        ([], FeedInfo(hub: "https://pubsubhubbub.appspot.com/", selfURL: "https://feeds.example/news/feed.xml"),
         "https://pubsubhubbub.appspot.com/", "https://feeds.example/news/feed.xml"),
        // No rel=self anywhere: the URL fetched is the topic.
        ([], FeedInfo(hub: "https://hub.example/"), "https://hub.example/", "https://feeds.example/news/feed"),
        // Commas and semicolons inside the target and quoted parameters do not split links.
        (["<https://hub.example/a,b;c>; title=\"x, y; z\"; rel=hub"], FeedInfo(), "https://hub.example/a,b;c", "https://feeds.example/news/feed"),
        // Only the first rel counts (RFC 8288 §3.3); non-http hubs are ignored.
        (["<https://nope.example/>; rel=self; rel=hub", "<mailto:x@example.org>; rel=hub"], FeedInfo(), nil, nil),
    ] as [([String], FeedInfo, String?, String?)])
    func discovery(headers: [String], feed: FeedInfo, hub: String?, topic: String?) {
        let found = HubDiscovery.find(linkHeaders: headers, feed: feed, fetchedURL: "https://feeds.example/news/feed")
        #expect(found?.hub == hub)
        #expect(found?.topic == topic)
    }

    @Test func feedsExposeTheirHubLinks() throws {
        let atom = #"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link rel="hub" href="https://hub.example/"/><link rel="self" href="https://a.example/feed"/></feed>"#
        let rss = #"<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>R</title><atom:link rel="hub" href="https://hub.example/"/><atom:link rel="self" href="https://r.example/rss"/></channel></rss>"#
        let json = #"{"version":"https://jsonfeed.org/version/1.1","title":"J","feed_url":"https://j.example/feed.json","hubs":[{"type":"WebSub","url":"https://hub.example/"}],"items":[]}"#
        for (text, topic) in [(atom, "https://a.example/feed"), (rss, "https://r.example/rss"), (json, "https://j.example/feed.json")] {
            let doc = try DocumentParser.parse(Data(text.utf8), url: URL(string: "https://x.example/"))
            let found = HubDiscovery.find(linkHeaders: [], feed: doc.feed, fetchedURL: "https://x.example/")
            #expect(found == HubDiscovery(hub: "https://hub.example/", topic: topic), "\(doc.kind)")
        }
    }

    @Test(arguments: [
        ("hub.mode=subscribe&hub.topic=https%3A%2F%2Ffeeds.example%2Fa%3Fx%3D1%26y%3D2&hub.challenge=a+b%2Bc",
         ["hub.mode": "subscribe", "hub.topic": "https://feeds.example/a?x=1&y=2", "hub.challenge": "a b+c"]),
        ("hub.mode=unsubscribe&hub.mode=subscribe&flag&bad=%zz", ["hub.mode": "unsubscribe", "flag": "", "bad": "%zz"]),
    ])
    func hubQueries(query: String, expected: [String: String]) {
        #expect(FormDecoding.parse(query) == expected)
        // What we send the hub decodes back to the same values.
        let round = HubRequest(hub: "https://hub.example/", mode: .subscribe, topic: "https://f.example/a b?x=1&y=ü",
                               callback: "https://n.example/websub/ab", leaseSeconds: 864_000, secret: Self.secret)
        let decoded = FormDecoding.parse(String(decoding: round.body, as: UTF8.self))
        #expect(decoded["hub.topic"] == "https://f.example/a b?x=1&y=ü")
        #expect(decoded["hub.secret"] == Self.secret && decoded["hub.lease_seconds"] == "864000" && decoded["hub.mode"] == "subscribe")
    }

    @Test(arguments: [
        // interval, lease left, expected interval after stretching
        (600.0, 86_400.0, 3600.0),      // ×6
        (3600.0, 86_400.0, 21_600.0),   // capped at 6 h
        (7200.0, 86_400.0, 21_600.0),   // the cap, not ×6
        (30_000.0, 86_400.0, 30_000.0), // never shorter than the scheduler's own
        (600.0, 1200.0, 1200.0),        // not past the lease's end
        (600.0, 300.0, 600.0),          // a lease ending first leaves the normal pace
    ])
    func pollingSlowsWhilePushed(interval: Double, leaseLeft: Double, expected: Double) {
        let now = Date(timeIntervalSince1970: 1_717_200_000)
        let due = PollSafetyNet.stretch(due: now.addingTimeInterval(interval), now: now, leaseEnd: now.addingTimeInterval(leaseLeft), factor: 6, cap: 21_600)
        #expect(due.timeIntervalSince(now) == expected)
    }

    @Test func backoffDoublesToADay() {
        #expect(WebSubCoordinator.backoff(streak: 1, random: 0.5) == 60)
        #expect(WebSubCoordinator.backoff(streak: 3, random: 0.5) == 240)
        #expect(WebSubCoordinator.backoff(streak: 30, random: 0.5) == 86_400)
        #expect(WebSubCoordinator.backoff(streak: 1, random: 0) == 54)
    }

    @Test func randomTokensAreLongAndDistinct() {
        let secrets = (0..<100).map { _ in RandomToken.hex(bytes: 32) }
        #expect(Set(secrets).count == 100)
        #expect(secrets.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test(arguments: [
        ("websub: { callback_base: \"https://news.example.org/newsalert/\", lease: 2d }", nil, "https://news.example.org/newsalert/websub/abc"),
        ("websub: { lease: 2d }", "config.yaml:2:9: websub needs callback_base", nil),
        ("websub: { callback_base: \"ftp://x\" }", "config.yaml:2:26: websub.callback_base must be", nil),
        ("websub: { callback_base: \"https://n.example\", lease: 10s }", "config.yaml:2:54: websub.lease must be at least 1m", nil),
        ("websub: { callback_base: \"https://n.example\", leas: 1d }", "config.yaml:2:47: unknown key 'leas'", nil),
        ("websub: off", nil, nil),
    ] as [(String, String?, String?)])
    func configSection(yaml: String, error expected: String?, callback: String?) {
        do {
            let config = try ConfigLoader.parse("listen: 127.0.0.1:9464\n" + yaml + "\n", path: "config.yaml", origin: "test")
            #expect(expected == nil)
            #expect(config.websub?.callbackURL("abc") == callback)
            if callback != nil { #expect(config.websub.map { Int($0.lease) } == 172_800) }
        } catch {
            #expect(expected.map { "\(error)".contains($0) } == true, "\(error)")
        }
    }

    @Test func websubNeedsTheEndpoint() {
        #expect(throws: ConfigLoader.Failure.self) {
            try ConfigLoader.parse("listen: \"off\"\nwebsub: { callback_base: \"https://n.example\" }\n", path: "c.yaml", origin: "test")
        }
    }
}
