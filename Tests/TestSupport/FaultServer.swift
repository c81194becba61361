import Foundation

/// The fault server (`peers/fault_server.py`): slow, huge, looping, rate-limiting, hanging and
/// TLS-misconfigured answers on 127.0.0.1 and a port of its own choosing.
public final class FaultServer: Sendable {
    public let port: Int
    public let scheme: String
    private let process: PeerProcess

    /// Starts the server; with `certificate` it speaks HTTPS using that PEM certificate and key.
    public static func start(certificate: (cert: String, key: String)? = nil) async throws -> FaultServer {
        try await PeerProcess.offPool { try FaultServer(certificate: certificate) }
    }

    private init(certificate: (cert: String, key: String)?) throws {
        // The system interpreter starts fast; version-manager shims can take seconds under load.
        let system = "/usr/bin/python3"
        guard let python = FileManager.default.isExecutableFile(atPath: system) ? system : which("python3") else {
            throw PeerError("python3 not found; install it")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("peers/fault_server.py").path
        var arguments = [script]
        if let certificate { arguments += ["--cert", certificate.cert, "--key", certificate.key] }
        process = try PeerProcess(executable: python, arguments: arguments)
        let line = try process.readLine()
        guard line.hasPrefix("READY "), let port = Int(line.dropFirst(6)) else {
            process.stop()
            throw PeerError("fault server said '\(line)' instead of READY <port>")
        }
        self.port = port
        self.scheme = certificate == nil ? "http" : "https"
    }

    public func url(_ path: String) -> String { "\(scheme)://127.0.0.1:\(port)\(path)" }

    public func stop() { process.stop() }

    deinit { process.stop() }
}

/// A self-signed certificate for 127.0.0.1/localhost made with the openssl CLI.
public enum SelfSignedCertificate {
    public static func make(in directory: TemporaryDirectory) async throws -> (cert: String, key: String) {
        try await PeerProcess.offPool { try run(in: directory) }
    }

    private static func run(in directory: TemporaryDirectory) throws -> (cert: String, key: String) {
        guard let openssl = which("openssl") else { throw PeerError("openssl not found; apt-get install openssl") }
        let cert = directory.file("cert.pem"), key = directory.file("key.pem")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", cert,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let status = try ProcessExit.wait(process)
        guard status == 0 else { throw PeerError("openssl req failed (\(status))") }
        return (cert, key)
    }
}
