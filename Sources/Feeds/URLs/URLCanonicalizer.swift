/// The canonical form of a story URL, used to recognise the same article under different
/// links: lowercase scheme and host (RFC 3986 §6.2.2.1), IDN hosts as punycode A-labels
/// (RFC 5891), default ports dropped and an empty path as "/" (§6.2.3), fragment dropped,
/// tracking parameters removed (utm_*, fbclid, gclid, mc_cid, mc_eid, ocid, cmpid and kin).
public enum URLCanonicalizer {
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "ocid",
        "cmpid", "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "ncid", "sr_share", "spm",
    ]

    static let defaultPorts = ["http": "80", "https": "443", "ftp": "21"]

    /// Nil when `url` is not an absolute http(s)-like URL with a host.
    /// Works on UTF-8 bytes: it runs once per story.
    public static func canonical(_ url: String) -> String? {
        let b = Array(url.trimmedFeedText.utf8)
        guard let colon = b.firstIndex(of: 0x3A), colon > 0,
              URLResolver.hasScheme(String(decoding: b[...colon], as: UTF8.self)) else { return nil }
        let scheme = String(decoding: b[..<colon].map(lowerASCII), as: UTF8.self)
        var i = colon + 1
        guard i + 1 < b.count, b[i] == 0x2F, b[i + 1] == 0x2F else { return nil }
        i += 2
        let end = b[i...].firstIndex(of: 0x23) ?? b.count
        let authorityEnd = b[i..<end].firstIndex(where: { $0 == 0x2F || $0 == 0x3F }) ?? end
        var hostStart = i
        var userinfo = ""
        if let at = b[i..<authorityEnd].lastIndex(of: 0x40) {
            userinfo = String(decoding: b[i...at], as: UTF8.self)
            hostStart = at + 1
        }
        var hostEnd = authorityEnd
        var port = ""
        if let c = b[hostStart..<authorityEnd].lastIndex(of: 0x3A), !b[c..<authorityEnd].contains(0x5D) {
            hostEnd = c
            port = String(decoding: b[(c + 1)..<authorityEnd], as: UTF8.self)
        }
        guard hostEnd > hostStart else { return nil }
        let rawHost = b[hostStart..<hostEnd]
        var host: String
        if rawHost.contains(where: { $0 >= 0x80 || $0 == 0x25 }) {
            host = Punycode.asciiHost(URLPercent.decodeHost(String(decoding: rawHost, as: UTF8.self)))
        } else {
            host = String(decoding: rawHost.map(lowerASCII), as: UTF8.self)
        }
        if host.hasSuffix(".") { host.removeLast() }
        if port == defaultPorts[scheme] { port = "" }

        var out = scheme + "://" + userinfo + host + (port.isEmpty ? "" : ":" + port)
        let q = b[authorityEnd..<end].firstIndex(of: 0x3F) ?? end
        let path = b[authorityEnd..<q]
        out += path.isEmpty ? "/" : URLResolver.percentEncodeLoose(String(decoding: path, as: UTF8.self))
        if q < end {
            var kept: [ArraySlice<UInt8>] = []
            for pair in b[(q + 1)..<end].split(separator: 0x26) {
                let key = pair[..<(pair.firstIndex(of: 0x3D) ?? pair.endIndex)]
                guard !key.isEmpty, !isTracking(key) else { continue }
                kept.append(pair)
            }
            if !kept.isEmpty {
                let query = kept.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "&")
                out += "?" + URLResolver.percentEncodeLoose(query)
            }
        }
        return out
    }

    private static func lowerASCII(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    private static func isTracking(_ key: ArraySlice<UInt8>) -> Bool {
        if key.count >= 4, key.prefix(4).map(lowerASCII).elementsEqual("utm_".utf8) { return true }
        guard key.count <= 10 else { return false }
        return trackingParameters.contains(String(decoding: key.map(lowerASCII), as: UTF8.self))
    }
}

enum URLPercent {
    /// Hosts are sometimes percent-encoded UTF-8 ("b%C3%BCcher.de"); decode before IDNA.
    static func decodeHost(_ host: String) -> String {
        guard host.hasByte(0x25) else { return host }
        var bytes: [UInt8] = []
        var it = Array(host.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
               let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
