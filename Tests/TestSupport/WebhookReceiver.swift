import Foundation

/// A webhook receiver for tests that checks every signature with the PyPI package
/// `standardwebhooks` (pip install standardwebhooks), on 127.0.0.1 and a free port.
/// Paths choose its answer: `/ok` 200 (401 on a bad signature), `/fail` 500, `/busy` 429
/// with Retry-After: 7, `/gone` 410, `/hang` never answers, `/flaky` 500 twice per
/// webhook-id then 200.
public final class WebhookReceiver: Sendable {
    public let port: Int
    public let secret: String
    private let directory: TemporaryDirectory
    private let process: PeerProcess

    /// One request as the receiver logged it.
    public struct Request: Sendable {
        public let path: String
        public let webhookID: String?
        public let verified: Bool
        public let error: String?
        public let contentType: String?
        /// The body re-serialized as JSON text (nil if it was not JSON).
        public let bodyJSON: String?
    }

    public static func start(secret: String) async throws -> WebhookReceiver {
        let directory = try TemporaryDirectory(prefix: "newsalert-webhook")
        let log = directory.file("requests.jsonl")
        let script = peerScript("webhook_receiver.py")
        return try await PeerProcess.offPool {
            // scripts/test prepares a virtual environment with the verifier and names it here.
            let preferred = ProcessInfo.processInfo.environment["NEWSALERT_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
            guard let python = preferred ?? which("python3") else { throw PeerError("python3 not found") }
            let port = try LocalPort.free()
            let process = try PeerProcess(executable: python, arguments: [script, "--port", String(port), "--secret", secret, "--log", log])
            let line = try process.readLine()
            guard line == "READY \(port)" else {
                process.stop()
                throw PeerError("webhook receiver did not start (\(line)); run scripts/test, which installs standardwebhooks")
            }
            return WebhookReceiver(port: port, secret: secret, directory: directory, process: process)
        }
    }

    private init(port: Int, secret: String, directory: TemporaryDirectory, process: PeerProcess) {
        self.port = port
        self.secret = secret
        self.directory = directory
        self.process = process
    }

    public func url(_ path: String, host: String = "127.0.0.1") -> String { "http://\(host):\(port)\(path)" }

    /// Requests received so far, in order.
    public func requests() throws -> [Request] {
        let path = directory.file("requests.jsonl")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw PeerError("webhook receiver log line is not an object")
            }
            let body = o["body"].flatMap { $0 is NSNull ? nil : $0 }
            let bodyJSON = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
            return Request(
                path: o["path"] as? String ?? "", webhookID: o["webhook_id"] as? String, verified: o["verified"] as? Bool ?? false,
                error: o["error"] as? String, contentType: o["content_type"] as? String, bodyJSON: bodyJSON
            )
        }
    }

    public func stop() { process.stop() }
}
