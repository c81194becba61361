import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Store

/// The operator's endpoint (`listen:` in the config, default 127.0.0.1:9464):
/// `/healthz` (the process answers), `/readyz` (the database takes writes and a poll cycle
/// finished recently), `/metrics` (Prometheus text format, series `newsalert_…`) and, with
/// `websub:` configured, the WebSub callbacks `/websub/<id>` (see `WebSubCallbacks`).
public enum HTTPEndpoint {
    /// How long without a finished poll cycle before `/readyz` says not ready.
    public static let staleCycle: Duration = .seconds(120)

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The endpoint as a `Service` for the service group.
    public static func make(listen: String, store: Store, metrics: PipelineMetrics, logger: Logger,
                            websub: WebSubCallbacks? = nil) throws(Failure) -> some Service {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw Failure(description: "listen: '\(listen)' is not host:port")
        }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let router = Router()
        router.get("healthz") { _, _ in "ok\n" }
        router.get("readyz") { _, _ -> Response in
            var problems: [String] = []
            do { try store.checkWritable() } catch { problems.append("database: \(error)") }
            if let since = metrics.sinceLastCycle, since > staleCycle {
                problems.append("no poll cycle finished for \(since.components.seconds) s")
            }
            let ready = problems.isEmpty && metrics.sinceLastCycle != nil
            if metrics.sinceLastCycle == nil { problems.append("the first poll cycle has not finished yet") }
            let text = ready ? "ready\n" : problems.joined(separator: "\n") + "\n"
            return Response(status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                             body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("metrics") { _, _ -> Response in
            if let pending = try? store.pendingAlertCount() { metrics.outbox(pending: pending) }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        websub?.add(to: router)
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "newsalert"), logger: logger)
    }
}
