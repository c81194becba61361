// DeliveryBench: webhooks per second with Standard Webhooks signing against a fast local
// receiver (nginx answering 204), end to end through the outbox (claim, sign, POST, record),
// and emails per second to a local aiosmtpd. run.sh starts the peers and runs the curl CLI
// anchor in the same run; see RESULTS.md.
import Curl
import Delivery
import Feeds
import Foundation
import Logging
import Store

struct Options {
    var webhookURL = ""
    var smtpURL: String?
    var webhooks = 20_000
    var emails = 1_000
    var concurrency = 64
    var emailConcurrency = 8

    init(_ args: [String]) {
        var i = 1
        func value() -> String { i += 1; return i < args.count ? args[i] : "" }
        while i < args.count {
            switch args[i] {
            case "--webhook-url": webhookURL = value()
            case "--smtp-url": smtpURL = value()
            case "--webhooks": webhooks = Int(value()) ?? webhooks
            case "--emails": emails = Int(value()) ?? emails
            case "--concurrency": concurrency = Int(value()) ?? concurrency
            case "--email-concurrency": emailConcurrency = Int(value()) ?? emailConcurrency
            default: FileHandle.standardError.write(Data("DeliveryBench: unknown argument \(args[i])\n".utf8)); exit(2)
            }
            i += 1
        }
    }
}

let options = Options(CommandLine.arguments)
guard !options.webhookURL.isEmpty else {
    FileHandle.standardError.write(Data("usage: DeliveryBench --webhook-url URL [--smtp-url URL] [--webhooks N] [--emails N] [--concurrency C]\n".utf8))
    exit(2)
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

enum Fixture {
static func content(_ i: Int) -> AlertContent {
    let story = MessageStory(
        title: "Drone attack on base near Hillah; Iran-backed militia blamed (\(i))",
        url: "https://news.example.org/world/2024/07/30/hillah-drone-attack-\(i)", source: "example-wire",
        published: Date(timeIntervalSince1970: 1_722_362_640),
        summary: "A drone struck a base near Hillah in Babil province on Tuesday, officials said; no group claimed it.",
        regions: ["IQ", "IQ-BB"], matched: ["drone attack", "militia"],
        alsoReportedBy: [.init(source: "daily-courier", url: "https://courier.example.com/a/\(i)")], rule: "iraq-strikes")
    return AlertContent(key: String(i), owner: "alice", kind: .matched(rule: "iraq-strikes", story: story))
}
}

func report(_ name: String, count: Int, elapsed: Duration, extra: String = "") {
    let s = seconds(elapsed)
    print(String(format: "%@: %d in %.3f s = %.0f/s%@", name, count, s, Double(count) / s, extra))
}

/// Runs `work(i)` for 0..<n with at most `width` in flight.
func bounded(_ n: Int, width: Int, _ work: @escaping @Sendable (Int) async -> Bool) async -> Int {
    await withTaskGroup(of: Bool.self) { group in
        var next = 0, ok = 0
        while next < min(n, width) { let i = next; group.addTask { await work(i) }; next += 1 }
        for await success in group {
            if success { ok += 1 }
            if next < n { let i = next; group.addTask { await work(i) }; next += 1 }
        }
        return ok
    }
}

func runBench(_ options: Options) async throws {
    let secret = try WebhookSecret(parsing: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    let target = WebhookTarget(url: options.webhookURL, format: .native, secret: secret)
    let clock = ContinuousClock()

    // 1. Payload + signature alone (CPU only).
    do {
        let signer = WebhookSigner(secret: secret)
        let start = clock.now
        var total = 0
        for i in 0..<options.webhooks {
            let body = WebhookPayload.body(for: Fixture.content(i), format: .native)
            total &+= signer.signature(id: "msg_newsalert_\(i)", timestamp: 1_722_362_640, body: body).utf8.count
        }
        report("build+sign only", count: options.webhooks, elapsed: clock.now - start, extra: " (\(total) signature bytes)")
    }

    var http = HTTPClientConfiguration()
    http.maxConnections = options.concurrency
    http.maxConnectionsPerHost = options.concurrency
    let client = HTTPClient(configuration: http)
    let sender = WebhookSender(client: client, addressGuard: try AddressGuard(allowPrivate: ["127.0.0.1/32"]))

    // 2. Webhooks: build, sign, POST, classify.
    do {
        _ = await sender.send(Fixture.content(-1), to: target)  // warm the connection pool
        let start = clock.now
        let ok = await bounded(options.webhooks, width: options.concurrency) { i in
            if case .delivered = await sender.send(Fixture.content(i), to: target) { return true }
            return false
        }
        report("webhooks (sign + POST)", count: options.webhooks, elapsed: clock.now - start, extra: ", \(ok) delivered")
    }

    // 3. End to end through the outbox: claim from SQLite, sign, POST, record each attempt.
    do {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deliverybench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("bench.db").path)
        try store.upsertSources([SourceSpec(name: "wire", url: "https://wire.example/feed")])
        let now = Date()
        for batch in stride(from: 0, to: options.webhooks, by: 500) {
            let stories = (batch..<min(batch + 500, options.webhooks)).map { i in
                Story(guid: "g\(i)", url: "https://wire.example/\(i)", canonicalURL: "https://wire.example/\(i)",
                      title: "Story \(i) on topic \(i &* 2654435761 % 1_000_003)", summary: "Summary \(i)",
                      text: "Body \(i) " + String(repeating: "w\(i % 97) ", count: 8), published: now)
            }
            try store.recordPollResult(PollResult(source: "wire", fetched: now, status: 200, nextDue: now, stories: stories)) { _, _ in
                [AlertDraft(owner: "alice", rule: "iraq-strikes", channels: ["ops"], matched: ["strike"])]
            }
        }
        let pending = try store.alerts(status: .pending, limit: options.webhooks + 1).count
        var settings = DeliveryWorker.Settings()
        settings.concurrency = options.concurrency
        settings.batchSize = 1000
        let resolved = ResolvedChannel(transport: .webhook(target), policy: ChannelPolicy(timeZone: TimeZone(identifier: "UTC")!))
        let worker = DeliveryWorker(store: store, sender: ChannelSenders(webhooks: sender, email: nil),
                                    resolve: { _, _ in .success(resolved) }, settings: settings, logger: Logger(label: "bench"))
        let start = clock.now
        var delivered = 0
        while true {
            let summary = try await worker.deliverDue()
            if summary.claimed == 0 { break }
            delivered += summary.delivered
        }
        report("alerts end to end (claim + sign + POST + record)", count: pending, elapsed: clock.now - start, extra: ", \(delivered) delivered")
    }

    // 4a. Email composition alone (templates + MIME), to split CPU from SMTP.
    do {
        let composer = EmailComposer(from: try Mailbox(parsing: "News alerts <alerts@example.org>"))
        let to = try Mailbox(parsing: "alice@example.org")
        let start = clock.now
        var bytes = 0
        for i in 0..<options.emails { bytes += composer.compose(Fixture.content(i), to: to, date: Date()).rendered().count }
        report("email compose only", count: options.emails, elapsed: clock.now - start, extra: " (\(bytes / max(1, options.emails)) bytes each)")
    }

    // 4. Email over SMTP.
    if let smtpURL = options.smtpURL {
        let smtp = SMTPClient(configuration: SMTPConfiguration(url: smtpURL, tls: .none))
        let email = EmailSender(client: smtp, composer: EmailComposer(from: try Mailbox(parsing: "News alerts <alerts@example.org>")))
        let to = try Mailbox(parsing: "alice@example.org")
        let start = clock.now
        let ok = await bounded(options.emails, width: options.emailConcurrency) { i in
            if case .delivered = await email.send(Fixture.content(i), to: to) { return true }
            return false
        }
        report("emails (compose + SMTP)", count: options.emails, elapsed: clock.now - start, extra: ", \(ok) accepted")
        smtp.shutdown()
    }
    client.shutdown()
}

try await runBench(options)
