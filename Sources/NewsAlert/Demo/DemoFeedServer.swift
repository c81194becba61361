import Foundation

/// Serves the bundled feeds from memory on loopback with a strong ETag, and answers a
/// matching `If-None-Match` with 304 Not Modified (RFC 9110 §13.1.2), as real feed hosts do.
final class DemoFeedServer: Sendable {
    struct Document: Sendable {
        var contentType: String
        var body: [UInt8]
        var etag: String
    }

    /// One request as the server saw it, for the walkthrough's "what happened on the wire".
    struct Hit: Sendable, Equatable {
        var path: String
        var status: Int
        var conditional: Bool
        var bytes: Int
    }

    private let listener: LoopbackListener
    private let log: Log<Hit>

    /// `holdUntil`: paths answered only once their condition holds (checked every 10 ms, for
    /// at most 5 s), so a copy can be made to arrive after its original as it does in life.
    init(documents: [String: (contentType: String, body: String)], holdUntil: [String: @Sendable () -> Bool] = [:]) throws(DemoError) {
        let served = documents.mapValues { doc in
            Document(contentType: doc.contentType, body: Array(doc.body.utf8), etag: Self.etag(Array(doc.body.utf8)))
        }
        let log = Log<Hit>()
        listener = try LoopbackListener(name: "feeds") { connection in
            guard let request = HTTPRequest.read(from: connection) else { return }
            let conditional = request.header("If-None-Match")
            if let ready = holdUntil[request.path] {
                let deadline = Date().addingTimeInterval(5)
                while !ready() && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            }
            guard request.method == "GET" || request.method == "HEAD", let doc = served[request.path] else {
                log.append(Hit(path: request.path, status: 404, conditional: conditional != nil, bytes: 0))
                writeResponse(connection, status: 404, reason: "Not Found")
                return
            }
            if let conditional, conditional.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == doc.etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
                log.append(Hit(path: request.path, status: 304, conditional: true, bytes: 0))
                writeResponse(connection, status: 304, reason: "Not Modified", headers: [("ETag", doc.etag)])
                return
            }
            log.append(Hit(path: request.path, status: 200, conditional: conditional != nil, bytes: doc.body.count))
            writeResponse(connection, status: 200, reason: "OK", headers: [("Content-Type", doc.contentType), ("ETag", doc.etag)],
                          body: request.method == "HEAD" ? [] : doc.body)
        }
        self.log = log
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(listener.port)\(path)" }

    var hits: [Hit] { log.entries }

    func stop() { listener.stop() }

    /// FNV-1a over the body: a stable validator that changes whenever the document does.
    static func etag(_ body: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "\"" + String(hash, radix: 16) + "\""
    }
}

/// An append-only list shared between a peer's connection threads and the walkthrough.
final class Log<Entry: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Entry] = []

    func append(_ entry: Entry) { lock.withLock { items.append(entry) } }

    var entries: [Entry] { lock.withLock { items } }
}
