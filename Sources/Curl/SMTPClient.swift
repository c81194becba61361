import CCurl
import Foundation

/// How an SMTP connection is protected (config `smtp.tls`).
public enum SMTPTLSMode: String, Sendable, CaseIterable {
    /// `smtp://host:587` + STARTTLS, and the send fails if the server does not offer it:
    /// never a silent fallback to plaintext (libcurl `CURLUSESSL_ALL`).
    case required
    /// `smtps://host:465`: TLS from the first byte.
    case implicit
    /// Plaintext, for a relay on loopback only; the config check refuses it for other hosts.
    case none
}

/// Where and how to send mail (DESIGN.md config `smtp:`).
public struct SMTPConfiguration: Sendable {
    public var url: String
    public var tls: SMTPTLSMode
    public var username: String?
    public var password: String?
    /// An extra CA bundle, e.g. for a private relay's certificate.
    public var caFile: String?
    public var connectTimeout: Duration
    public var timeout: Duration

    public init(url: String, tls: SMTPTLSMode = .required, username: String? = nil, password: String? = nil,
                caFile: String? = nil, connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60)) {
        self.url = url
        self.tls = tls
        self.username = username
        self.password = password
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// What one SMTP send came to.
public struct SMTPResult: Sendable {
    /// The server's last reply code (250 once DATA is accepted); 0 if none arrived.
    public var replyCode: Int
    /// libcurl's result code (0 = CURLE_OK).
    public var curlCode: Int
    public var errorText: String
    public var duration: Duration

    public var accepted: Bool { curlCode == 0 }

    /// A 5xx reply is the server's final word (unknown mailbox, message refused, bad
    /// credentials); anything else (4xx, timeouts, TLS trouble, a lost connection) may pass.
    public var isPermanent: Bool {
        if (500..<600).contains(replyCode) { return true }
        return curlCode == Int(CURLE_USE_SSL_FAILED.rawValue) || curlCode == Int(CURLE_LOGIN_DENIED.rawValue)
            || curlCode == Int(CURLE_URL_MALFORMAT.rawValue) || curlCode == Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue)
    }

    /// One line naming the server and what happened, with what to check.
    public func message(url: String) -> String {
        if accepted { return "smtp: \(url): accepted (\(replyCode))" }
        let hint: String = switch Int32(curlCode) {
        case Int32(CURLE_USE_SSL_FAILED.rawValue):
            "the server does not offer STARTTLS and smtp.tls is required; nothing was sent. Use smtps:// with tls: implicit, or a relay that supports TLS"
        case Int32(CURLE_LOGIN_DENIED.rawValue): "login refused; check smtp.username and the password file or variable"
        case Int32(CURLE_PEER_FAILED_VERIFICATION.rawValue), Int32(CURLE_SSL_CACERT_BADFILE.rawValue):
            "the server's certificate is not trusted; set smtp.ca_file for a private CA"
        case Int32(CURLE_COULDNT_CONNECT.rawValue): "connection refused; check smtp.url's host and port"
        case Int32(CURLE_COULDNT_RESOLVE_HOST.rawValue): "host not found; check smtp.url"
        case Int32(CURLE_OPERATION_TIMEDOUT.rawValue): "timed out"
        default: ""
        }
        let reply = replyCode > 0 ? " (reply \(replyCode))" : ""
        return "smtp: \(url): \(errorText)\(reply)" + (hint.isEmpty ? "" : "; " + hint)
    }
}

/// Sends mail through libcurl's SMTP support on a ``MultiDriver`` of its own, so an SMTP
/// conversation never blocks Swift's cooperative pool and connections to the relay are
/// reused between messages (libcurl keeps them in the multi handle's pool).
public final class SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    private let driver: MultiDriver
    private let live = LiveCounter()
    private let transferConfiguration: HTTPClientConfiguration

    public init(configuration: SMTPConfiguration) {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        self.configuration = configuration
        var http = HTTPClientConfiguration()
        http.connectTimeout = configuration.connectTimeout
        http.timeout = configuration.timeout
        http.caFile = configuration.caFile
        http.maxConnections = 4
        http.maxConnectionsPerHost = 4
        self.transferConfiguration = http
        self.driver = MultiDriver(configuration: http)
    }

    deinit { driver.shutdown() }

    public func shutdown() { driver.shutdown() }

    /// Sends `message` (RFC 5322 bytes, CRLF line ends) from `from` to each of `recipients`
    /// (bare addresses). libcurl performs the dot-stuffing of DATA.
    public func send(from: String, to recipients: [String], message: [UInt8]) async -> SMTPResult {
        guard let transfer = Transfer(
            url: configuration.url, configuration: transferConfiguration, headers: [],
            maxBody: 1 << 16, keepBody: 0, timeout: configuration.timeout, allowedAddress: nil, live: live
        ) else {
            return SMTPResult(replyCode: 0, curlCode: Int(CURLE_OUT_OF_MEMORY.rawValue), errorText: "could not create a transfer", duration: .zero)
        }
        let upload = SMTPUpload(message)
        var rcpt: UnsafeMutablePointer<curl_slist>?
        for address in recipients { rcpt = curl_slist_append(rcpt, "<\(address)>") }
        defer { curl_slist_free_all(rcpt) }

        let easy = transfer.easy
        ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        ccurl_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(from)>")
        ccurl_easy_setopt_slist(easy, CURLOPT_MAIL_RCPT, rcpt)
        ccurl_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
        ccurl_easy_setopt_off_t(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count))
        ccurl_easy_setopt_read_function(easy, smtpRead)
        ccurl_easy_setopt_pointer(easy, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque())
        let useSSL: Int = switch configuration.tls {
        case .required, .implicit: Int(CURLUSESSL_ALL.rawValue)
        case .none: Int(CURLUSESSL_NONE.rawValue)
        }
        ccurl_easy_setopt_long(easy, CURLOPT_USE_SSL, useSSL)
        if let username = configuration.username { ccurl_easy_setopt_string(easy, CURLOPT_USERNAME, username) }
        if let password = configuration.password { ccurl_easy_setopt_string(easy, CURLOPT_PASSWORD, password) }

        let report = await driver.perform(transfer)
        withExtendedLifetime(upload) {}
        return SMTPResult(replyCode: report.status, curlCode: report.code, errorText: report.errorText, duration: report.duration)
    }
}

/// The message bytes and how far libcurl has read them; lives until the transfer ends.
private final class SMTPUpload: @unchecked Sendable {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private let smtpRead: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { buffer, size, count, user in
    guard let buffer, let user else { return 0 }
    let upload = Unmanaged<SMTPUpload>.fromOpaque(user).takeUnretainedValue()
    let n = min(size * count, upload.bytes.count - upload.offset)
    guard n > 0 else { return 0 }
    upload.bytes.withUnsafeBytes { raw in
        UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + upload.offset, byteCount: n)
    }
    upload.offset += n
    return n
}
