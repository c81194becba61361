import Foundation

/// Just enough SMTP (RFC 5321 §3–§4) for libcurl's plain-text client on loopback: EHLO/HELO,
/// MAIL FROM, RCPT TO, DATA with dot-unstuffing (§4.5.2), RSET, NOOP, QUIT. No TLS, no AUTH:
/// the demo's config uses `tls: none`, which newsalert allows only for a relay on loopback.
final class DemoSMTPSink: Sendable {
    private let listener: LoopbackListener
    private let log: Log<ReceivedEmail>

    init() throws(DemoError) {
        let log = Log<ReceivedEmail>()
        listener = try LoopbackListener(name: "smtp") { connection in
            Self.converse(connection, log: log)
        }
        self.log = log
    }

    var url: String { "smtp://127.0.0.1:\(listener.port)" }

    var received: [ReceivedEmail] { log.entries }

    func stop() { listener.stop() }

    private static func converse(_ connection: SocketConnection, log: Log<ReceivedEmail>) {
        connection.write("220 127.0.0.1 newsalert-demo ESMTP ready\r\n")
        var from: String?
        var recipients: [String] = []
        while let line = connection.readLine() {
            let verb = line.prefix(4).uppercased()
            switch verb {
            case "EHLO":
                connection.write("250-127.0.0.1 greets you\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n")
            case "HELO":
                connection.write("250 127.0.0.1\r\n")
            case "MAIL":
                from = address(in: line)
                recipients = []
                connection.write("250 OK\r\n")
            case "RCPT":
                guard from != nil else {
                    connection.write("503 MAIL FROM first\r\n")
                    continue
                }
                recipients.append(address(in: line))
                connection.write("250 OK\r\n")
            case "DATA":
                guard let sender = from, !recipients.isEmpty else {
                    connection.write("503 MAIL FROM and RCPT TO first\r\n")
                    continue
                }
                connection.write("354 End data with <CR><LF>.<CR><LF>\r\n")
                var lines: [String] = []
                while let dataLine = connection.readLine() {
                    if dataLine == "." { break }
                    lines.append(dataLine.hasPrefix(".") ? String(dataLine.dropFirst()) : dataLine)
                }
                log.append(ReceivedEmail(from: sender, recipients: recipients, data: lines.joined(separator: "\r\n")))
                from = nil
                recipients = []
                connection.write("250 OK queued\r\n")
            case "RSET":
                from = nil
                recipients = []
                connection.write("250 OK\r\n")
            case "NOOP":
                connection.write("250 OK\r\n")
            case "QUIT":
                connection.write("221 Bye\r\n")
                return
            default:
                connection.write("502 Command not implemented\r\n")
            }
        }
    }

    /// The mailbox between angle brackets of `MAIL FROM:<a@b> SIZE=…` or `RCPT TO:<a@b>`.
    private static func address(in line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line[open...].firstIndex(of: ">") else {
            return String(line.drop { $0 != ":" }.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        return String(line[line.index(after: open)..<close])
    }
}
