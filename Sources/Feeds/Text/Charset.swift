import Foundation

/// Bytes → UTF-8, choosing the encoding the way the standards say:
/// XML (RFC 7303 §3.2–3.3): byte-order mark, then the HTTP `charset`, then the XML
/// declaration, then UTF-8. HTML (HTML §13.2.3.2 "determining the character encoding"):
/// BOM, then HTTP `charset`, then a `<meta charset>` near the top, then UTF-8 when the bytes
/// are valid UTF-8, else windows-1252.
/// One step goes beyond the HTML standard's order: an HTML page whose bytes hold multi-byte
/// UTF-8 sequences and no invalid ones is UTF-8 whatever its labels say. Legacy encodings
/// almost never form valid UTF-8 by accident, while mislabelled UTF-8 pages (a CMS template
/// still saying gb2312 or iso-8859-1, a server's default charset) are common; browsers'
/// auto-detection settles on UTF-8 for them too. Feeds keep RFC 7303's order as written.
/// Invalid bytes become U+FFFD; decoding never fails.
public enum Charset {
    public enum Markup: Sendable { case xml, html }

    public enum Source: String, Sendable { case bom, http, declaration, meta, sniffed, fallback }

    public struct Decoded: Sendable {
        /// Valid UTF-8, without a BOM.
        public var utf8: [UInt8]
        /// The canonical name of the encoding used ("utf-8", "windows-1252", "shift_jis"…).
        public var encoding: String
        public var source: Source
        public var warnings: [String]
        public var text: String { String(decoding: utf8, as: UTF8.self) }
    }

    public static func decode(_ data: Data, contentType: String?, markup: Markup) -> Decoded {
        let choice = choose(data, contentType: contentType, markup: markup)
        if choice.passThrough { return Decoded(utf8: [UInt8](data), encoding: choice.encoding, source: choice.source, warnings: choice.warnings) }
        let bytes = [UInt8](data)
        return Decoded(utf8: convert(bytes[choice.bomLength...], from: choice.encoding), encoding: choice.encoding,
                       source: choice.source, warnings: choice.warnings)
    }

    /// The encoding decision alone. `passThrough` means the bytes are already valid UTF-8
    /// without a BOM, so callers can use them without a copy (large feeds).
    struct Choice {
        var encoding: String
        var source: Source
        var bomLength = 0
        var warnings: [String] = []
        var passThrough = false
    }

    static func choose(_ data: Data, contentType: String?, markup: Markup) -> Choice {
        let head = [UInt8](data.prefix(1024))
        if let (enc, bomLength) = bom(head) {
            return Choice(encoding: enc, source: .bom, bomLength: bomLength)
        }
        let valid = data.withUnsafeBytes { UTF8Validation.isValid($0.bindMemory(to: UInt8.self)) }
        if markup == .html, valid, data.contains(where: { $0 >= 0x80 }) {
            return Choice(encoding: "utf-8", source: .sniffed, passThrough: true)
        }
        var warnings: [String] = []
        var chosen: (String, Source)?
        if let cs = contentType.flatMap(charset(fromContentType:)) {
            if let enc = canonicalName(cs) { chosen = (enc, .http) }
            else { warnings.append("unknown charset \"\(cs)\" in Content-Type; ignored") }
        }
        if chosen == nil {
            let declared = markup == .xml ? xmlDeclarationEncoding(head) : htmlMetaCharset([UInt8](data.prefix(htmlPrescanLength)))
            if let d = declared {
                if let enc = canonicalName(d) { chosen = (enc, markup == .xml ? .declaration : .meta) }
                else { warnings.append("unknown encoding \"\(d)\" declared; read as UTF-8") }
            }
        }
        if chosen == nil, let enc = sniffUTF16(head) { chosen = (enc, .sniffed) }
        // HTML: a document labelled UTF-16 in a meta tag is really ASCII-compatible (§13.2.3.2).
        if let (enc, source) = chosen, enc.hasPrefix("utf-16"), source == .meta { chosen = ("utf-8", .meta) }
        guard let (enc, source) = chosen else {
            if valid { return Choice(encoding: "utf-8", source: .fallback, warnings: warnings, passThrough: true) }
            warnings.append("no encoding given and the bytes are not UTF-8; read as windows-1252")
            return Choice(encoding: "windows-1252", source: .fallback, warnings: warnings)
        }
        if valid && (enc == "utf-8" || (enc == "windows-1252" && !data.contains(where: { $0 >= 0x80 }))) {
            return Choice(encoding: enc, source: source, warnings: warnings, passThrough: true)
        }
        return Choice(encoding: enc, source: source, warnings: warnings)
    }

    /// Decodes bytes known to be in `encoding` (any label iconv or WHATWG knows).
    public static func decode(_ bytes: some Collection<UInt8>, encoding: String) -> String {
        String(decoding: convert(ArraySlice(bytes), from: canonicalName(encoding) ?? "utf-8"), as: UTF8.self)
    }

    /// The `charset` parameter of a Content-Type header value (RFC 9110 §8.3.1).
    public static func charset(fromContentType value: String) -> String? {
        for param in value.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let v = kv[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return v.isEmpty ? nil : v
        }
        return nil
    }

    static func bom(_ b: [UInt8]) -> (String, Int)? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return ("utf-8", 3) }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return ("utf-16be", 2) }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return ("utf-16le", 2) }
        return nil
    }

    /// `<?xml version="1.0" encoding="…"?>` (XML 1.0 §4.3.3), read from ASCII-compatible bytes.
    static func xmlDeclarationEncoding(_ b: [UInt8]) -> String? {
        var i = 0
        while i < b.count, i < 64, String.isSpace(b[i]) { i += 1 }
        guard b.count >= i + 5, b[i..<(i + 5)].elementsEqual("<?xml".utf8) else { return nil }
        guard let end = b[i..<min(b.count, i + 256)].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let decl = String(decoding: b[i..<end], as: UTF8.self)
        return attributeValue(named: "encoding", in: decl)
    }

    /// How far the `<meta>` prescan looks. The HTML standard says 1024 bytes; pages with long
    /// comments or inline scripts before their `<meta charset>` need more, as browsers allow.
    static let htmlPrescanLength = 4096

    /// The HTML prescan, simplified: the first `<meta charset=…>` or
    /// `<meta http-equiv=content-type content="…charset=…">` in the given head bytes.
    static func htmlMetaCharset(_ b: [UInt8]) -> String? {
        let head = String(decoding: b, as: UTF8.self).lowercased()
        var search = head[...]
        while let r = search.range(of: "<meta") {
            let tagEnd = search[r.upperBound...].firstIndex(of: ">") ?? search.endIndex
            let tag = String(search[r.upperBound..<tagEnd])
            if let cs = attributeValue(named: "charset", in: tag) { return cs }
            if let content = attributeValue(named: "content", in: tag), tag.contains("http-equiv"),
               let cs = charset(fromContentType: "x;" + content.replacingOccurrences(of: ";", with: ";")) {
                return cs
            }
            search = search[tagEnd...]
        }
        return nil
    }

    static func attributeValue(named name: String, in text: String) -> String? {
        guard let r = text.range(of: name) else { return nil }
        var rest = text[r.upperBound...].drop(while: { $0 == " " })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        if let q = rest.first, q == "\"" || q == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix(while: { $0 != q }))
        }
        let v = rest.prefix(while: { !" >;/?\"'".contains($0) })
        return v.isEmpty ? nil : String(v)
    }

    static func sniffUTF16(_ b: [UInt8]) -> String? {
        guard b.count >= 4 else { return nil }
        if b[0] == 0x3C, b[1] == 0, b[2] != 0, b[3] == 0 { return "utf-16le" }
        if b[0] == 0, b[1] == 0x3C, b[2] == 0, b[3] != 0 { return "utf-16be" }
        return nil
    }

    static func isValidUTF8(_ b: ArraySlice<UInt8>) -> Bool {
        b.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
    }
}
