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
    public static func canonical(_ url: String) -> String? {
        var s = Substring(url.trimmedFeedText)
        guard let colon = s.firstIndex(of: ":"), URLResolver.hasScheme(String(s[...colon])) else { return nil }
        let scheme = s[..<colon].lowercased()
        s = s[s.index(after: colon)...]
        guard s.hasPrefix("//") else { return nil }
        s = s.dropFirst(2)
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        let authorityEnd = s.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? s.endIndex
        var authority = s[..<authorityEnd]
        let rest = s[authorityEnd...]
        var userinfo = ""
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[...at])
            authority = authority[authority.index(after: at)...]
        }
        var host = String(authority)
        var port = ""
        if let c = authority.lastIndex(of: ":"), !authority[c...].contains("]") {
            host = String(authority[..<c])
            port = String(authority[authority.index(after: c)...])
        }
        guard !host.isEmpty else { return nil }
        host = Punycode.asciiHost(URLPercent.decodeHost(host))
        if host.hasSuffix(".") { host.removeLast() }
        if port == defaultPorts[scheme] { port = "" }

        var path = Substring(rest)
        var query: Substring? = nil
        if let q = rest.firstIndex(of: "?") {
            path = rest[..<q]
            query = rest[rest.index(after: q)...]
        }
        var out = scheme + "://" + userinfo + host + (port.isEmpty ? "" : ":" + port)
        out += path.isEmpty ? "/" : URLResolver.percentEncodeLoose(String(path))
        if let query {
            let kept = query.split(separator: "&").filter { pair in
                let key = pair.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
                return !key.isEmpty && !key.hasPrefix("utm_") && !trackingParameters.contains(key)
            }
            if !kept.isEmpty { out += "?" + URLResolver.percentEncodeLoose(kept.joined(separator: "&")) }
        }
        return out
    }
}

enum URLPercent {
    /// Hosts are sometimes percent-encoded UTF-8 ("b%C3%BCcher.de"); decode before IDNA.
    static func decodeHost(_ host: String) -> String {
        guard host.contains("%") else { return host }
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
