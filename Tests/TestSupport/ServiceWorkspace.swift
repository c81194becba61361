import Foundation

/// What most pipeline and service tests set up: a temporary directory whose `www/` a real
/// nginx serves and whose `rules/` holds the rules files, and a webhook receiver that checks
/// Standard Webhooks signatures with `secret`. Stop the peers with `stop()`; the directory
/// goes when the value does.
public final class ServiceWorkspace: Sendable {
    public let dir: TemporaryDirectory
    public let nginx: NginxServer
    public let receiver: WebhookReceiver

    /// `pages` are written under `www/` before nginx starts (name → body).
    public static func start(prefix: String, secret: String, pages: [String: String] = [:]) async throws -> ServiceWorkspace {
        let dir = try TemporaryDirectory(prefix: prefix)
        for folder in ["www", "rules"] {
            try FileManager.default.createDirectory(atPath: dir.file(folder), withIntermediateDirectories: true)
        }
        for (name, body) in pages { try dir.write("www/" + name, body) }
        let nginx = try await NginxServer.start(root: dir.file("www"))
        do {
            return ServiceWorkspace(dir: dir, nginx: nginx, receiver: try await WebhookReceiver.start(secret: secret))
        } catch {
            nginx.stop()
            throw error
        }
    }

    private init(dir: TemporaryDirectory, nginx: NginxServer, receiver: WebhookReceiver) {
        self.dir = dir
        self.nginx = nginx
        self.receiver = receiver
    }

    public func file(_ name: String) -> String { dir.file(name) }

    /// Writes `contents` to `name` inside the workspace (`www/…`, `rules/…`, `config.yaml`).
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String { try dir.write(name, contents) }

    public func stop() {
        receiver.stop()
        nginx.stop()
    }
}
