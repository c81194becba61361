import Foundation

/// A fresh representation of the source (any 2xx).
public struct Document: Sendable, Hashable {
    /// The decoded body (Content-Encoding removed by libcurl).
    public var body: Data
    public var contentType: String?
    /// Store these and send them with the next request.
    public var validators: Validators
    /// Until when the server said the body stays fresh (Cache-Control max-age or Expires);
    /// polling earlier is wasted work. Nil when the server said nothing or forbade caching.
    public var freshUntil: Date?
}

/// What a fetch came to. Callers switch on this; ``FetchResult/message`` says it in words.
///
/// Classification happens in one place (`Classifier.swift`) so that every consumer agrees on
/// what a 503 or a reset connection means.
public enum FetchOutcome: Sendable, Hashable {
    /// 2xx: new content.
    case modified(Document)
    /// 304: what we have is still current. Carries the validators to keep (the server's
    /// new ones where it sent any, else the request's) and the new freshness.
    case notModified(validators: Validators, freshUntil: Date?)
    /// 410: the source was removed on purpose; stop polling it.
    case gone
    /// 429, or 503 (which RFC 9110 §15.6.4 pairs with Retry-After): back off until `retryAfter`
    /// when the server said when, otherwise by the caller's own backoff.
    case rateLimited(status: Int, retryAfter: Date?)
    /// Any other 4xx (and unexpected 3xx/1xx finals): the request is wrong; retrying will not help.
    case clientError(status: Int)
    /// 5xx other than 503: the server failed; retry with backoff.
    case serverError(status: Int)
    /// Connect timeout, total timeout, or low-speed abort; `detail` says which.
    case timeout(detail: String)
    case dnsFailure(host: String)
    case connectionRefused(detail: String)
    /// The certificate was not trusted or the handshake failed. Never retried insecurely.
    case tlsFailure(detail: String)
    /// The body (after decoding) or the header block passed its cap; the transfer was aborted.
    case tooLarge(limit: Int, headers: Bool)
    /// More redirects than allowed (a loop, usually).
    case tooManyRedirects(limit: Int)
    /// The address policy refused every address of the host.
    case addressRefused(detail: String)
    /// The task was cancelled (or the client shut down) before the transfer finished.
    case cancelled
    /// Any other transport failure libcurl reports (reset connection, protocol error, bad URL).
    case failed(code: Int, detail: String)

    /// Whether the server sent an HTTP answer we can act on (as opposed to a transport failure).
    public var isHTTPResponse: Bool {
        switch self {
        case .modified, .notModified, .gone, .rateLimited, .clientError, .serverError: true
        default: false
        }
    }

    /// One line naming the URL, what happened and, where it helps, what to do next.
    public func message(url: String) -> String {
        "fetch: \(url): " + description
    }

    var description: String {
        switch self {
        case .modified(let document):
            "\(document.body.count) bytes of new content"
        case .notModified:
            "not modified since the last fetch (304)"
        case .gone:
            "the server says the source is gone for good (410); remove it from the config"
        case .rateLimited(let status, let retryAfter):
            if let retryAfter {
                "rate limited (\(status)); the server asks to wait until \(HTTPDate.rfc3339(retryAfter))"
            } else {
                "rate limited (\(status)) without Retry-After; backing off"
            }
        case .clientError(let status):
            switch status {
            case 401, 403: "access refused (\(status)); the source may need credentials or block bots; check it in a browser"
            case 404: "not found (404); check the URL, the feed may have moved without a redirect"
            default: "the server rejected the request (\(status)); check the URL"
            }
        case .serverError(let status):
            "server error (\(status)); will retry with backoff"
        case .timeout(let detail):
            "timed out (\(detail)); the server is slow or unreachable"
        case .dnsFailure(let host):
            "could not resolve host \(host); check the host name and this machine's DNS"
        case .connectionRefused(let detail):
            "could not connect (\(detail)); is the server up and the port right?"
        case .tlsFailure(let detail):
            "TLS failed (\(detail)); the certificate is not trusted or the handshake failed (verification is always on)"
        case .tooLarge(let limit, let headers):
            headers
                ? "response headers exceed \(limit) bytes; transfer aborted"
                : "body exceeds \(limit) bytes after decoding; transfer aborted (raise http.max_body if the source is legitimate)"
        case .tooManyRedirects(let limit):
            "more than \(limit) redirects (a loop?); point the source at its final URL"
        case .addressRefused(let detail):
            "refused to connect to \(detail) (private or disallowed address); allow it explicitly if intended"
        case .cancelled:
            "cancelled before it finished"
        case .failed(let code, let detail):
            "transfer failed: \(detail) (curl error \(code))"
        }
    }
}

/// Everything known about one fetch.
public struct FetchResult: Sendable {
    /// The URL asked for.
    public var url: String
    public var outcome: FetchOutcome
    /// The URL the final response came from (after redirects).
    public var finalURL: String
    /// Set when the request reached `finalURL` through permanent redirects only (301/308,
    /// RFC 9110 §15.4.2/§15.4.9): the caller should store this URL for the source from now on.
    /// A temporary hop (302/303/307) anywhere before it means the original URL stays canonical.
    public var movedPermanently: String?
    /// HTTP status of the final response; 0 when there was none.
    public var status: Int
    public var headers: HTTPHeaders
    public var redirectCount: Int
    public var duration: Duration

    public var message: String {
        var line = outcome.message(url: url)
        if let movedPermanently { line += "; moved permanently to \(movedPermanently)" }
        return line
    }
}

/// What a POST came to: the peer's answer, or why there was none.
public struct PostResult: Sendable {
    public var url: String
    /// HTTP status; 0 when no response arrived (see `failure`).
    public var status: Int
    public var headers: HTTPHeaders
    /// The first ``PostRequest/keepResponseBytes`` bytes of the response body.
    public var bodyPrefix: [UInt8]
    public var duration: Duration
    /// A transport failure (`.timeout`, `.connectionRefused`, `.tlsFailure`, `.addressRefused`…),
    /// nil when the peer answered.
    public var failure: FetchOutcome?
    /// Retry-After of a 429/503 (or any) answer, resolved to a date.
    public var retryAfter: Date?

    public var message: String {
        if let failure { return "post: \(url): " + failure.description }
        return "post: \(url): HTTP \(status)"
    }
}
