import Foundation

/// Where a secret (a webhook signing key, the SMTP password) is kept. Secrets come from the
/// environment, a file, or a systemd credential, never from logs (DESIGN.md "Invariants").
public enum SecretLocation: Sendable, Equatable, CustomStringConvertible {
    case environment(String)
    case file(String)
    /// A systemd credential (`LoadCredential=`), read from `$CREDENTIALS_DIRECTORY/NAME`.
    case credential(String)

    /// Names the place only, never the value.
    public var description: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        case .credential(let name): "systemd credential \(name)"
        }
    }
}

public enum Secrets {
    /// Reads a secret; one trailing newline (as editors and `echo` leave) is dropped.
    public static func read(_ location: SecretLocation, environment: [String: String] = ProcessInfo.processInfo.environment) throws(DeliveryError) -> String {
        let value: String
        switch location {
        case .environment(let name):
            guard let v = environment[name], !v.isEmpty else {
                throw DeliveryError(.secret, "secret: \(location) is not set; export it in the service's environment (e.g. an EnvironmentFile=)")
            }
            value = v
        case .file(let path):
            value = try readFile(path, location: location)
        case .credential(let name):
            guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else {
                throw DeliveryError(.secret, "secret: \(location): $CREDENTIALS_DIRECTORY is not set; add LoadCredential=\(name):/path to the systemd unit")
            }
            value = try readFile((directory as NSString).appendingPathComponent(name), location: location)
        }
        var trimmed = Substring(value)
        if trimmed.last?.isNewline == true { trimmed = trimmed.dropLast() }  // "\r\n" is one Character
        guard !trimmed.isEmpty else { throw DeliveryError(.secret, "secret: \(location) is empty") }
        return String(trimmed)
    }

    private static func readFile(_ path: String, location: SecretLocation) throws(DeliveryError) -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DeliveryError(.secret, "secret: \(location) does not exist")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeliveryError(.secret, "secret: \(location) cannot be read; check that the service user may read it")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DeliveryError(.secret, "secret: \(location) is not UTF-8 text")
        }
        return text
    }
}

extension AlertContent {
    /// The alert `newsalert send-test OWNER CHANNEL` sends: a real message through the real
    /// channel, marked as a test, with a key of its own so receivers do not drop it as a repeat.
    public static func test(owner: String, now: Date = Date()) -> AlertContent {
        let story = MessageStory(
            title: "newsalert test alert", url: "https://example.org/newsalert-test", source: "newsalert",
            published: now, summary: "This is a test message from newsalert send-test. If you can read it, the channel works.",
            regions: [], matched: ["test"], rule: "send-test")
        return AlertContent(key: "test-\(Int64(now.timeIntervalSince1970 * 1000))", owner: owner, kind: .matched(rule: "send-test", story: story))
    }
}
