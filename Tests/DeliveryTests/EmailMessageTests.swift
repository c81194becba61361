import Foundation
import Testing
@testable import Delivery

@Suite struct EmailMessageTests {
    static let from = try! Mailbox(parsing: "News alerts <alerts@example.org>")
    static let date = Date(timeIntervalSince1970: 1_722_362_640)

    private func message(subject: String = "Plain subject", text: String = "Hello\nworld", html: String = "<p>Hello</p>") throws -> String {
        let m = EmailMessage(from: Self.from, to: [try Mailbox(parsing: "alice@example.org")], subject: subject, text: text, html: html, date: Self.date, messageID: "newsalert.42@example.org")
        return String(decoding: m.rendered(), as: UTF8.self)
    }

    @Test func headersAndStructure() throws {
        let raw = try message()
        let head = raw.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.contains("From: News alerts <alerts@example.org>\r\n"))
        #expect(head.contains("To: alice@example.org\r\n"))
        #expect(head.contains("Subject: Plain subject\r\n"))
        #expect(head.contains("Date: Tue, 30 Jul 2024 18:04:00 +0000\r\n"))
        #expect(head.contains("Message-ID: <newsalert.42@example.org>\r\n"))
        #expect(head.contains("MIME-Version: 1.0\r\n"))
        #expect(head.contains("Content-Type: multipart/alternative;\r\n boundary=\"=_newsalert_"))
        #expect(raw.components(separatedBy: "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable").count == 2)
        #expect(raw.components(separatedBy: "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable").count == 2)
    }

    @Test func everyLineEndsInCRLFAndFitsSMTP() throws {
        let long = String(repeating: "Zeitung für Köln berichtet ", count: 200)
        let raw = try message(subject: long, text: long + "\n" + long, html: "<p>" + long + "</p>")
        let bytes = Array(raw.utf8)
        for (i, b) in bytes.enumerated() where b == 10 { #expect(i > 0 && bytes[i - 1] == 13) }
        for (i, b) in bytes.enumerated() where b == 13 { #expect(i + 1 < bytes.count && bytes[i + 1] == 10) }
        for line in raw.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
        #expect(bytes.allSatisfy { $0 < 128 })
    }

    static let subjects: [(String, String)] = [
        ("Alert: drone attack", "Alert: drone attack"),
        ("Köln", "=?UTF-8?B?S8O2bG4=?="),
        ("«no ships»", "=?UTF-8?B?wqtubyBzaGlwc8K7?="),
        ("looks =?like?= a word", "=?UTF-8?B?bG9va3MgPT9saWtlPz0gYSB3b3Jk?="),
    ]

    @Test(arguments: subjects)
    func subjectEncoding(_ subject: String, _ header: String) {
        #expect(EncodedWord.encode(subject) == header)
    }

    @Test func longNonASCIISubjectSplitsOnCharacters() {
        let subject = String(repeating: "日本語のニュース", count: 10)
        let encoded = EncodedWord.encode(subject)
        var decoded = ""
        for word in encoded.components(separatedBy: "\r\n ") {
            #expect(word.count <= 75)
            let b64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let data = Data(base64Encoded: String(b64))!
            decoded += String(data: data, encoding: .utf8)! // each word decodes on its own
        }
        #expect(decoded == subject)
    }

    static let qp: [(String, String)] = [
        ("plain", "plain"),
        ("a=b", "a=3Db"),
        ("Köln", "K=C3=B6ln"),
        ("trailing space \nnext", "trailing space=20\r\nnext"),
        (".leading dot", "=2Eleading dot"),
        ("From the desk", "=46rom the desk"),
        ("tab\there", "tab\there"),
        ("crlf\r\nline", "crlf\r\nline"),
    ]

    @Test(arguments: qp)
    func quotedPrintable(_ input: String, _ output: String) {
        #expect(QuotedPrintable.encode(input) == output)
    }

    @Test func quotedPrintableSoftBreaksAt76() {
        let encoded = QuotedPrintable.encode(String(repeating: "é", count: 100))
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        for line in lines { #expect(line.count <= 76) }
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(!encoded.contains("=_"))
    }

    @Test(arguments: [
        ("News alerts <alerts@example.org>", "News alerts <alerts@example.org>"),
        ("\"Alerts, Inc.\" <a@example.org>", "\"Alerts, Inc.\" <a@example.org>"),
        ("Nachrichten für Köln <k@example.de>", "=?UTF-8?B?TmFjaHJpY2h0ZW4gZsO8ciBLw7Zsbg==?= <k@example.de>"),
        ("bob@example.com", "bob@example.com"),
    ])
    func mailboxes(_ input: String, _ header: String) throws {
        #expect(try Mailbox(parsing: input).headerValue == header)
    }

    @Test(arguments: ["", "not an address", "a@b", "<@example.org>", "x y@example.org"])
    func badMailboxes(_ input: String) {
        #expect(throws: DeliveryError.self) { try Mailbox(parsing: input) }
    }

    @Test func messageIDIsStablePerAlert() {
        #expect(EmailMessage.messageID(key: "42", from: Self.from) == "newsalert.42@example.org")
        #expect(EmailMessage.messageID(key: "digest-1-2", from: Self.from) == EmailMessage.messageID(key: "digest-1-2", from: Self.from))
        #expect(EmailMessage.messageID(key: "a b<c>", from: Self.from) == "newsalert.a_b_c_@example.org")
    }
}
