import Foundation

/// What one delivery attempt came to; the worker records it and acts on it.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The peer accepted the message (webhook 2xx, SMTP 250 after DATA).
    case delivered(status: Int)
    /// Worth trying again later; `retryAfter` is the peer's own wish (HTTP Retry-After).
    case retry(status: Int?, error: String, retryAfter: TimeInterval?)
    /// Trying again will not help (webhook 4xx other than 408/429, a refused address, a bad secret).
    case permanent(status: Int?, error: String)

    public var status: Int? {
        switch self {
        case .delivered(let s): s
        case .retry(let s, _, _), .permanent(let s, _): s
        }
    }

    public var error: String? {
        switch self {
        case .delivered: nil
        case .retry(_, let e, _), .permanent(_, let e): e
        }
    }
}

/// DESIGN.md "Webhook delivery": 2xx delivered; 408, 429 and 5xx retried with Retry-After
/// honoured; any other status fails permanently. The error keeps the first 200 bytes of the
/// response body, since that is usually where a receiver says what it disliked.
public enum WebhookOutcomeClassifier {
    public static let bodyExcerptLimit = 200

    public static func classify(
        url: String, status: Int, headers: [(name: String, value: String)], body: [UInt8], now: Date
    ) -> DeliveryOutcome {
        if (200..<300).contains(status) { return .delivered(status: status) }
        let excerpt = bodyExcerpt(body)
        let error = "webhook \(url): HTTP \(status)" + (excerpt.isEmpty ? "" : ": \(excerpt)")
        if status == 408 || status == 429 || (500..<600).contains(status) {
            let retryAfter = headers.last { $0.name.lowercased() == "retry-after" }
                .flatMap { RetryAfter.parse($0.value, now: now) }
            return .retry(status: status, error: error, retryAfter: retryAfter)
        }
        let hint = switch status {
        case 401, 403: " (check the channel's secret and the receiver's configuration)"
        case 404, 410: " (the webhook URL no longer exists; update the channel in the rules file)"
        case 300..<400: " (redirects are not followed for webhooks; use the final URL)"
        default: ""
        }
        return .permanent(status: status, error: error + hint)
    }

    /// The first 200 bytes, cut back to a whole UTF-8 character, with line breaks flattened so
    /// the error stays one line.
    static func bodyExcerpt(_ body: [UInt8]) -> String {
        var end = min(body.count, bodyExcerptLimit)
        while end > 0, end < body.count, body[end] & 0xC0 == 0x80 { end -= 1 }
        let text = String(decoding: body[..<end], as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }
}

/// RFC 9110 §10.2.3: `Retry-After: <delay-seconds>` or `Retry-After: <HTTP-date>`.
public enum RetryAfter {
    /// Seconds from `now`, or nil when the value is neither form. A date in the past is 0.
    public static func parse(_ value: String, now: Date) -> TimeInterval? {
        let v = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(v), seconds >= 0 { return TimeInterval(seconds) }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = format
            if let date = f.date(from: v) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
