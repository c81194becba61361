import Curl
import Foundation

/// The WebSub hub peer (`peers/websub_hub.py`) on 127.0.0.1 and a port of its own choosing:
/// it takes subscription requests at `hubURL`, verifies intents by GET to the callback, and
/// pushes signed content when a test publishes.
public final class WebSubHub: Sendable {
    public let port: Int
    private let process: PeerProcess
    private let client = HTTPClient()

    /// One push as the hub made it.
    public struct Push: Sendable {
        public let callback: String
        public let status: Int
        /// Wall-clock time just before the hub sent it.
        public let sentAt: Date
    }

    /// How a publication is signed: with the subscriber's secret, with another key, or not at all.
    public enum Signing: String, Sendable { case valid, bad, none }

    /// Starts the hub; with `lease` it grants that many seconds whatever the subscriber asks.
    public static func start(lease: Int? = nil) async throws -> WebSubHub {
        try await PeerProcess.offPool { try WebSubHub(lease: lease) }
    }

    private init(lease: Int?) throws {
        let system = "/usr/bin/python3"
        guard let python = FileManager.default.isExecutableFile(atPath: system) ? system : which("python3") else {
            throw PeerError("python3 not found; install it")
        }
        var arguments = [peerScript("websub_hub.py")]
        if let lease { arguments += ["--lease", String(lease)] }
        process = try PeerProcess(executable: python, arguments: arguments)
        let line = try process.readLine()
        guard line.hasPrefix("READY "), let port = Int(line.dropFirst(6)) else {
            process.stop()
            throw PeerError("websub hub said '\(line)' instead of READY <port>")
        }
        self.port = port
    }

    /// The hub URL publishers advertise (`<link rel="hub">`).
    public var hubURL: String { "http://127.0.0.1:\(port)/hub" }

    /// Pushes `body` to every verified subscriber of `topic`; returns once each answered.
    public func publish(topic: String, body: String, contentType: String = "application/rss+xml",
                        signing: Signing = .valid, method: String = "sha256") async throws -> [Push] {
        let query = "topic=\(Self.encode(topic))&sign=\(signing.rawValue)&method=\(method)"
        let json = try await post("/_publish?\(query)", body: Array(body.utf8), contentType: contentType)
        guard let list = json as? [[String: Any]] else { throw PeerError("websub hub: /_publish did not answer a list") }
        return list.map {
            Push(callback: $0["callback"] as? String ?? "", status: $0["status"] as? Int ?? 0,
                 sentAt: Date(timeIntervalSince1970: $0["sent_at"] as? Double ?? 0))
        }
    }

    /// Has the hub send one verification of intent as told; returns the callback's status and body.
    public func verify(callback: String, topic: String, mode: String = "subscribe") async throws -> (status: Int, body: String) {
        let json = try await post("/_verify?callback=\(Self.encode(callback))&topic=\(Self.encode(topic))&mode=\(mode)", body: [], contentType: "text/plain")
        let o = json as? [String: Any] ?? [:]
        return (o["status"] as? Int ?? 0, o["body"] as? String ?? "")
    }

    /// The verified subscriptions and every event (`request`, `verified`, `verification_refused`, `push`).
    public func state() async throws -> (subscriptions: [[String: Any]], events: [[String: Any]]) {
        let result = await client.fetch("http://127.0.0.1:\(port)/_state")
        guard case let .modified(doc) = result.outcome,
              let o = try JSONSerialization.jsonObject(with: doc.body) as? [String: Any] else {
            throw PeerError("websub hub: /_state failed: \(result.message)")
        }
        return (o["subscriptions"] as? [[String: Any]] ?? [], o["events"] as? [[String: Any]] ?? [])
    }

    private func post(_ path: String, body: [UInt8], contentType: String) async throws -> Any {
        let result = await client.post(PostRequest(url: "http://127.0.0.1:\(port)\(path)", headers: [("Content-Type", contentType)],
                                                   body: body, keepResponseBytes: 1 << 20))
        guard result.status == 200 else { throw PeerError("websub hub: \(result.message)") }
        return try JSONSerialization.jsonObject(with: Data(result.bodyPrefix))
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    public func stop() {
        client.shutdown()
        process.stop()
    }

    deinit { process.stop() }
}
