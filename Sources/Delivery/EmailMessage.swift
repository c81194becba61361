import Crypto
import Foundation

/// An RFC 5322 message with a MIME multipart/alternative body (RFC 2045/2046): a text part
/// and an HTML part, both UTF-8 in quoted-printable, CRLF line ends, no line over 998 octets
/// (RFC 5322 §2.1.1).
public struct EmailMessage: Sendable, Equatable {
    public var from: Mailbox
    public var to: [Mailbox]
    public var subject: String
    public var text: String
    public var html: String
    public var date: Date
    /// Without angle brackets, e.g. `newsalert.42@example.org`.
    public var messageID: String

    public init(from: Mailbox, to: [Mailbox], subject: String, text: String, html: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
    }

    /// A Message-ID that is the same every time the same alert is sent (the `key` of
    /// `AlertContent`), on the sender's domain, so a mail client can drop a repeat.
    public static func messageID(key: String, from: Mailbox) -> String {
        let safe = key.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) ? $0 : "_" }
        return "newsalert.\(String(safe))@\(from.domain)"
    }

    /// The whole message as SMTP DATA bytes.
    public func rendered() -> [UInt8] {
        let boundary = "=_newsalert_" + Self.boundaryToken(messageID)
        var lines: [String] = [
            "From: " + from.headerValue,
            "To: " + to.map(\.headerValue).joined(separator: ",\r\n "),
            "Subject: " + EncodedWord.encode(subject),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
            "Auto-Submitted: auto-generated",
            "",
            "This is a MIME message; your mail program shows its text or HTML part.",
            "",
        ]
        for (subtype, body) in [("plain", text), ("html", html)] {
            lines.append("--" + boundary)
            lines.append("Content-Type: text/\(subtype); charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(QuotedPrintable.encode(body))
        }
        lines.append("--" + boundary + "--")
        lines.append("")
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// RFC 5322 §3.3 date-time in UTC, e.g. `Thu, 27 Nov 2026 04:21:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        var t = time_t(Int64(date.timeIntervalSince1970.rounded(.down)))
        var parts = tm()
        gmtime_r(&t, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = String(format: "%02d:%02d:%02d", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        let day = String(format: "%02d", Int(parts.tm_mday))
        return "\(days[Int(parts.tm_wday)]), \(day) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900) \(time) +0000"
    }

    /// The boundary must not occur in any part; quoted-printable output never contains `=_`
    /// (an `=` is always followed by hex digits or a line break), so `=_` + a token is safe.
    private static func boundaryToken(_ seed: String) -> String {
        SHA256.hash(data: Array(seed.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
