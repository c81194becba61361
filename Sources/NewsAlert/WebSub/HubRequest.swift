import Curl
import Foundation

/// A subscription or unsubscription request to a hub (W3C WebSub §5.1): a form-encoded POST
/// of `hub.callback`, `hub.mode`, `hub.topic`, and for subscriptions `hub.lease_seconds`
/// and `hub.secret`. The hub answers 202 Accepted and verifies the intent later (§5.3).
struct HubRequest: Sendable {
    enum Mode: String, Sendable { case subscribe, unsubscribe }

    var hub: String
    var mode: Mode
    var topic: String
    var callback: String
    var leaseSeconds: Int?
    var secret: String?

    /// The request body. The secret is sent whatever the hub's scheme: §5.1 advises HTTPS
    /// for it, but every push is refused unsigned, so a hub without the secret could push
    /// nothing at all; the README asks for https hubs.
    var form: [(String, String)] {
        var fields = [("hub.callback", callback), ("hub.mode", mode.rawValue), ("hub.topic", topic)]
        if mode == .subscribe {
            if let leaseSeconds { fields.append(("hub.lease_seconds", String(leaseSeconds))) }
            if let secret { fields.append(("hub.secret", secret)) }
        }
        return fields
    }

    var body: [UInt8] {
        Array(form.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&").utf8)
    }

    /// The outcome: nil when the hub accepted (any 2xx), else the reason and when to retry
    /// at the earliest (a Retry-After the hub sent).
    func send(with client: HTTPClient, timeout: Duration) async -> (error: String, retryAfter: Date?)? {
        let request = PostRequest(url: hub, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                  body: body, keepResponseBytes: 512, timeout: timeout)
        let result = await client.post(request)
        if result.failure == nil && (200..<300).contains(result.status) { return nil }
        if result.failure != nil { return ("websub: \(hub): \(mode.rawValue) request failed: \(result.message)", nil) }
        let said = String(decoding: result.bodyPrefix, as: UTF8.self)
            .split(whereSeparator: \.isNewline).first.map { ": \($0.prefix(200))" } ?? ""
        return ("websub: \(hub): the hub refused the \(mode.rawValue) request for \(topic) (HTTP \(result.status)\(said))",
                result.retryAfter)
    }

    /// application/x-www-form-urlencoded (WHATWG URL §5.2): unreserved bytes stay, space is `+`.
    static func formEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                out.append(Character(UnicodeScalar(b)))
            case UInt8(ascii: " "):
                out.append("+")
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }
}
