import Curl
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// WebSub end to end with real peers: `newsalert run` polls a feed on nginx that advertises
/// the hub peer; the hub verifies the subscription by GET on the service's endpoint and pushes
/// signed content; the alert reaches the verifying webhook receiver. Also: pushes with a bad
/// or no signature are ignored, verifications that match nothing are refused, short leases
/// are renewed, and removing the source unsubscribes it.
struct WebSubServiceTests {
    static let secret = "whsec_" + Data("websub-test-webhook-secret-0123".utf8).base64EncodedString()
    /// The lease the hub grants whatever is asked, short enough to see renewals.
    static let lease = 6

    static func feed(hub: String, selfURL: String, items: [(guid: String, title: String, text: String)]) -> String {
        let entries = items.map { i in
            """
            <item><title>\(i.title)</title><link>https://wire.example/\(i.guid)</link><guid>\(i.guid)</guid>
            <pubDate>\(Date().formatted(.iso8601))</pubDate><description>\(i.text)</description></item>
            """
        }.joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Wire</title><link>https://wire.example/</link>
        <atom:link rel="hub" href="\(hub)"/><atom:link rel="self" type="application/rss+xml" href="\(selfURL)"/>
        \(entries)
        </channel></rss>
        """
    }

    static let calm = (guid: "wire-1", title: "Central bank holds rates steady", text: "The central bank left its benchmark rate unchanged on Tuesday.")
    static let strike = (guid: "wire-2", title: "US strikes Iran-backed militia sites in Babil province",
                         text: "U.S. forces struck sites used by Iran-backed militias in Babil province on Tuesday after a drone attack on a base.")
    /// Distinct matching stories, pushed one by one (none is a copy of another).
    static let news = [
        strike,
        (guid: "wire-5", title: "Militia rocket strike hits convoy on Basra highway",
         text: "Rockets fired by a militia struck a supply convoy on the highway south of Basra late on Wednesday, port officials said."),
        (guid: "wire-6", title: "Drone strike kills militia commander in Syrian border town",
         text: "A commander of an armed militia died when a drone struck his car in Albu Kamal near the Iraqi frontier, a monitoring group reported."),
        (guid: "wire-7", title: "Coalition jets strike militia training camp in Anbar desert",
         text: "Warplanes bombed a desert training camp used by militia fighters west of Ramadi, destroying barracks and vehicles, the ministry stated."),
        (guid: "wire-8", title: "Retaliatory strikes follow militia attack on Erbil airport",
         text: "Hours after explosive-laden drones targeted Erbil airport, retaliatory air raids struck positions held by the militia in Nineveh."),
    ]
    static let forged = (guid: "wire-3", title: "Forged: strikes on militia depots near Hillah",
                         text: "A push signed with the wrong key claims strikes on militia depots near Hillah.")
    static let unsigned = (guid: "wire-4", title: "Unsigned: militia strike reported near Karbala",
                           text: "A push without any signature reports a militia strike near Karbala.")

    static func rules(_ url: String) -> String {
        """
        owner: alice
        channels:
          ops: { webhook: "\(url)", secret_env: WEBSUB_TEST_SECRET }
        rules:
          - name: militia-strikes
            query: 'strike* AND militia*'
            notify: [ops]
        """
    }

    func waitFor(_ what: String, timeout: TimeInterval = 30, every: Duration = .milliseconds(50),
                 _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: every)
        }
        Issue.record("timed out waiting for \(what)")
        throw PeerError("timed out waiting for \(what)")
    }

    /// Runs a one-shot `newsalert` command and returns its standard output.
    static func cli(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CrashSafetyTests.binary)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NEWSALERT_CONFIG")
        p.environment = env
        // Output to a file, not a pipe: a child another test spawns meanwhile may inherit the
        // pipe's write end and hold it open, so reading to its end could wait on that test.
        let dir = try TemporaryDirectory(prefix: "newsalert-cli")
        let path = dir.file("out")
        FileManager.default.createFile(atPath: path, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? out.close() }
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        try ProcessExit.wait(p)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func pushBecomesAWebhookWithinASecond() async throws {
        let site = try await ServiceWorkspace.start(prefix: "newsalert-websub", secret: Self.secret)
        defer { site.stop() }
        let (dir, nginx, receiver) = (site.dir, site.nginx, site.receiver)
        let hub = try await WebSubHub.start(lease: Self.lease)
        defer { hub.stop() }
        let topic = nginx.url("/wire.xml")
        try dir.write("www/wire.xml", Self.feed(hub: hub.hubURL, selfURL: topic, items: [Self.calm]))
        try dir.write("rules/alice.yaml", Self.rules(receiver.url("/ok")))
        let port = try LocalPort.free()
        func config(sources: String) -> String {
            """
            database: \(dir.file("n.db"))
            rules: \(dir.file("rules"))
            listen: 127.0.0.1:\(port)
            webhooks: { allow_private: [127.0.0.1/32] }
            websub: { callback_base: "http://127.0.0.1:\(port)/", lease: 1h }
            sources:\(sources)
            """
        }
        try dir.write("config.yaml", config(sources: "\n  - { name: wire, url: \"\(topic)\", every: 10m }"))
        FileManager.default.createFile(atPath: dir.file("service.log"), contents: nil)
        let log = try #require(FileHandle(forWritingAtPath: dir.file("service.log")))

        let service = Process()
        service.executableURL = URL(fileURLWithPath: CrashSafetyTests.binary)
        service.arguments = ["run", "--config", dir.file("config.yaml")]
        var env = ProcessInfo.processInfo.environment
        env["WEBSUB_TEST_SECRET"] = Self.secret
        env.removeValue(forKey: "NEWSALERT_CONFIG")
        service.environment = env
        service.standardOutput = FileHandle.nullDevice
        service.standardError = log
        try service.run()
        defer { if service.isRunning { kill(service.processIdentifier, SIGKILL) } }
        func serviceLog() -> String { (try? String(contentsOfFile: dir.file("service.log"), encoding: .utf8)) ?? "" }

        // 1. The first poll finds the hub; the service subscribes and confirms the hub's verification.
        try await waitFor("the hub to verify the subscription") { try await !hub.state().subscriptions.isEmpty }
        var state = try await hub.state()
        let request = try #require(state.events.first { $0["event"] as? String == "request" })
        #expect(request["mode"] as? String == "subscribe" && request["topic"] as? String == topic)
        #expect((request["secret_length"] as? Int ?? 0) >= 32, "hub.secret carries at least 32 bytes")
        #expect(request["lease_seconds"] as? Int == 3600, "the configured lease is asked for")
        let callback = try #require(state.subscriptions.first?["callback"] as? String)
        #expect(callback.hasPrefix("http://127.0.0.1:\(port)/websub/"), "\(callback)")

        // 2. The hub pushes new matching items, one at a time: each becomes one verified
        //    webhook, well within a second of the push.
        var items = [Self.calm]
        var latencies: [Double] = []
        for (n, story) in Self.news.enumerated() {
            items.insert(story, at: 0)
            let body = Self.feed(hub: hub.hubURL, selfURL: topic, items: items)
            try dir.write("www/wire.xml", body)
            let pushes = try await hub.publish(topic: topic, body: body)
            #expect(pushes.map(\.status) == [202])
            let sentAt = try #require(pushes.first?.sentAt)
            try await waitFor("webhook \(n + 1)", timeout: 10, every: .milliseconds(2)) { try receiver.requests().count > n }
            latencies.append(Date().timeIntervalSince(sentAt))
        }
        let sorted = latencies.sorted()
        let summary = "websub push → webhook latency over \(sorted.count) pushes: min \(Int(sorted[0] * 1000)) ms, median \(Int(sorted[sorted.count / 2] * 1000)) ms, max \(Int(sorted[sorted.count - 1] * 1000)) ms"
        print(summary)
        try? (summary + "\n").write(toFile: NSTemporaryDirectory() + "/newsalert-websub-latency.txt", atomically: true, encoding: .utf8)
        #expect(sorted.last ?? 9 < 1.0, "\(summary)")
        let hooks = try receiver.requests()
        #expect(hooks.count == Self.news.count && hooks.allSatisfy(\.verified), "\(hooks.map { $0.error ?? "ok" })")
        #expect(hooks.first?.bodyJSON?.contains("Babil") == true)

        // `newsalert sources` shows the live subscription and its last push.
        let listing = try Self.cli(["sources", "--json", "--config", dir.file("config.yaml")])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [String: Any])
        let line = try #require((report["sources"] as? [[String: Any]])?.first)
        let websub = try #require(line["websub"] as? [String: Any], "\(listing)")
        #expect(websub["hub"] as? String == hub.hubURL && websub["state"] as? String == "active", "\(websub)")
        #expect(websub["last_push"] is String && websub["lease_expires"] is String, "\(websub)")
        #expect(try Self.cli(["sources", "--config", dir.file("config.yaml")]).contains("WebSub via \(hub.hubURL): active, lease ends in"))

        // 3. Pushes signed with another key, or not at all, are acknowledged (202, §8) and ignored.
        let bad = try await hub.publish(topic: topic, body: Self.feed(hub: hub.hubURL, selfURL: topic, items: [Self.forged]), signing: .bad)
        let none = try await hub.publish(topic: topic, body: Self.feed(hub: hub.hubURL, selfURL: topic, items: [Self.unsigned]), signing: .none)
        #expect(bad.map(\.status) == [202] && none.map(\.status) == [202])
        // Other methods of §8 are accepted too (the repeat carries nothing new: no second alert).
        let sha512 = try await hub.publish(topic: topic, body: Self.feed(hub: hub.hubURL, selfURL: topic, items: [Self.strike]), method: "sha512")
        #expect(sha512.map(\.status) == [202])
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try receiver.requests().count == Self.news.count, "no alert from forged, unsigned or repeated pushes")
        #expect(serviceLog().contains("X-Hub-Signature does not match the body"))
        #expect(serviceLog().contains("no X-Hub-Signature header"))

        // 4. Verifications that match no request in flight are refused with 404.
        let otherTopic = try await hub.verify(callback: callback, topic: nginx.url("/other.xml"))
        #expect(otherTopic.status == 404 && otherTopic.body != "")
        let unknownCallback = try await hub.verify(callback: "http://127.0.0.1:\(port)/websub/0123456789abcdef", topic: topic)
        #expect(unknownCallback.status == 404)
        let client = HTTPClient()
        defer { client.shutdown() }
        let stray = await client.post(PostRequest(url: "http://127.0.0.1:\(port)/websub/0123456789abcdef", body: Array("x".utf8)))
        #expect(stray.status == 410, "a push for no subscription is told Gone (WebSub §7)")
        let unasked = try await hub.verify(callback: callback, topic: topic, mode: "unsubscribe")
        #expect(unasked.status == 404, "an unsubscription nobody asked for is refused")

        // 5. The short lease is renewed before it runs out.
        try await waitFor("a lease renewal", timeout: Double(Self.lease) * 3) {
            try await hub.state().events.filter { $0["event"] as? String == "verified" && $0["mode"] as? String == "subscribe" }.count >= 2
        }
        state = try await hub.state()
        #expect(Set(state.events.filter { $0["event"] as? String == "request" }.compactMap { $0["callback"] as? String }) == [callback],
                "renewals keep the callback")

        // 6. The source leaves the config; after SIGHUP the service unsubscribes.
        try dir.write("config.yaml", config(sources: " []"))
        kill(service.processIdentifier, SIGHUP)
        try await waitFor("the unsubscription", timeout: 20) {
            try await hub.state().events.contains { $0["event"] as? String == "verified" && $0["mode"] as? String == "unsubscribe" }
        }
        #expect(try await hub.state().subscriptions.isEmpty)
        let late = try await hub.publish(topic: topic, body: Self.feed(hub: hub.hubURL, selfURL: topic, items: [Self.strike]))
        #expect(late.isEmpty, "the hub no longer pushes to us")

        kill(service.processIdentifier, SIGTERM)
        #expect(try ProcessExit.wait(service) == 0)
        let text = serviceLog()
        #expect(text.contains("websub: subscribed") && text.contains("source.name=wire"), "\(text)")
        #expect(text.contains("websub: unsubscribed"), "\(text)")
    }
}
