import Foundation

/// Header text for RFC 5322 fields, with RFC 2047 encoded-words for non-ASCII.
enum EncodedWord {
    /// RFC 2047 §2 allows 75 characters per encoded-word; 64 keeps `Subject: ` plus one word
    /// inside RFC 5322's recommended 78-character line.
    static let maxWord = 64
    static let maxLine = 78

    /// The unstructured header value, folded with `CRLF SP` (RFC 5322 §2.2.3) to lines of at
    /// most 78 characters counting the `Name: ` prefix. Printable ASCII stays readable; any
    /// other text (or an over-long word) becomes base64 encoded-words split on character
    /// boundaries (RFC 2047 §5: a multi-octet character must not be split between words).
    static func encode(_ text: String, prefixLength: Int = "Subject: ".count) -> String {
        let flat = text.replacingCRLF().split(whereSeparator: \.isNewline).joined(separator: " ")
        let words = flat.split(separator: " ", omittingEmptySubsequences: false)
        let plain = flat.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) && !flat.contains("=?")
            && words.allSatisfy { $0.count <= maxLine - prefixLength - 1 }
        if plain { return fold(words.map(String.init), prefixLength: prefixLength) }
        let budget = (maxWord - 12) / 4 * 3
        var encoded: [String] = []
        var chunk: [UInt8] = []
        for character in flat {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > budget, !chunk.isEmpty {
                encoded.append(word(chunk))
                chunk = []
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty { encoded.append(word(chunk)) }
        return encoded.joined(separator: "\r\n ")
    }

    /// Joins words with spaces, breaking before a word that would pass the line limit.
    private static func fold(_ words: [String], prefixLength: Int) -> String {
        var out = ""
        var column = prefixLength
        for (i, w) in words.enumerated() {
            if i > 0 {
                if column + 1 + w.count > maxLine {
                    out += "\r\n "
                    column = 1
                } else {
                    out += " "
                    column += 1
                }
            }
            out += w
            column += w.count
        }
        return out
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }
}

/// A mailbox such as `News alerts <alerts@example.org>` (RFC 5322 §3.4).
public struct Mailbox: Sendable, Equatable {
    public var displayName: String?
    public var address: String

    public init(displayName: String? = nil, address: String) {
        self.displayName = displayName
        self.address = address
    }

    /// Reads `Name <addr>`, `"Name" <addr>` or a bare `addr`.
    public init(parsing text: String) throws(DeliveryError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let open = t.lastIndex(of: "<"), t.hasSuffix(">") {
            let addr = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmingCharacters(in: .whitespaces)
            var name = String(t[..<open]).trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            self.displayName = name.isEmpty ? nil : name
            self.address = addr
        } else {
            self.displayName = nil
            self.address = t
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
            throw DeliveryError(.message, "'\(text)' is not an email address; write e.g. \"News alerts <alerts@example.org>\" or alice@example.org")
        }
    }

    public var domain: String { String(address.split(separator: "@").last ?? "localhost") }

    /// The header form: a quoted or encoded display name, then `<address>`.
    var headerValue: String {
        guard let name = displayName else { return address }
        let isAtomText = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " " || "!#$%&'*+-/=?^_`{|}~".contains($0)) }
        if isAtomText { return "\(name) <\(address)>" }
        if name.allSatisfy({ $0.isASCII && !$0.isNewline }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return "\(EncodedWord.encode(name, prefixLength: "From: ".count)) <\(address)>"
    }
}
