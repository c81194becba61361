import Foundation

/// A webhook received by the demo's sink: what a receiving service would see.
public struct ReceivedWebhook: Sendable {
    public var path: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as JSON, if it is JSON.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}

/// Records every POST and answers 204 No Content, as a webhook receiver that accepted it would.
final class DemoWebhookSink: Sendable {
    private let listener: LoopbackListener
    private let log: Log<ReceivedWebhook>

    init() throws(DemoError) {
        let log = Log<ReceivedWebhook>()
        listener = try LoopbackListener(name: "webhook") { connection in
            guard let request = HTTPRequest.read(from: connection) else { return }
            guard request.method == "POST" else {
                writeResponse(connection, status: 405, reason: "Method Not Allowed", headers: [("Allow", "POST")])
                return
            }
            log.append(ReceivedWebhook(path: request.path, headers: request.headers, body: request.body))
            writeResponse(connection, status: 204, reason: "No Content")
        }
        self.log = log
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(listener.port)\(path)" }

    var received: [ReceivedWebhook] { log.entries }

    func stop() { listener.stop() }
}
