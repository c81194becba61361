/// Quoted-printable body encoding, RFC 2045 §6.7.
///
/// Line breaks in the text become hard CRLF breaks; longer lines get soft breaks (`=` CRLF)
/// so no encoded line exceeds 76 characters (rule 5), far under SMTP's 998-octet limit.
/// Besides what the RFC requires, a leading `.` and a leading `From ` are encoded, so
/// neither SMTP dot-stuffing nor mbox "From " quoting can alter the text.
enum QuotedPrintable {
    static let maxLine = 76
    private static let hex = Array("0123456789ABCDEF".utf8)

    static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let normalized = text.replacingCRLF()
        var first = true
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { out.append(contentsOf: [13, 10]) }
            first = false
            encodeLine(Array(line.utf8), into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func encodeLine(_ bytes: [UInt8], into out: inout [UInt8]) {
        var column = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let atLineStart = column == 0
            var token: [UInt8]
            let needsEncoding =
                byte == UInt8(ascii: "=") || byte > 126 || (byte < 32 && byte != 9)
                || ((byte == 32 || byte == 9) && isLast)
                || (atLineStart && byte == UInt8(ascii: "."))
                || (atLineStart && byte == UInt8(ascii: "F") && bytes[index...].starts(with: Array("From ".utf8)))
            if needsEncoding {
                token = [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            } else {
                token = [byte]
            }
            // Leave room for the soft-break "=" unless this is the line's last token.
            let limit = isLast ? maxLine : maxLine - 1
            if column + token.count > limit {
                out.append(contentsOf: [UInt8(ascii: "="), 13, 10])
                column = 0
                if byte == UInt8(ascii: ".") && !needsEncoding {
                    token = [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
            }
            out.append(contentsOf: token)
            column += token.count
        }
    }
}

extension String {
    /// CRLF and lone CR become LF, so callers can split on one separator.
    func replacingCRLF() -> String {
        guard contains("\r") else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.unicodeScalars.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
