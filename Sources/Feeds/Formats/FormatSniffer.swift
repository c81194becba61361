/// Detects the format from the bytes (STYLE #3, after miniflux `parser/format.go`):
/// JSON first, then the name of the first XML element, then HTML.
enum FormatSniffer {
    enum Format: Equatable { case json, rss, rdf, atom, urlset, sitemapindex, html, unknownXML(String), unknown }

    /// `bytes` must be ASCII-compatible (UTF-16 input is decoded before sniffing).
    static func sniff(_ bytes: [UInt8]) -> Format {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        func skipSpace() { while i < bytes.count, String.isSpace(bytes[i]) || bytes[i] == 0x0C { i += 1 } }
        skipSpace()
        guard i < bytes.count else { return .unknown }
        if bytes[i] == UInt8(ascii: "{") { return .json }
        var sawHTMLDoctype = false
        // Skip prolog: declarations, processing instructions, comments, doctype (bounded).
        var steps = 0
        while i < bytes.count, steps < 1000 {
            steps += 1
            skipSpace()
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "<") else { break }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "?") {
                i = find(bytes, "?>", from: i).map { $0 + 2 } ?? bytes.count
            } else if next == UInt8(ascii: "!") {
                if starts(bytes, "<!--", at: i) {
                    i = find(bytes, "-->", from: i + 4).map { $0 + 3 } ?? bytes.count
                } else {
                    if startsInsensitive(bytes, "<!doctype html", at: i) { sawHTMLDoctype = true }
                    var depth = 0
                    while i < bytes.count {
                        if bytes[i] == UInt8(ascii: "[") { depth += 1 }
                        if bytes[i] == UInt8(ascii: "]") { depth -= 1 }
                        if bytes[i] == UInt8(ascii: ">") && depth <= 0 { break }
                        i += 1
                    }
                    i += 1
                }
            } else {
                break
            }
        }
        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "<") else {
            return containsHTMLMarker(bytes) ? .html : .unknown
        }
        var j = i + 1
        while j < bytes.count, !String.isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
        let qname = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
        let local = (qname.split(separator: ":").last.map(String.init) ?? qname).lowercased()
        switch local {
        case "rss": return .rss
        case "rdf": return .rdf
        case "feed": return .atom
        case "urlset": return .urlset
        case "sitemapindex": return .sitemapindex
        case "html", "head", "body": return .html
        default:
            if sawHTMLDoctype { return .html }
            return .unknownXML(qname)
        }
    }

    private static func containsHTMLMarker(_ b: [UInt8]) -> Bool {
        let head = String(decoding: b.prefix(4096), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<body") || head.contains("<head") || head.contains("<!doctype html")
    }

    private static func starts(_ b: [UInt8], _ s: String, at i: Int) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= b.count && b[i..<(i + u.count)].elementsEqual(u)
    }

    private static func startsInsensitive(_ b: [UInt8], _ s: String, at i: Int) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= b.count && b[i..<(i + u.count)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }.elementsEqual(u)
    }

    private static func find(_ b: [UInt8], _ s: String, from: Int) -> Int? {
        let u = Array(s.utf8)
        guard u.count > 0, b.count >= u.count else { return nil }
        var i = from
        while i + u.count <= b.count {
            if b[i] == u[0], b[i..<(i + u.count)].elementsEqual(u) { return i }
            i += 1
        }
        return nil
    }
}
