import Foundation

/// One HTTP/1.1 request as the demo's peers read it (RFC 9112 §2–§7): the request line,
/// header fields, and a body framed by Content-Length or chunked coding.
struct HTTPRequest: Sendable {
    var method: String
    var path: String
    /// In the order received, names as sent.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Reads one request; nil when the peer closes or sends something that is not HTTP.
    /// Answers `Expect: 100-continue` (RFC 9110 §10.1.1), which libcurl sends before larger bodies.
    static func read(from connection: SocketConnection) -> HTTPRequest? {
        guard let line = connection.readLine() else { return nil }
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        var request = HTTPRequest(method: String(parts[0]), path: String(parts[1]), headers: [], body: [])
        while let field = connection.readLine(), !field.isEmpty {
            guard let colon = field.firstIndex(of: ":") else { return nil }
            let value = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            request.headers.append((String(field[..<colon]), value))
        }
        if request.header("Expect")?.lowercased() == "100-continue" {
            connection.write("HTTP/1.1 100 Continue\r\n\r\n")
        }
        if request.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            while let sizeLine = connection.readLine(), let size = Int((sizeLine.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces), radix: 16) {
                if size == 0 {
                    while connection.readLine()?.isEmpty == false {}
                    break
                }
                guard let chunk = connection.read(count: size) else { return nil }
                request.body += chunk
                _ = connection.readLine()
            }
        } else if let length = request.header("Content-Length").flatMap({ Int($0) }), length > 0 {
            guard let body = connection.read(count: length) else { return nil }
            request.body = body
        }
        return request
    }
}

/// Writes a complete response and asks the client to close, so every request gets its own
/// connection and the peers need no keep-alive bookkeeping.
func writeResponse(_ connection: SocketConnection, status: Int, reason: String, headers: [(String, String)] = [], body: [UInt8] = []) {
    var head = "HTTP/1.1 \(status) \(reason)\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if status != 204 && status != 304 { head += "Content-Length: \(body.count)\r\n" }
    head += "Connection: close\r\n\r\n"
    connection.write(Array(head.utf8) + body)
}
