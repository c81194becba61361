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
    /// Works on UTF-8 bytes into one output buffer: it runs once per story, and the slice →
    /// String → concatenation version was ≈ 3 % of a feed parse (Benchmarks/FeedBench/RESULTS.md).
    public static func canonical(_ url: String) -> String? {
        var trimmed = url.trimmedFeedText
        return trimmed.withUTF8 { b -> String? in
            guard let out = canonicalBytes(b) else { return nil }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func canonicalBytes(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let n = b.count
        guard let colon = b.firstIndex(of: 0x3A), colon > 0, isScheme(b, colon) else { return nil }
        var i = colon + 1
        guard i + 1 < n, b[i] == 0x2F, b[i + 1] == 0x2F else { return nil }
        i += 2
        let end = b[i...].firstIndex(of: 0x23) ?? n
        let authorityEnd = b[i..<end].firstIndex(where: { $0 == 0x2F || $0 == 0x3F }) ?? end
        var hostStart = i
        var userinfo = i..<i
        if let at = b[i..<authorityEnd].lastIndex(of: 0x40) {
            userinfo = i..<(at + 1)
            hostStart = at + 1
        }
        var hostEnd = authorityEnd
        var port = authorityEnd..<authorityEnd
        if let c = b[hostStart..<authorityEnd].lastIndex(of: 0x3A), !b[c..<authorityEnd].contains(0x5D) {
            hostEnd = c
            port = (c + 1)..<authorityEnd
        }
        guard hostEnd > hostStart else { return nil }

        var out: [UInt8] = []
        out.reserveCapacity(n + 8)
        for k in 0..<colon { out.append(lowerASCII(b[k])) }
        let schemeLength = colon
        out.append(contentsOf: [0x3A, 0x2F, 0x2F])
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[userinfo]))
        let rawHost = UnsafeBufferPointer(rebasing: b[hostStart..<hostEnd])
        if rawHost.contains(where: { $0 >= 0x80 || $0 == 0x25 }) {
            var host = Punycode.asciiHost(URLPercent.decodeHost(String(decoding: rawHost, as: UTF8.self)))
            if host.hasSuffix(".") { host.removeLast() }
            out.append(contentsOf: host.utf8)
        } else {
            for c in rawHost { out.append(lowerASCII(c)) }
            if out.last == 0x2E, out.count > schemeLength + 3 + userinfo.count { out.removeLast() }
        }
        if !port.isEmpty, !isDefaultPort(String(decoding: out[0..<schemeLength], as: UTF8.self),
                                         UnsafeBufferPointer(rebasing: b[port])) {
            out.append(0x3A)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[port]))
        }
        let q = b[authorityEnd..<end].firstIndex(of: 0x3F) ?? end
        if q == authorityEnd {
            out.append(0x2F)
        } else {
            URLResolver.appendPercentEncodedLoose(UnsafeBufferPointer(rebasing: b[authorityEnd..<q]), to: &out)
        }
        if q < end {
            var first = true
            for pair in b[(q + 1)..<end].split(separator: 0x26) {
                let key = pair[..<(pair.firstIndex(of: 0x3D) ?? pair.endIndex)]
                guard !key.isEmpty, !isTracking(UnsafeBufferPointer(rebasing: key)) else { continue }
                out.append(first ? 0x3F : 0x26)
                first = false
                URLResolver.appendPercentEncodedLoose(UnsafeBufferPointer(rebasing: pair), to: &out)
            }
        }
        return out
    }

    /// `URLResolver.hasScheme` on `b[...colon]`: a letter, then letters, digits, "+", "-", ".".
    private static func isScheme(_ b: UnsafeBufferPointer<UInt8>, _ colon: Int) -> Bool {
        for k in 0..<colon {
            let c = b[k]
            let letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            let other = (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E
            guard letter || (k > 0 && other) else { return false }
        }
        return true
    }

    /// `defaultPorts[scheme] == port`, on bytes.
    private static func isDefaultPort(_ scheme: String, _ port: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = defaultPorts[scheme] else { return false }
        return p.utf8.elementsEqual(port)
    }

    private static func lowerASCII(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    private static func isTracking(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if key.count >= 4, lowerASCII(key[0]) == 0x75, lowerASCII(key[1]) == 0x74, lowerASCII(key[2]) == 0x6D,
           key[3] == 0x5F { return true }
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
