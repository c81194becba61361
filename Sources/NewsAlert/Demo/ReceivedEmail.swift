import Foundation

/// A message as the SMTP sink received it: the envelope and the DATA, with what a reader
/// looks at (header fields, the text part) taken out of the MIME structure (RFC 2045/2046).
public struct ReceivedEmail: Sendable {
    public var from: String
    public var recipients: [String]
    /// The message with CRLF line ends, dot-unstuffed.
    public var data: String

    /// Header fields, unfolded (RFC 5322 §2.2.3), in order.
    public var headers: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        for line in Self.split(data).head {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return fields
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The decoded text/plain part (quoted-printable undone), or the body of a single-part message.
    public var textPart: String? {
        guard let type = header("Content-Type") else { return Self.split(data).body.joined(separator: "\n") }
        guard type.lowercased().hasPrefix("multipart/"), let boundary = Self.parameter("boundary", in: type) else {
            return Self.decode(Self.split(data).body, encoding: header("Content-Transfer-Encoding"))
        }
        let body = Self.split(data).body
        var parts: [[String]] = []
        var current: [String]?
        for line in body {
            if line == "--" + boundary || line == "--" + boundary + "--" {
                if let current { parts.append(current) }
                current = line == "--" + boundary + "--" ? nil : []
            } else {
                current?.append(line)
            }
        }
        for part in parts {
            let (head, partBody) = Self.split(part.joined(separator: "\r\n"))
            let fields = head.map { $0.lowercased() }
            guard fields.contains(where: { $0.hasPrefix("content-type:") && $0.contains("text/plain") }) else { continue }
            let encoding = fields.first { $0.hasPrefix("content-transfer-encoding:") }.map { String($0.dropFirst(26)) }
            return Self.decode(partBody, encoding: encoding)
        }
        return nil
    }

    private static func split(_ text: String) -> (head: [String], body: [String]) {
        let lines = text.components(separatedBy: "\r\n")
        guard let blank = lines.firstIndex(of: "") else { return (lines, []) }
        return (Array(lines[..<blank]), Array(lines[(blank + 1)...]))
    }

    private static func parameter(_ name: String, in value: String) -> String? {
        guard let range = value.range(of: name + "=", options: .caseInsensitive) else { return nil }
        let rest = value[range.upperBound...]
        if rest.first == "\"" { return String(rest.dropFirst().prefix { $0 != "\"" }) }
        return String(rest.prefix { $0 != ";" && $0 != " " })
    }

    /// Quoted-printable (RFC 2045 §6.7): `=XX` is a byte, `=` at a line end is a soft break.
    private static func decode(_ lines: [String], encoding: String?) -> String {
        guard encoding?.trimmingCharacters(in: .whitespaces).lowercased() == "quoted-printable" else {
            return lines.joined(separator: "\n")
        }
        var bytes: [UInt8] = []
        for (i, line) in lines.enumerated() {
            let raw = Array(line.utf8)
            var j = 0
            var soft = false
            while j < raw.count {
                if raw[j] == UInt8(ascii: "=") {
                    if j == raw.count - 1 {
                        soft = true
                        break
                    }
                    if j + 2 < raw.count, let byte = UInt8(String(decoding: raw[(j + 1)...(j + 2)], as: UTF8.self), radix: 16) {
                        bytes.append(byte)
                        j += 3
                        continue
                    }
                }
                bytes.append(raw[j])
                j += 1
            }
            if !soft && i < lines.count - 1 { bytes.append(0x0A) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
