import Foundation
import Logging
import Store
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import NewsAlert

/// `newsalert demo` through its runner: the walkthrough must produce exactly what it narrates.
struct DemoTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func append(_ line: String) { lock.withLock { items.append(line) } }
        var all: [String] { lock.withLock { items } }
    }

    static let quiet = Logger(label: "demo-test") { _ in SwiftLogNoOpLogHandler() }

    @Test func oneWebhookAndOneEmailWithTheCopyFoldedIn() async throws {
        let lines = Lines()
        let result = try await DemoRunner(logger: Self.quiet, output: { lines.append($0) }).run()

        #expect(result.webhooks.count == 1)
        #expect(result.emails.count == 1)
        let hook = try #require(result.webhooks.first)
        #expect(hook.path == "/hooks/alice")
        #expect(hook.header("webhook-id") != nil && hook.header("webhook-signature")?.hasPrefix("v1,") == true)
        let body = try #require(hook.json, "the webhook body is JSON")
        let also = try #require(Self.find("also_reported_by", in: body) as? [[String: Any]], "\(body)")
        #expect(also.count == 1)
        #expect(also.first?["source"] as? String == "aggregator")
        #expect(String(decoding: hook.body, as: UTF8.self).contains("Babil"))

        let mail = try #require(result.emails.first)
        #expect(mail.recipients == ["alice@example.org"])
        #expect(mail.header("Subject")?.contains("Babil") == true)
        #expect(mail.textPart?.contains("Babil") == true)

        let strike = try #require(result.clusters.first { $0.stories.count == 2 })
        #expect(Set(strike.stories.map(\.source)) == ["wire", "aggregator"])
        #expect(result.clusters.count == 4, "five stories, the copy folded in: four clusters")
        #expect(result.alerts.count == 2 && result.alerts.allSatisfy { $0.status == .sent && $0.rule == "iraq-strikes" })

        #expect(result.secondPoll.newStories == 0 && result.secondPoll.alerts == 0 && result.secondDelivery.claimed == 0)
        #expect(result.secondPollStatuses == ["/world.rss": 304, "/top-stories.xml": 304])

        let text = lines.all.joined(separator: "\n")
        #expect(text.contains("[2 copies]"))
        #expect(text.contains("(verified with the secret in webhook-secret)"))
        #expect(lines.all.count <= 90, "the walkthrough stays short: \(lines.all.count) lines")
        #expect(!FileManager.default.fileExists(atPath: result.directory), "the temporary directory is removed")
    }

    @Test func keepLeavesTheFilesAndRefusesANonEmptyDirectory() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("newsalert-demo-keep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await DemoRunner(keep: dir, logger: Self.quiet, output: { _ in }).run()
        for file in ["config.yaml", "rules/alice.yaml", "webhook-secret", "newsalert.db"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(file)")
        }
        await #expect(throws: DemoError.self) {
            _ = try await DemoRunner(keep: dir, logger: Self.quiet, output: { _ in }).run()
        }
    }

    /// The value under `key` anywhere in a JSON object (the payload nests the story).
    static func find(_ key: String, in object: Any) -> Any? {
        if let dict = object as? [String: Any] {
            if let value = dict[key] { return value }
            for value in dict.values { if let found = find(key, in: value) { return found } }
        } else if let array = object as? [Any] {
            for value in array { if let found = find(key, in: value) { return found } }
        }
        return nil
    }
}

/// The walkthrough's readers of what its peers received, on inline cases.
struct DemoPeerTests {
    @Test(arguments: [
        (#"{"b":1,"a":[1,2],"c":{"x":"y\"z"}}"#, 80, [#"{ "b": 1, "a": [1, 2], "c": { "x": "y\"z" } }"#]),
        (#"{"type":"story.matched","story":{"title":"T","regions":["IQ"]}}"#, 50,
         ["{", #"  "type": "story.matched","#, #"  "story": { "title": "T", "regions": ["IQ"] }"#, "}"]),
        (#"[]"#, 10, ["[]"]),
    ])
    func jsonKeepsOrderAndText(body: String, width: Int, expected: [String]) {
        #expect(JSONDisplay.lines(Array(body.utf8), width: width) == expected)
    }

    @Test(arguments: ["{", #"{"a" 1}"#, "[1,", #"{"a":1} x"#])
    func notJSONIsNil(body: String) {
        #expect(JSONDisplay.lines(Array(body.utf8)) == nil)
    }

    @Test(arguments: [
        ("Caf=C3=A9 in Babil", "Café in Babil"),
        ("a soft=\r\nbreak", "a softbreak"),
        ("two\r\nlines", "two\nlines"),
        ("=3D is an equals sign", "= is an equals sign"),
    ])
    func quotedPrintableTextPart(encoded: String, decoded: String) {
        let data = """
        From: a@example.org\r\nSubject: x\r\nContent-Type: multipart/alternative;\r\n boundary="=_b"\r\n\r\npreamble\r\n\
        --=_b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\(encoded)\r\n\
        --=_b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n--=_b--\r\n
        """
        let mail = ReceivedEmail(from: "a@example.org", recipients: ["b@example.org"], data: data)
        #expect(mail.textPart == decoded)
        #expect(mail.header("content-type") == #"multipart/alternative; boundary="=_b""#)
    }

    /// A raw exchange with the SMTP sink: the replies libcurl expects, dot-unstuffing, envelope.
    @Test func smtpSinkRecordsOneMessage() throws {
        let sink = try DemoSMTPSink()
        defer { sink.stop() }
        let port = Int(sink.url.split(separator: ":").last!)!
        let replies = try Self.converse(port: port, lines: [
            "EHLO test", "MAIL FROM:<alerts@example.org> SIZE=100", "RCPT TO:<alice@example.org>", "DATA",
            "Subject: hi\r\n\r\n..leading dot\r\n.", "QUIT",
        ])
        #expect(replies.map { String($0.prefix(3)) } == ["220", "250", "250", "250", "354", "250", "221"])
        let mail = try #require(sink.received.first)
        #expect(mail.from == "alerts@example.org" && mail.recipients == ["alice@example.org"])
        #expect(mail.data == "Subject: hi\r\n\r\n.leading dot")
    }

    /// Sends each command and reads the reply (the last line of a multi-line reply).
    static func converse(port: Int, lines: [String]) throws -> [String] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let connection = SocketConnection(fd: dup(fd))
        defer { connection.close() }
        func reply() -> String {
            var last = ""
            while let line = connection.readLine() {
                last = line
                if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
            }
            return last
        }
        var replies = [reply()]
        for line in lines {
            connection.write(line + "\r\n")
            replies.append(reply())
        }
        return replies
    }
}
