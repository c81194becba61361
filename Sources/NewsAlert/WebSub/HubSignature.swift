import Crypto
import Foundation

/// `X-Hub-Signature: method=signature` on pushed content (W3C WebSub §8 Authenticated
/// Content Distribution): an HMAC of the raw body keyed with the subscription's `hub.secret`,
/// lowercase hex, with method `sha1`, `sha256`, `sha384` or `sha512`.
public enum HubSignature {
    public enum Verdict: Sendable, Equatable {
        case valid(method: String)
        /// Why the push is to be ignored (logged; never told to the sender).
        case invalid(String)
    }

    public static let methods = ["sha1", "sha256", "sha384", "sha512"]

    /// Checks `header` against `body`. The comparison is constant-time (swift-crypto's
    /// `isValidAuthenticationCode`), so response timing reveals nothing about the expected MAC.
    public static func verify(header: String?, body: some DataProtocol, secret: String) -> Verdict {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            return .invalid("no X-Hub-Signature header")
        }
        guard let eq = header.firstIndex(of: "=") else { return .invalid("X-Hub-Signature is not method=signature") }
        let method = header[..<eq].lowercased()
        guard let mac = hexBytes(header[header.index(after: eq)...]) else {
            return .invalid("X-Hub-Signature's signature is not hexadecimal")
        }
        let key = SymmetricKey(data: Data(secret.utf8))
        let ok: Bool
        switch method {
        case "sha1": ok = HMAC<Insecure.SHA1>.isValidAuthenticationCode(mac, authenticating: body, using: key)
        case "sha256": ok = HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key)
        case "sha384": ok = HMAC<SHA384>.isValidAuthenticationCode(mac, authenticating: body, using: key)
        case "sha512": ok = HMAC<SHA512>.isValidAuthenticationCode(mac, authenticating: body, using: key)
        default: return .invalid("X-Hub-Signature method '\(method)' is not one of \(methods.joined(separator: ", "))")
        }
        return ok ? .valid(method: method) : .invalid("X-Hub-Signature does not match the body (\(method))")
    }

    /// The header value for `body` (what a hub sends); used by tests and tools.
    public static func sign(_ body: some DataProtocol, secret: String, method: String = "sha256") -> String? {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac: [UInt8]
        switch method {
        case "sha1": mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: body, using: key))
        case "sha256": mac = Array(HMAC<SHA256>.authenticationCode(for: body, using: key))
        case "sha384": mac = Array(HMAC<SHA384>.authenticationCode(for: body, using: key))
        case "sha512": mac = Array(HMAC<SHA512>.authenticationCode(for: body, using: key))
        default: return nil
        }
        return method + "=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static func hexBytes(_ s: Substring) -> [UInt8]? {
        let digits = Array(s.utf8)
        guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
