import Foundation

/// Resolves relative references (RFC 3986 §5) against xml:base, the feed URL or `<base href>`.
public enum URLResolver {
    /// The absolute form of `reference`, or the reference itself trimmed when no base is
    /// known or it is already absolute; nil for empty input.
    public static func resolve(_ reference: String, against base: String?) -> String? {
        let ref = reference.trimmedFeedText
        guard !ref.isEmpty else { return nil }
        if hasScheme(ref) { return ref }
        guard let base, !base.isEmpty else { return ref }
        guard let baseURL = URL(string: base) ?? URL(string: percentEncodeLoose(base)) else { return ref }
        if let u = URL(string: ref, relativeTo: baseURL) ?? URL(string: percentEncodeLoose(ref), relativeTo: baseURL) {
            return u.absoluteString
        }
        return ref
    }

    /// True when `s` starts with "scheme:" (RFC 3986 §3.1).
    static func hasScheme(_ s: String) -> Bool {
        var first = true
        for b in s.utf8 {
            if b == UInt8(ascii: ":") { return !first }
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            let other = (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E
            if first { guard letter else { return false } } else { guard letter || other else { return false } }
            first = false
        }
        return false
    }

    /// Percent-encodes the bytes RFC 3986 does not allow (spaces, non-ASCII, quotes) and
    /// keeps everything else, so URLs copied from real feeds still parse.
    static func percentEncodeLoose(_ s: String) -> String {
        guard s.utf8.contains(where: needsEncoding) else { return s }
        var out = ""
        for b in s.utf8 {
            if needsEncoding(b) {
                out += String(format: "%%%02X", b)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }

    /// `percentEncodeLoose` on bytes, appended to `out`.
    static func appendPercentEncodedLoose(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        for c in b {
            if needsEncoding(c) {
                out.append(0x25)
                out.append(hex.utf8Start[Int(c >> 4)])
                out.append(hex.utf8Start[Int(c & 0x0F)])
            } else {
                out.append(c)
            }
        }
    }

    private static func needsEncoding(_ b: UInt8) -> Bool {
        b <= 0x20 || b >= 0x7F || b == 0x22 || b == 0x3C || b == 0x3E || b == 0x5C || b == 0x5E
            || b == 0x60 || b == 0x7B || b == 0x7C || b == 0x7D
    }
}
