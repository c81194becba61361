import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private nginx serving a directory on 127.0.0.1 and a free port: real ETag and
/// Last-Modified validators, 304s, and gzip for feed types. It writes its own nginx.conf
/// into a temporary directory and never touches the system's nginx.
public final class NginxServer: Sendable {
    public let port: Int
    public let root: String
    private let process: PeerProcess
    private let directory: TemporaryDirectory

    public static func start(root: String) async throws -> NginxServer {
        try await PeerProcess.offPool { try NginxServer(root: root) }
    }

    private init(root: String) throws {
        guard let nginx = which("nginx") else { throw PeerError("nginx not found; run scripts/test (apt-get install nginx-light)") }
        self.root = root
        directory = try TemporaryDirectory(prefix: "newsalert-nginx")
        var lastError: Error = PeerError("nginx did not start")
        for _ in 0..<5 {
            let port = try LocalPort.free()
            let conf = try directory.write("nginx.conf", Self.configuration(port: port, root: root, state: directory.path))
            // A shell watchdog: when our end of its stdin closes (stop() or this process dying),
            // it SIGKILLs nginx, so no test run leaves a server behind.
            let command = "\"$0\" -p \"$1\" -c \"$2\" -e \"$3\" & pid=$!; cat >/dev/null; exec 2>/dev/null; kill -9 $pid; wait $pid"
            let process = try PeerProcess(
                executable: "/bin/sh",
                arguments: ["-c", command, nginx, directory.path, conf, directory.file("error.log")], captureOutput: false
            )
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline && process.isRunning && !LocalPort.accepts(port) {
                usleep(20_000)
            }
            if process.isRunning && LocalPort.accepts(port) {
                self.port = port
                self.process = process
                return
            }
            process.stop()
            lastError = PeerError("nginx failed on port \(port): " + ((try? String(contentsOfFile: directory.file("error.log"), encoding: .utf8)) ?? ""))
        }
        throw lastError
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func stop() { process.stop() }

    deinit { process.stop() }

    static func configuration(port: Int, root: String, state: String) -> String {
        let user = geteuid() == 0 ? "user root;" : ""
        return """
        \(user)
        worker_processes 1;
        daemon off;
        master_process off;
        pid \(state)/nginx.pid;
        error_log \(state)/error.log warn;
        events { worker_connections 4096; }
        http {
            access_log off;
            client_body_temp_path \(state)/body;
            proxy_temp_path \(state)/proxy;
            fastcgi_temp_path \(state)/fastcgi;
            uwsgi_temp_path \(state)/uwsgi;
            scgi_temp_path \(state)/scgi;
            types {
                application/rss+xml rss;
                application/atom+xml atom;
                application/xml xml;
                application/feed+json json;
                text/html html;
                text/plain txt;
            }
            default_type application/octet-stream;
            keepalive_requests 1000000;
            gzip on;
            gzip_min_length 64;
            gzip_types application/rss+xml application/atom+xml application/xml application/feed+json text/plain;
            server {
                listen 127.0.0.1:\(port) backlog=4096;
                root \(root);
                etag on;
                if_modified_since exact;
            }
        }
        """
    }
}
