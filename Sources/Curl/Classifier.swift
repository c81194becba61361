import CCurl
import Foundation

/// What the driver hands back for one finished transfer: raw facts, no interpretation.
struct TransferReport: Sendable {
    var code: Int
    var errorText: String
    var status: Int
    var headers: HTTPHeaders
    var body: Data
    var finalURL: String
    var movedPermanently: String?
    var redirectCount: Int
    var overflow: Overflow?
    var refusedAddress: String?
    var cancelled: Bool
    var duration: Duration
    var host: String

    enum Overflow: Sendable { case body(Int), headers(Int) }
}

/// The one place that turns transfer facts into outcomes: transport codes first, then HTTP
/// status, Retry-After (RFC 9110 §10.2.3) and freshness (RFC 9111 §4.2.1).
enum Classifier {
    static func fetchResult(_ report: TransferReport, request: FetchRequest, maxRedirects: Int, now: Date = Date()) -> FetchResult {
        let outcome = transportFailure(report, maxRedirects: maxRedirects)
            ?? httpOutcome(report, request: request, now: now)
        return FetchResult(
            url: request.url, outcome: outcome, finalURL: report.finalURL,
            movedPermanently: outcome.isHTTPResponse ? report.movedPermanently : nil,
            status: report.status, headers: report.headers, redirectCount: report.redirectCount,
            duration: report.duration
        )
    }

    static func postResult(_ report: TransferReport, request: PostRequest, now: Date = Date()) -> PostResult {
        let failure = transportFailure(report, maxRedirects: 0)
        return PostResult(
            url: request.url, status: report.status, headers: report.headers,
            bodyPrefix: Array(report.body.prefix(request.keepResponseBytes)), duration: report.duration,
            failure: failure, retryAfter: failure == nil ? retryAfter(report.headers, now: now) : nil
        )
    }

    /// Transport-level failures, from our own abort flags first (they explain a generic
    /// CURLE_WRITE_ERROR), then libcurl's code.
    static func transportFailure(_ report: TransferReport, maxRedirects: Int) -> FetchOutcome? {
        if report.cancelled { return .cancelled }
        switch report.overflow {
        case .body(let limit): return .tooLarge(limit: limit, headers: false)
        case .headers(let limit): return .tooLarge(limit: limit, headers: true)
        case nil: break
        }
        if let refused = report.refusedAddress, report.code != Int(CURLE_OK.rawValue) {
            return .addressRefused(detail: refused)
        }
        let detail = report.errorText
        switch CURLcode(rawValue: UInt32(report.code)) {
        case CURLE_OK: return nil
        case CURLE_OPERATION_TIMEDOUT: return .timeout(detail: detail)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dnsFailure(host: report.host)
        case CURLE_COULDNT_CONNECT: return .connectionRefused(detail: detail)
        case CURLE_FILESIZE_EXCEEDED: return .tooLarge(limit: report.body.count, headers: false)
        case CURLE_TOO_MANY_REDIRECTS: return .tooManyRedirects(limit: maxRedirects)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
             CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED:
            return .tlsFailure(detail: detail)
        default: return .failed(code: report.code, detail: detail)
        }
    }

    static func httpOutcome(_ report: TransferReport, request: FetchRequest, now: Date) -> FetchOutcome {
        let headers = report.headers
        switch report.status {
        case 200..<300:
            return .modified(Document(
                body: report.body, contentType: headers["Content-Type"],
                validators: Validators(etag: headers["ETag"], lastModified: headers["Last-Modified"]),
                freshUntil: freshUntil(headers, now: now)
            ))
        case 304:
            // RFC 9111 §4.3.4: a 304 updates stored validators only where it carries new ones.
            let validators = Validators(
                etag: headers["ETag"] ?? request.validators.etag,
                lastModified: headers["Last-Modified"] ?? request.validators.lastModified
            )
            return .notModified(validators: validators, freshUntil: freshUntil(headers, now: now))
        case 410: return .gone
        case 429, 503: return .rateLimited(status: report.status, retryAfter: retryAfter(headers, now: now))
        case 500..<600: return .serverError(status: report.status)
        default: return .clientError(status: report.status)
        }
    }

    /// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
    static func retryAfter(_ headers: HTTPHeaders, now: Date) -> Date? {
        guard let value = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return now.addingTimeInterval(TimeInterval(max(0, seconds))) }
        return HTTPDate.parse(value)
    }

    /// Freshness lifetime: max-age wins over Expires (RFC 9111 §4.2.1), minus the Age already
    /// spent in caches (§4.2.3). no-store/no-cache mean "revalidate every time": nil.
    static func freshUntil(_ headers: HTTPHeaders, now: Date) -> Date? {
        let directives = headers.values("Cache-Control")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if directives.contains(where: { $0 == "no-store" || $0 == "no-cache" }) { return nil }
        let age = headers["Age"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
        if let maxAge = directives.lazy.compactMap({ directive -> Int? in
            guard directive.hasPrefix("max-age=") else { return nil }
            return Int(directive.dropFirst("max-age=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }).first {
            return now.addingTimeInterval(TimeInterval(max(0, maxAge - age)))
        }
        if let expires = headers["Expires"] {
            // An invalid Expires means "already expired" (RFC 9111 §5.3).
            guard let date = HTTPDate.parse(expires) else { return nil }
            let serverNow = headers["Date"].flatMap(HTTPDate.parse) ?? now
            return now.addingTimeInterval(max(0, date.timeIntervalSince(serverNow)))
        }
        return nil
    }
}
