import Foundation

/// A real SMTP server for tests: aiosmtpd (Debian's python3-aiosmtpd, run with
/// /usr/bin/python3) on 127.0.0.1 and a free port, optionally with STARTTLS (a certificate
/// made by the test, trusted through `smtp.ca_file`) and AUTH. Every message it accepts is
/// parsed by Python's `email` package; ``messages()`` returns what it saw.
public final class SMTPServer: Sendable {
    public let port: Int
    public let directory: TemporaryDirectory
    /// The certificate to trust (`smtp.ca_file`), when started with STARTTLS.
    public let certificate: String?
    private let process: PeerProcess

    public struct Options: Sendable {
        public var starttls: Bool
        public var auth: (user: String, password: String)?
        public init(starttls: Bool = true, auth: (user: String, password: String)? = nil) {
            self.starttls = starttls
            self.auth = auth
        }
    }

    public static func start(_ options: Options = Options()) async throws -> SMTPServer {
        let directory = try TemporaryDirectory(prefix: "newsalert-smtp")
        let certificate = options.starttls ? try await SelfSignedCertificate.make(in: directory) : nil
        let out = directory.file("messages")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let script = peerScript("smtp_server.py")
        return try await PeerProcess.offPool {
            let port = try LocalPort.free()
            var arguments = [script, "--port", String(port), "--out", out]
            if let certificate { arguments += ["--cert", certificate.cert, "--key", certificate.key] }
            if let auth = options.auth { arguments += ["--auth", "\(auth.user):\(auth.password)"] }
            let process = try PeerProcess(executable: "/usr/bin/python3", arguments: arguments)
            let line = try process.readLine()
            guard line == "READY \(port)" else {
                process.stop()
                throw PeerError("aiosmtpd did not start (\(line)); apt-get install python3-aiosmtpd")
            }
            return SMTPServer(port: port, directory: directory, certificate: certificate?.cert, process: process)
        }
    }

    private init(port: Int, directory: TemporaryDirectory, certificate: String?, process: PeerProcess) {
        self.port = port
        self.directory = directory
        self.certificate = certificate
        self.process = process
    }

    /// `smtp://127.0.0.1:PORT`; `smtp://localhost:PORT` when `host` is given as localhost
    /// (the certificate names both).
    public func url(host: String = "127.0.0.1", scheme: String = "smtp") -> String { "\(scheme)://\(host):\(port)" }

    /// The messages received so far, oldest first: each the JSON record the server wrote
    /// (envelope, TLS and AUTH state, and the message as Python's `email` parsed it).
    public func messages() throws -> [[String: Any]] {
        let out = directory.file("messages")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".json") }
        return try names.sorted { Int($0.dropLast(5))! < Int($1.dropLast(5))! }.map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw PeerError("smtp: \(name) is not a JSON object")
            }
            return object
        }
    }

    /// The raw bytes of message `n` (1-based) as received.
    public func rawMessage(_ n: Int) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory.file("messages/\(n).eml"))))
    }

    public func stop() { process.stop() }
}

/// The path of a script under Tests/TestSupport/peers.
func peerScript(_ name: String, file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("peers").appendingPathComponent(name).path
}
